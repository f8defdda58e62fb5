#include "render/text/utf8.h"

#include <cstdint>

namespace fp {

std::vector<char32_t> decodeUtf8(std::string_view utf8) {
    std::vector<char32_t> out;
    out.reserve(utf8.size());
    const size_t n = utf8.size();
    size_t i = 0;
    while (i < n) {
        const auto lead = static_cast<uint8_t>(utf8[i]);
        if (lead < 0x80) {
            out.push_back(lead);
            ++i;
            continue;
        }
        int length = 0;
        char32_t cp = 0;
        // The bounds on the second byte are what exclude overlong forms, surrogates and values above
        // U+10FFFF without decoding first (Unicode table 3-7).
        uint8_t secondLo = 0x80, secondHi = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            cp = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            cp = lead & 0x0F;
            if (lead == 0xE0) secondLo = 0xA0;
            if (lead == 0xED) secondHi = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            cp = lead & 0x07;
            if (lead == 0xF0) secondLo = 0x90;
            if (lead == 0xF4) secondHi = 0x8F;
        } else {
            out.push_back(kReplacementChar);
            ++i;
            continue;
        }
        int consumed = 1;
        bool valid = true;
        for (; consumed < length; ++consumed) {
            if (i + consumed >= n) {
                valid = false;
                break;
            }
            const auto b = static_cast<uint8_t>(utf8[i + consumed]);
            const uint8_t lo = consumed == 1 ? secondLo : 0x80;
            const uint8_t hi = consumed == 1 ? secondHi : 0xBF;
            if (b < lo || b > hi) {
                valid = false;
                break;
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        out.push_back(valid ? cp : kReplacementChar);
        // On failure the offending byte is not consumed: it may start the next character.
        i += consumed;
    }
    return out;
}

}  // namespace fp
