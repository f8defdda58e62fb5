#include "core/io/incidents/text_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <memory>

#include "core/io/incidents/incident_row.h"

namespace fp::incident_io {

namespace {

/// Runs iconv `cd` over `bytes`. At a byte it cannot convert, `onBad(in, inLeft, out, used)` either skips
/// input and writes a replacement (true) or gives up (false: empty optional).
template <class OnBad>
std::optional<std::string> runIconv(iconv_t cd, std::string_view bytes, OnBad onBad) {
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
            if (out.size() - used < 8) out.resize(out.size() * 2);
            if (!onBad(in, inLeft, out, used)) return std::nullopt;
        }
    }
    out.resize(used);
    return out;
}

using IconvHandle = std::unique_ptr<void, int (*)(iconv_t)>;

IconvHandle openIconv(const std::string& to, const std::string& from) {
    iconv_t cd = iconv_open(to.c_str(), from.c_str());
    return IconvHandle(cd == reinterpret_cast<iconv_t>(-1) ? nullptr : cd, iconv_close);
}

/// `bytes` converted from `from` to UTF-8 by iconv; a byte it cannot convert becomes U+FFFD. Empty optional
/// when iconv does not know `from`.
std::optional<std::string> convert(std::string_view bytes, const std::string& from) {
    IconvHandle cd = openIconv("UTF-8", from);
    if (!cd) return std::nullopt;
    // EILSEQ or EINVAL (a truncated sequence at the end): one unmappable byte (a unit of two for UTF-16) is
    // shown as U+FFFD.
    const size_t unit = from.rfind("UTF-16", 0) == 0 ? 2 : 1;
    return runIconv(cd.get(), bytes, [&](char*& in, size_t& inLeft, std::string& out, size_t& used) {
        const size_t skip = std::min(unit, inLeft);
        in += skip;
        inLeft -= skip;
        out.replace(used, 3, "\xEF\xBF\xBD");
        used += 3;
        return true;
    });
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

Result<std::string> encodeText(std::string_view utf8, const std::string& encoding) {
    IconvHandle cd = openIconv(encoding, "UTF-8");
    if (!cd) return makeError(ErrorCode::InvalidArgument, encoding, "is not an encoding iconv knows");
    std::string bad;
    auto out = runIconv(cd.get(), utf8, [&](char*& in, size_t& inLeft, std::string&, size_t&) {
        size_t n = 1;
        while (n < 4 && n < inLeft && (static_cast<unsigned char>(in[n]) & 0xC0) == 0x80) ++n;
        bad.assign(in, n);
        return false;
    });
    if (!out) return makeError(ErrorCode::InvalidArgument, encoding, "has no character for '" + bad + "'");
    return std::move(out).value();
}

}  // namespace fp::incident_io
