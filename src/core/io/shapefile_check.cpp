#include "core/io/shapefile_check.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace fp {

namespace {

constexpr uint64_t kHeaderBytes = 100;
constexpr int32_t kFileCode = 9994;

int32_t bigEndian(const unsigned char* p) {
    return static_cast<int32_t>((uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) |
                                p[3]);
}

uint32_t littleEndian(const unsigned char* p, int bytes) {
    uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

double littleDouble(const unsigned char* p) {
    uint64_t bits = 0;
    for (int i = 7; i >= 0; --i) bits = (bits << 8) | p[i];
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}

bool knownShapeType(int32_t type) {
    static constexpr std::array kTypes = {0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28, 31};
    return std::find(kTypes.begin(), kTypes.end(), type) != kTypes.end();
}

bool isPointType(int32_t type) {
    return type == 1 || type == 11 || type == 21;
}

/// A bounding box grown point by point (NaN coordinates left out).
struct Box {
    double minX = INFINITY, minY = INFINITY, maxX = -INFINITY, maxY = -INFINITY;
    void add(double x, double y) {
        if (std::isnan(x) || std::isnan(y)) return;
        minX = std::min(minX, x), maxX = std::max(maxX, x);
        minY = std::min(minY, y), maxY = std::max(maxY, y);
    }
    bool empty() const { return minX > maxX; }
    /// True when `inner` lies in this box, allowing for rounding.
    bool holds(const Box& inner) const {
        const double tol =
            1e-9 * std::max({1.0, std::abs(minX), std::abs(maxX), std::abs(minY), std::abs(maxY)});
        return inner.minX >= minX - tol && inner.maxX <= maxX + tol && inner.minY >= minY - tol &&
               inner.maxY <= maxY + tol;
    }
    std::string text() const {
        char buf[160];
        std::snprintf(buf, sizeof buf, "%g,%g .. %g,%g", minX, minY, maxX, maxY);
        return buf;
    }
};

std::string name(const fs::path& p) {
    return p.filename().string();
}

/// What the .shx says and what the records it points at hold.
struct IndexScan {
    uint64_t entries = 0;
    uint64_t pastEnd = 0;       ///< entries pointing (partly) past the end of the .shp
    uint64_t firstPastEnd = 0;  ///< 1-based
    Box records;
};

IndexScan scanIndex(std::ifstream& shx, uint64_t shxSize, std::ifstream& shp, uint64_t shpSize) {
    IndexScan scan;
    scan.entries = (shxSize - kHeaderBytes) / 8;
    shx.seekg(static_cast<std::streamoff>(kHeaderBytes));
    for (uint64_t i = 0; i < scan.entries; ++i) {
        unsigned char entry[8];
        if (!shx.read(reinterpret_cast<char*>(entry), 8)) break;
        const uint64_t offset = uint64_t(uint32_t(bigEndian(entry))) * 2;
        const uint64_t length = uint64_t(uint32_t(bigEndian(entry + 4))) * 2;
        if (offset < kHeaderBytes || offset + 8 + length > shpSize) {
            if (scan.pastEnd++ == 0) scan.firstPastEnd = i + 1;
            continue;
        }
        unsigned char rec[8 + 4 + 32] = {};
        shp.clear();
        shp.seekg(static_cast<std::streamoff>(offset));
        if (length < 4 || !shp.read(reinterpret_cast<char*>(rec),
                                    static_cast<std::streamsize>(std::min<uint64_t>(sizeof rec, 8 + length))))
            continue;
        const int32_t type = static_cast<int32_t>(littleEndian(rec + 8, 4));
        if (isPointType(type) && length >= 20) {
            scan.records.add(littleDouble(rec + 12), littleDouble(rec + 20));
        } else if (type != 0 && length >= 36) {
            scan.records.add(littleDouble(rec + 12), littleDouble(rec + 20));
            scan.records.add(littleDouble(rec + 28), littleDouble(rec + 36));
        }
    }
    return scan;
}

/// The .dbf's record count against the .shx's and against its own size.
void checkTable(const fs::path& dbfPath, uint64_t shapes, ShapefileFindings& out) {
    std::error_code ec;
    const uint64_t size = fs::file_size(dbfPath, ec);
    std::ifstream dbf(dbfPath, std::ios::binary);
    unsigned char h[32];
    if (ec || !dbf.read(reinterpret_cast<char*>(h), 32)) {
        out.warnings.push_back(makeError(ErrorCode::IoError, dbfPath.string(),
                                         "is shorter than a dBASE header: the rows have no attributes"));
        return;
    }
    const uint64_t counted = littleEndian(h + 4, 4), headerBytes = littleEndian(h + 8, 2),
                   recordBytes = littleEndian(h + 10, 2);
    const uint64_t held = recordBytes > 0 && size > headerBytes ? (size - headerBytes) / recordBytes : 0;
    if (counted != shapes)
        out.warnings.push_back(makeError(ErrorCode::InvalidGeometry, dbfPath.string(),
                                         "its header counts " + std::to_string(counted) + " records but " +
                                             name(dbfPath.stem()) + ".shx indexes " + std::to_string(shapes) +
                                             " shapes: rows are matched by position"));
    if (counted > held)
        out.warnings.push_back(makeError(ErrorCode::InvalidGeometry, dbfPath.string(),
                                         "its header counts " + std::to_string(counted) +
                                             " records but the file holds " + std::to_string(held) +
                                             ": rows past record " + std::to_string(held) +
                                             " have no attributes (the file is truncated)"));
}

}  // namespace

Result<ShapefileFindings> checkShapefile(const std::string& shpPath) {
    ShapefileFindings out;
    std::error_code ec;
    const fs::path shp(shpPath);
    const uint64_t shpSize = fs::file_size(shp, ec);
    std::ifstream in(shp, std::ios::binary);
    unsigned char h[kHeaderBytes];
    if (ec || shpSize < kHeaderBytes || !in.read(reinterpret_cast<char*>(h), kHeaderBytes))
        return makeError(ErrorCode::UnsupportedFormat, shpPath,
                         "is not a shapefile: it is shorter than the 100-byte shapefile header");
    if (bigEndian(h) != kFileCode)
        return makeError(ErrorCode::UnsupportedFormat, shpPath,
                         "is not a shapefile: its header starts with file code " +
                             std::to_string(bigEndian(h)) + ", not 9994");
    const int32_t type = static_cast<int32_t>(littleEndian(h + 32, 4));
    if (!knownShapeType(type))
        return makeError(
            ErrorCode::UnsupportedFormat, shpPath,
            "has shape type " + std::to_string(type) + ", which no shapefile has (a damaged header?)");
    const uint64_t declared = uint64_t(uint32_t(bigEndian(h + 24))) * 2;
    if (declared != shpSize)
        out.warnings.push_back(makeError(ErrorCode::InvalidGeometry, shpPath,
                                         "its header gives a length of " + std::to_string(declared) +
                                             " bytes but the file has " + std::to_string(shpSize) +
                                             ": the records that are there are read"));

    fs::path shxPath = shp, dbfPath = shp;
    shxPath.replace_extension(shp.extension() == ".SHP" ? ".SHX" : ".shx");
    dbfPath.replace_extension(shp.extension() == ".SHP" ? ".DBF" : ".dbf");
    const uint64_t shxSize = fs::file_size(shxPath, ec);
    std::ifstream shx(shxPath, std::ios::binary);
    if (ec || !shx) return out;  // a missing .shx has its own message
    if (shxSize < kHeaderBytes || (shxSize - kHeaderBytes) % 8 != 0)
        out.warnings.push_back(makeError(ErrorCode::InvalidGeometry, shxPath.string(),
                                         "its " + std::to_string(shxSize) +
                                             " bytes are not a 100-byte header and whole 8-byte entries: "
                                             "the last entry is cut off"));
    if (shxSize < kHeaderBytes) return out;
    const IndexScan scan = scanIndex(shx, shxSize, in, shpSize);
    if (scan.pastEnd > 0)
        out.warnings.push_back(makeError(ErrorCode::InvalidGeometry, shxPath.string(),
                                         std::to_string(scan.pastEnd) + " of its " +
                                             std::to_string(scan.entries) + " entries (the first: entry " +
                                             std::to_string(scan.firstPastEnd) + ") point past the end of " +
                                             name(shp) + ": those records cannot be read"));
    Box header;
    header.add(littleDouble(h + 36), littleDouble(h + 44));
    header.add(littleDouble(h + 52), littleDouble(h + 60));
    if (!scan.records.empty() && !header.holds(scan.records))
        out.warnings.push_back(makeError(ErrorCode::InvalidGeometry, shpPath,
                                         "its header's bounding box (" + header.text() +
                                             ") does not hold its records (" + scan.records.text() +
                                             "): the map frames the records"));
    if (fs::exists(dbfPath, ec)) checkTable(dbfPath, scan.entries, out);
    return out;
}

Status checkShapefileSource(const std::string& source, LoadReport& report) {
    std::string ext = fs::path(source).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext != ".shp") return {};
    auto findings = checkShapefile(source);
    if (!findings) return findings.error();
    for (Error& w : findings->warnings) report.add(std::move(w));
    return {};
}

}  // namespace fp
