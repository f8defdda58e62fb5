#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "core/places/gazetteer_data.h"
#include "core/places/normalize.h"
#include "core/places/place_grid.h"
#include "core/util/atomic_file.h"

namespace fp {

// File layout (little-endian), used in place: the file is mapped and its tables read where they lie.
//   header   "FPGAZET\n" | u32 format version | u32 name normalisation version | u32 section count |
//            u32 CRC-32 of every byte after the header
//   sections count x {u32 tag, u32 zero, u64 offset, u64 size}, then each section at an 8-byte aligned
//            offset (zero padding between): POOL (strings), PLAC (PlaceRow[]), NAME (NameRow[]),
//            ORDR (u32 place by importance), RANK (u32 position in ORDR), GRDS (u32 cell starts,
//            360 x 180 + 1), GRDI (u32 places by cell), IDS (IdRow[] by id)
//   Rows are the structs of gazetteer_data.h byte for byte.
static_assert(std::endian::native == std::endian::little, "gazetteer files are read as little-endian");

namespace {

constexpr char kMagic[8] = {'F', 'P', 'G', 'A', 'Z', 'E', 'T', '\n'};
constexpr uint32_t kFormatVersion = 2;
constexpr size_t kHeaderBytes = 8 + 4 + 4 + 4 + 4;

struct SectionEntry {
    uint32_t tag = 0;
    uint32_t zero = 0;
    uint64_t offset = 0;
    uint64_t size = 0;
};
static_assert(sizeof(SectionEntry) == 24);

constexpr uint32_t tag(const char (&s)[5]) {
    return uint32_t(uint8_t(s[0])) | uint32_t(uint8_t(s[1])) << 8 | uint32_t(uint8_t(s[2])) << 16 |
           uint32_t(uint8_t(s[3])) << 24;
}
constexpr uint32_t kPool = tag("POOL"), kPlaces = tag("PLAC"), kNames = tag("NAME"), kOrder = tag("ORDR"),
                   kRank = tag("RANK"), kGridStart = tag("GRDS"), kGridItems = tag("GRDI"),
                   kIds = tag("IDS ");
constexpr uint32_t kTags[] = {kPool, kPlaces, kNames, kOrder, kRank, kGridStart, kGridItems, kIds};
constexpr size_t kSectionCount = sizeof kTags / sizeof kTags[0];

Error corrupt(const std::string& path, const std::string& why) {
    return makeError(ErrorCode::UnsupportedFormat, path, "not a valid Flashpoint gazetteer file: " + why);
}

template <class T>
std::string_view bytesOf(const std::vector<T>& v) {
    return {reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)};
}

template <class T>
void put(std::string& out, T v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

/// A read-only mapping of a whole file, unmapped when the last owner goes.
struct Mapping {
    void* base = nullptr;
    size_t size = 0;
    ~Mapping() {
        if (base) ::munmap(base, size);
    }
};

Result<std::shared_ptr<const Mapping>> mapFile(const std::string& path) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status))
        return makeError(ErrorCode::NotFound, path, "gazetteer file not found");
    if (std::filesystem::is_directory(status))
        return makeError(ErrorCode::IsDirectory, path, "is a directory, not a gazetteer file");
    if (!std::filesystem::is_regular_file(status))
        return corrupt(path, "not a regular file (a device, pipe or socket)");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return makeError(ErrorCode::PermissionDenied, path,
                         std::string("cannot open the gazetteer file for reading: ") + std::strerror(errno));
    struct stat st {};
    auto m = std::make_shared<Mapping>();
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        m->size = static_cast<size_t>(st.st_size);
        void* p = ::mmap(nullptr, m->size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) m->base = p;
    }
    ::close(fd);
    if (!m->base && m->size > 0) return makeError(ErrorCode::IoError, path, "cannot map the gazetteer file");
    return std::shared_ptr<const Mapping>(std::move(m));
}

template <class T>
std::span<const T> sectionSpan(const unsigned char* base, const SectionEntry& s) {
    return {reinterpret_cast<const T*>(base + s.offset), s.size / sizeof(T)};
}

/// True when no cell of the grid starts after the next one. Out of line so that the fuzz build can leave this
/// straight scan of 64,801 cells out of its coverage tracing (fuzz/coverage_ignore.txt).
[[gnu::noinline]] bool cellsStartInOrder(std::span<const uint32_t> start) {
    for (size_t c = 0; c + 1 < start.size(); ++c)
        if (start[c] > start[c + 1]) return false;
    return true;
}

/// Each grid entry lies in its place's cell and a cell lists its places most important first. Walks the
/// entries, not the 64,800 cells: checkDirectory has checked that the cells start in order, so the cell
/// whose range holds entry k is the only one it can belong to.
bool gridEntriesInTheirCells(const GazetteerTables& t) {
    for (uint32_t k = 0; k < t.gridItems.size(); ++k) {
        const PlaceRow& p = t.places[t.gridItems[k]];
        const size_t cell = static_cast<size_t>(PlaceGrid::row(p.latE6 / 1e6)) * kGridColumns +
                            static_cast<size_t>(PlaceGrid::column(p.lonE6 / 1e6));
        if (k < t.gridStart[cell] || k >= t.gridStart[cell + 1]) return false;
        if (k > t.gridStart[cell] && t.rank[t.gridItems[k - 1]] >= t.rank[t.gridItems[k]]) return false;
    }
    return true;
}

/// Checks that the order, rank and grid tables only name existing places and cells run in order: the label
/// path reads them without further checks.
Status checkDirectory(const GazetteerTables& t, const std::string& path) {
    const size_t n = t.places.size();
    if (t.byImportance.size() != n || t.rank.size() != n || t.gridItems.size() != n || t.ids.size() != n)
        return corrupt(path, "table sizes disagree with the place count");
    if (t.gridStart.size() != size_t{kGridColumns} * kGridRows + 1)
        return corrupt(path, "the place grid has the wrong number of cells");
    for (size_t i = 0; i < n; ++i)
        if (t.byImportance[i] >= n || t.rank[i] >= n || t.gridItems[i] >= n)
            return corrupt(path, "the place order names a place out of range");
    if (t.gridStart.front() != 0 || t.gridStart.back() != n)
        return corrupt(path, "the place grid is damaged");
    if (!cellsStartInOrder(t.gridStart)) return corrupt(path, "the place grid is damaged");
    return {};
}

}  // namespace

Status writeGazetteerFile(const std::vector<PlaceRecord>& records, const std::string& path) {
    Result<GazetteerData> built = dataFromRecords(records, path);
    if (!built) return built.error();
    const GazetteerData& d = built.value();
    const std::string_view bodies[kSectionCount] = {
        {d.pool.data(), d.pool.size()}, bytesOf(d.places), bytesOf(d.names),
        bytesOf(d.byImportance),        bytesOf(d.rank),   bytesOf(d.gridStart),
        bytesOf(d.gridItems),           bytesOf(d.ids)};
    std::string body;
    uint64_t offset = kHeaderBytes + kSectionCount * sizeof(SectionEntry);
    for (size_t i = 0; i < kSectionCount; ++i) {
        offset = (offset + 7) & ~uint64_t{7};
        put(body, SectionEntry{kTags[i], 0, offset, bodies[i].size()});
        offset += bodies[i].size();
    }
    for (size_t i = 0; i < kSectionCount; ++i) {
        while ((kHeaderBytes + body.size()) % 8) body.push_back('\0');
        body.append(bodies[i]);
    }
    std::string file(kMagic, sizeof kMagic);
    put(file, kFormatVersion);
    put(file, kPlaceNameNormalizationVersion);
    put(file, static_cast<uint32_t>(kSectionCount));
    put(file, static_cast<uint32_t>(crc32_z(0L, reinterpret_cast<const Bytef*>(body.data()),
                                            static_cast<z_size_t>(body.size()))));
    file += body;
    return writeFileAtomically(path, file);
}

Result<MappedGazetteer> mapGazetteerFile(const std::string& path) {
    auto mapping = mapFile(path);
    if (!mapping) return mapping.error();
    const auto* base = static_cast<const unsigned char*>(mapping.value()->base);
    auto m = readGazetteerBytes({base, mapping.value()->size}, path);
    if (!m) return m.error();
    m->mapping = std::shared_ptr<const void>(mapping.value(), mapping.value()->base);
    return m;
}

Result<MappedGazetteer> readGazetteerBytes(std::span<const unsigned char> bytes, const std::string& path) {
    const unsigned char* base = bytes.data();
    const size_t size = bytes.size();
    if (!base || std::memcmp(base, kMagic, std::min(size, sizeof kMagic)) != 0)
        return corrupt(path, "wrong magic bytes");
    if (size < kHeaderBytes) return corrupt(path, "too short for the header (truncated?)");
    uint32_t head[4];
    std::memcpy(head, base + 8, sizeof head);
    const auto [version, normVersion, count, crc] = head;
    if (version != kFormatVersion)
        return corrupt(path, "format version " + std::to_string(version) + ", this build reads version " +
                                 std::to_string(kFormatVersion) +
                                 " (rebuild it with geodata/make_places.sh)");
    if (normVersion != kPlaceNameNormalizationVersion)
        return corrupt(path, "made for name normalisation version " + std::to_string(normVersion) +
                                 ", this build uses " + std::to_string(kPlaceNameNormalizationVersion) +
                                 " (rebuild it with geodata/make_places.sh)");
    if (count != kSectionCount || size < kHeaderBytes + count * sizeof(SectionEntry))
        return corrupt(path, "truncated or damaged section table");
    SectionEntry sections[kSectionCount];
    std::memcpy(sections, base + kHeaderBytes, sizeof sections);
    static constexpr size_t kRowSize[kSectionCount] = {1, sizeof(PlaceRow), sizeof(NameRow), 4, 4, 4,
                                                       4, sizeof(IdRow)};
    for (size_t i = 0; i < kSectionCount; ++i) {
        const SectionEntry& s = sections[i];
        if (s.tag != kTags[i] || s.offset % 8 != 0 || s.size % kRowSize[i] != 0)
            return corrupt(path, "damaged section table");
        if (s.offset > size || s.size > size - s.offset)
            return corrupt(path, "a section runs past the end of the file (truncated?)");
    }
    if (sections[kSectionCount - 1].offset + sections[kSectionCount - 1].size != size)
        return corrupt(path, "unexpected bytes after the last section (or truncated)");
    MappedGazetteer m;
    m.tables.pool = sectionSpan<char>(base, sections[0]);
    m.tables.places = sectionSpan<PlaceRow>(base, sections[1]);
    m.tables.names = sectionSpan<NameRow>(base, sections[2]);
    m.tables.byImportance = sectionSpan<uint32_t>(base, sections[3]);
    m.tables.rank = sectionSpan<uint32_t>(base, sections[4]);
    m.tables.gridStart = sectionSpan<uint32_t>(base, sections[5]);
    m.tables.gridItems = sectionSpan<uint32_t>(base, sections[6]);
    m.tables.ids = sectionSpan<IdRow>(base, sections[7]);
    if (Status s = checkDirectory(m.tables, path); !s) return s.error();
    m.checked = {base + kHeaderBytes, size - kHeaderBytes};
    m.crc = crc;
    return m;
}

Status verifyGazetteerTables(const GazetteerTables& t, const std::string& source,
                             const MappedGazetteer* mapped) {
    if (mapped && crc32_z(0L, mapped->checked.data(), mapped->checked.size()) != mapped->crc)
        return corrupt(source, "checksum mismatch (the file is damaged)");
    if (Status s = checkDirectory(t, source); !s) return s;
    auto inPool = [&](StrRef r) { return r.offset <= t.pool.size() && r.size <= t.pool.size() - r.offset; };
    const size_t nNames = t.names.size();
    for (uint32_t i = 0; i < t.places.size(); ++i) {
        const PlaceRow& p = t.places[i];
        const bool refs = inPool(p.featureCode) && inPool(p.admin1Code) && inPool(p.admin2Code) &&
                          inPool(p.admin1Name) && inPool(p.admin2Name);
        if (!refs || !isValidLonLat({p.lonE6 / 1e6, p.latE6 / 1e6}) || p.source > 2 || p.nameCount == 0 ||
            p.firstName > nNames || p.nameCount > nNames - p.firstName)
            return corrupt(source, "place " + std::to_string(p.id) + " is out of range");
        if (t.byImportance[t.rank[i]] != i)
            return corrupt(source, "place " + std::to_string(p.id) + " is missing from the importance order");
    }
    if (!gridEntriesInTheirCells(t)) return corrupt(source, "the place grid is damaged");
    // The stored order must be the one placeImportance() gives now (a file made by an older ranking is
    // stale).
    float last = 2.f;
    uint32_t lastPopulation = 0;
    for (uint32_t r = 0; r < t.byImportance.size(); ++r) {
        const uint32_t i = t.byImportance[r];
        const float importance = static_cast<float>(placeImportance(t.place(i)));
        if (importance > last || (importance == last && t.places[i].population > lastPopulation))
            return corrupt(source,
                           "its place order differs from this build's ranking (rebuild it with "
                           "geodata/make_places.sh)");
        last = importance;
        lastPopulation = t.places[i].population;
    }
    for (const NameRow& n : t.names)
        if (!inPool(n.text) || !inPool(n.key) || !inPool(n.lang) || n.kind > 2 || n.text.size == 0)
            return corrupt(source, "bad name table");
    for (size_t i = 0; i < t.ids.size(); ++i)
        if (t.ids[i].place >= t.places.size() || t.places[t.ids[i].place].id != t.ids[i].id ||
            (i > 0 && t.ids[i - 1].id >= t.ids[i].id))
            return corrupt(source, "the id table is damaged");
    return {};
}

}  // namespace fp
