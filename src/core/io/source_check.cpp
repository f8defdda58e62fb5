#include "core/io/source_check.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "core/util/secrets.h"

namespace fs = std::filesystem;

namespace fp {

namespace {

constexpr size_t kMaxVrtBytes = 16u << 20;   // a VRT is a small XML file; larger ones are left to GDAL
constexpr int kMaxVrtDepth = 8;              // VRT files naming VRT files, at most this deep (loops end)
constexpr size_t kVrtRootBytes = 64u << 10;  // where a VRT's root element must start (after a prolog)

/// The first `n` bytes of `path` (fewer for a shorter file; none when it cannot be read).
std::string head(const std::string& path, size_t n) {
    std::ifstream in(path, std::ios::binary);
    // Read in chunks rather than into a buffer of `n` bytes: every incident load reads a head, and zeroing
    // 16 MB each time made a load of a small file slow.
    std::string bytes;
    std::array<char, 16384> chunk;
    while (bytes.size() < n) {
        in.read(chunk.data(), static_cast<std::streamsize>(std::min(chunk.size(), n - bytes.size())));
        if (in.gcount() <= 0) break;
        bytes.append(chunk.data(), static_cast<size_t>(in.gcount()));
    }
    return bytes;
}

/// `text` with XML's predefined entities replaced.
std::string xmlUnescape(std::string text) {
    static const std::pair<const char*, const char*> kEntities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [entity, plain] : kEntities)
        for (size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1))
            text.replace(at, std::char_traits<char>::length(entity), plain);
    return text;
}

/// True when `text` starts (after white space and a UTF-8 byte-order mark) with a VRT's root element.
bool isVrt(std::string_view text) {
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    if (text.rfind("<?xml", 0) == 0) {
        const size_t end = text.find("?>");
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 2);
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    }
    return text.rfind("<OGRVRTDataSource", 0) == 0 || text.rfind("<VRTDataset", 0) == 0;
}

/// One source a VRT names: the text of a SrcDataSource (OGR) or SourceFilename (raster) element.
struct VrtSource {
    std::string name;
    bool relative = false;  ///< relativeToVRT="1": a path from the VRT's folder
};

std::vector<VrtSource> vrtSources(const std::string& xml) {
    static const std::regex kSource(R"(<(SrcDataSource|SourceFilename)\b([^>]*)>([^<]*)<)");
    static const std::regex kRelative(R"(relativeToVRT\s*=\s*["']1["'])");
    std::vector<VrtSource> sources;
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), kSource); it != std::sregex_iterator(); ++it)
        sources.push_back({xmlUnescape((*it)[3].str()), std::regex_search((*it)[2].str(), kRelative)});
    return sources;
}

/// checkNetworkAllowed for `source` and, for a name with a driver prefix ("CSV:http://..."), for what
/// follows the prefix.
Status checkSourceName(const std::string& source) {
    if (Status s = checkNetworkAllowed(source); !s) return s;
    const size_t colon = source.find(':');
    if (colon != std::string::npos && colon > 1 && !isDatabaseSource(source))
        return checkNetworkAllowed(source.substr(colon + 1));
    return {};
}

Status checkVrt(const std::string& path, const std::string& shownPath, int depth,
                std::set<std::string>& seen) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    if (depth > kMaxVrtDepth || !seen.insert(ec ? path : canonical.string()).second) return {};
    if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) > kMaxVrtBytes) return {};
    std::string xml = head(path, kVrtRootBytes);
    if (!isVrt(xml)) return {};
    if (xml.size() == kVrtRootBytes) xml = head(path, kMaxVrtBytes);
    for (const VrtSource& source : vrtSources(xml)) {
        if (Status s = checkSourceName(source.name); !s)
            return makeError(s.error().code, shownPath,
                             "its source " + s.error().source + " " + s.error().message);
        const fs::path local =
            source.relative ? fs::path(path).parent_path() / source.name : fs::path(source.name);
        if (Status s = checkVrt(local.string(), shownPath, depth + 1, seen); !s) return s;
    }
    return {};
}

}  // namespace

std::string wideTextEncoding(std::string_view h) {
    auto at = [&](size_t i) { return i < h.size() ? static_cast<unsigned char>(h[i]) : 0x100u; };
    if (at(0) == 0xFF && at(1) == 0xFE) return at(2) == 0 && at(3) == 0 ? "UTF-32LE" : "UTF-16LE";
    if (at(0) == 0xFE && at(1) == 0xFF) return "UTF-16BE";
    if (at(0) == 0 && at(1) == 0 && at(2) == 0xFE && at(3) == 0xFF) return "UTF-32BE";
    // No byte-order mark: ASCII characters leave NULs in a fixed pattern.
    const auto ascii = [](unsigned c) { return c >= 0x09 && c < 0x80; };
    if (h.size() >= 4) {
        if (ascii(at(0)) && at(1) == 0 && at(2) == 0 && at(3) == 0) return "UTF-32LE";
        if (at(0) == 0 && at(1) == 0 && at(2) == 0 && ascii(at(3))) return "UTF-32BE";
        if (ascii(at(0)) && at(1) == 0 && ascii(at(2)) && at(3) == 0) return "UTF-16LE";
        if (at(0) == 0 && ascii(at(1)) && at(2) == 0 && ascii(at(3))) return "UTF-16BE";
    }
    return {};
}

std::string unreadableVectorReason(const std::string& path, const std::string& gdalReason) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        const std::string encoding = wideTextEncoding(head(path, 4));
        if (!encoding.empty())
            return "is " + encoding +
                   " text, which GDAL reads only as UTF-8: save the file as UTF-8 (e.g. iconv -f " +
                   encoding + " -t UTF-8)";
    }
    std::string why = "not a vector data format GDAL can read";
    if (!gdalReason.empty()) why += " (" + gdalReason + ")";
    return why;
}

Status checkVrtSources(const std::string& path) {
    std::set<std::string> seen;
    return checkVrt(path, path, 0, seen);
}

}  // namespace fp
