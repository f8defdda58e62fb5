#include "core/io/incidents/text_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <memory>

#include "core/io/incidents/incident_row.h"

namespace fp::incident_io {

namespace {

/// `bytes` converted from `from` to UTF-8 by iconv; a byte it cannot convert becomes U+FFFD. Empty optional
/// when iconv does not know `from`.
std::optional<std::string> convert(std::string_view bytes, const std::string& from) {
    iconv_t cd = iconv_open("UTF-8", from.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::unique_ptr<void, int (*)(iconv_t)> closer(cd, iconv_close);
    std::string out(bytes.size() + bytes.size() / 2 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    size_t inLeft = bytes.size();
    size_t used = 0;
    while (inLeft > 0) {
        char* dst = out.data() + used;
        size_t outLeft = out.size() - used;
        const size_t r = iconv(cd, &in, &inLeft, &dst, &outLeft);
        used = out.size() - outLeft;
        if (r != static_cast<size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
        } else {
            // EILSEQ or EINVAL (a truncated sequence at the end): one unmappable byte (a unit of two for
            // UTF-16) is shown as U+FFFD.
            const size_t skip = from.rfind("UTF-16", 0) == 0 ? std::min<size_t>(2, inLeft) : 1;
            in += skip;
            inLeft -= skip;
            if (out.size() - used < 3) out.resize(out.size() * 2);
            out.replace(used, 3, "\xEF\xBF\xBD");
            used += 3;
        }
    }
    out.resize(used);
    return out;
}

}  // namespace

Result<DecodedText> decodeText(std::string_view bytes, const std::string& encoding, const std::string& path) {
    DecodedText d;
    std::string asked;
    for (char c : encoding) asked += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    if (asked == "UTF8") asked = "UTF-8";
    if (!asked.empty() && asked != "UTF-8") {
        // iconv leaves a UTF-16 byte-order mark out when told the byte order; with plain "UTF-16" it reads
        // it.
        auto text = convert(bytes, asked);
        if (!text) {
            return makeError(
                ErrorCode::InvalidArgument, path,
                "unknown encoding '" + encoding + "' (e.g. UTF-8, WINDOWS-1252, ISO-8859-2, UTF-16)");
        }
        d.utf8 = std::move(text);
        d.encoding = asked;
        return d;
    }
    if (asked.empty() && bytes.size() >= 2 &&
        ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
        d.encoding = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
        d.utf8 = convert(bytes.substr(2), d.encoding);
        return d;
    }
    d.encoding = "UTF-8";
    if (!asked.empty() || isValidUtf8(bytes)) return d;
    d.encoding = "WINDOWS-1252";
    d.guessed = true;
    d.utf8 = convert(bytes, d.encoding);
    return d;
}

}  // namespace fp::incident_io
