#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "core/places/gazetteer_data.h"
#include "core/places/normalize.h"
#include "core/util/atomic_file.h"

namespace fp {

// File layout (little-endian):
//   header  "FPGAZET\n" | u32 format version | u32 normalisation version | u64 payload bytes |
//           u64 compressed bytes | u32 CRC-32 of the payload
//   zlib stream of the payload:
//     u32 places | u32 names | u32 pool bytes | pool
//     per place: u32 id, i32 lon*1e6, i32 lat*1e6, u32 population, u8 class, u8 source, u8 cc[2],
//                5 string refs (feature code, admin1 code, admin2 code, admin1 name, admin2 name),
//                u32 first name, u32 name count
//     per name:  string ref text, string ref key (size kDerivedKey: derive from the ASCII text), string ref
//                lang, u8 kind
//   A string ref is u32 offset + u32 size into the pool.
static_assert(std::endian::native == std::endian::little, "gazetteer files are read as little-endian");

namespace {

constexpr char kMagic[8] = {'F', 'P', 'G', 'A', 'Z', 'E', 'T', '\n'};
constexpr uint32_t kFormatVersion = 1;
constexpr uint32_t kDerivedKey = 0xFFFFFFFFu;
constexpr size_t kHeaderBytes = 8 + 4 + 4 + 8 + 8 + 4;
constexpr uint64_t kMaxPayloadBytes = 1ull << 30;

class Writer {
public:
    template <class T>
    void put(T v) {
        const char* p = reinterpret_cast<const char*>(&v);
        m_out.append(p, sizeof v);
    }
    void bytes(const char* p, size_t n) { m_out.append(p, n); }
    std::string& out() { return m_out; }

private:
    std::string m_out;
};

class Reader {
public:
    Reader(const unsigned char* p, size_t n) : m_p(p), m_end(p + n) {}
    template <class T>
    bool get(T& v) {
        if (static_cast<size_t>(m_end - m_p) < sizeof v) return false;
        std::memcpy(&v, m_p, sizeof v);
        m_p += sizeof v;
        return true;
    }
    const unsigned char* take(size_t n) {
        if (static_cast<size_t>(m_end - m_p) < n) return nullptr;
        const unsigned char* p = m_p;
        m_p += n;
        return p;
    }
    bool atEnd() const { return m_p == m_end; }

private:
    const unsigned char* m_p;
    const unsigned char* m_end;
};

void putRef(Writer& w, const std::vector<char>& pool, std::string_view s) {
    if (s.empty()) {
        w.put<uint32_t>(0);
        w.put<uint32_t>(0);
        return;
    }
    w.put<uint32_t>(static_cast<uint32_t>(s.data() - pool.data()));
    w.put<uint32_t>(static_cast<uint32_t>(s.size()));
}

Error corrupt(const std::string& path, const std::string& why) {
    return makeError(ErrorCode::UnsupportedFormat, path, "not a valid Flashpoint gazetteer file: " + why);
}

}  // namespace

Status writeGazetteerFile(const std::vector<PlaceRecord>& records, const std::string& path) {
    Result<GazetteerData> built = dataFromRecords(records, path);
    if (!built) return built.error();
    const GazetteerData& d = built.value();
    Writer w;
    w.put<uint32_t>(static_cast<uint32_t>(d.places.size()));
    w.put<uint32_t>(static_cast<uint32_t>(d.names.size()));
    w.put<uint32_t>(static_cast<uint32_t>(d.pool.size()));
    w.bytes(d.pool.data(), d.pool.size());
    for (const Place& p : d.places) {
        w.put<uint32_t>(p.id);
        w.put<int32_t>(static_cast<int32_t>(std::lround(p.position.lon * 1e6)));
        w.put<int32_t>(static_cast<int32_t>(std::lround(p.position.lat * 1e6)));
        w.put<uint32_t>(p.population);
        w.put<uint8_t>(static_cast<uint8_t>(p.featureClass));
        w.put<uint8_t>(static_cast<uint8_t>(p.source));
        w.put<uint8_t>(static_cast<uint8_t>(p.countryCode[0]));
        w.put<uint8_t>(static_cast<uint8_t>(p.countryCode[1]));
        for (std::string_view s : {p.featureCode, p.admin1Code, p.admin2Code, p.admin1Name, p.admin2Name})
            putRef(w, d.pool, s);
        w.put<uint32_t>(p.firstName);
        w.put<uint32_t>(p.nameCount);
    }
    for (const PlaceName& n : d.names) {
        putRef(w, d.pool, n.text);
        const bool derived = !n.key.empty() && n.key.data() >= d.derived.data() &&
                             n.key.data() < d.derived.data() + d.derived.size();
        if (derived) {
            w.put<uint32_t>(0);
            w.put<uint32_t>(kDerivedKey);
        } else {
            putRef(w, d.pool, n.key);
        }
        putRef(w, d.pool, n.lang);
        w.put<uint8_t>(static_cast<uint8_t>(n.kind));
    }
    const std::string& payload = w.out();
    uLongf zSize = compressBound(payload.size());
    std::string z(zSize, '\0');
    if (compress2(reinterpret_cast<Bytef*>(z.data()), &zSize, reinterpret_cast<const Bytef*>(payload.data()),
                  payload.size(), Z_BEST_COMPRESSION) != Z_OK)
        return makeError(ErrorCode::Internal, path, "zlib compression failed");
    z.resize(zSize);
    Writer file;
    file.bytes(kMagic, sizeof kMagic);
    file.put<uint32_t>(kFormatVersion);
    file.put<uint32_t>(kPlaceNameNormalizationVersion);
    file.put<uint64_t>(payload.size());
    file.put<uint64_t>(z.size());
    file.put<uint32_t>(static_cast<uint32_t>(
        crc32(0L, reinterpret_cast<const Bytef*>(payload.data()), static_cast<uInt>(payload.size()))));
    file.bytes(z.data(), z.size());
    return writeFileAtomically(path, file.out());
}

Result<GazetteerData> readGazetteerFile(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return makeError(ErrorCode::NotFound, path, "gazetteer file not found");
    if (std::filesystem::is_directory(path, ec))
        return makeError(ErrorCode::IsDirectory, path, "is a directory, not a gazetteer file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError(ErrorCode::PermissionDenied, path, "cannot open the gazetteer file for reading");
    std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (std::memcmp(file.data(), kMagic, std::min(file.size(), sizeof kMagic)) != 0)
        return corrupt(path, "wrong magic bytes");
    if (file.size() < kHeaderBytes) return corrupt(path, "too short for the header (truncated?)");
    Reader h(reinterpret_cast<const unsigned char*>(file.data()) + 8, kHeaderBytes - 8);
    uint32_t version = 0, normVersion = 0, crc = 0;
    uint64_t rawSize = 0, zSize = 0;
    h.get(version);
    h.get(normVersion);
    h.get(rawSize);
    h.get(zSize);
    h.get(crc);
    if (version != kFormatVersion)
        return corrupt(path, "format version " + std::to_string(version) + ", this build reads version " +
                                 std::to_string(kFormatVersion) +
                                 " (rebuild it with geodata/make_places.sh)");
    if (normVersion != kPlaceNameNormalizationVersion)
        return corrupt(path, "made for name normalisation version " + std::to_string(normVersion) +
                                 ", this build uses " + std::to_string(kPlaceNameNormalizationVersion) +
                                 " (rebuild it with geodata/make_places.sh)");
    if (zSize != file.size() - kHeaderBytes)
        return corrupt(path, "compressed data is " + std::to_string(file.size() - kHeaderBytes) +
                                 " bytes, the header says " + std::to_string(zSize) + " (truncated?)");
    if (rawSize > kMaxPayloadBytes) return corrupt(path, "implausible payload size");
    std::vector<unsigned char> raw(rawSize);
    uLongf got = rawSize;
    if (uncompress(raw.data(), &got, reinterpret_cast<const Bytef*>(file.data() + kHeaderBytes), zSize) !=
            Z_OK ||
        got != rawSize)
        return corrupt(path, "compressed data does not inflate (damaged)");
    if (crc32(0L, raw.data(), static_cast<uInt>(raw.size())) != crc)
        return corrupt(path, "checksum mismatch");

    Reader r(raw.data(), raw.size());
    GazetteerData d;
    uint32_t nPlaces = 0, nNames = 0, poolSize = 0;
    if (!r.get(nPlaces) || !r.get(nNames) || !r.get(poolSize)) return corrupt(path, "truncated counts");
    const unsigned char* poolBytes = r.take(poolSize);
    if (!poolBytes) return corrupt(path, "truncated string pool");
    d.pool.assign(poolBytes, poolBytes + poolSize);
    bool bad = false;
    auto ref = [&](Reader& rd) -> std::string_view {
        uint32_t off = 0, size = 0;
        if (!rd.get(off) || !rd.get(size) || (size && (off > poolSize || size > poolSize - off))) {
            bad = true;
            return {};
        }
        return size ? std::string_view(d.pool.data() + off, size) : std::string_view();
    };
    d.places.resize(nPlaces);
    for (Place& p : d.places) {
        int32_t lon = 0, lat = 0;
        uint8_t cls = 0, src = 0, c0 = 0, c1 = 0;
        if (!r.get(p.id) || !r.get(lon) || !r.get(lat) || !r.get(p.population) || !r.get(cls) ||
            !r.get(src) || !r.get(c0) || !r.get(c1))
            return corrupt(path, "truncated place table");
        p.position = {lon / 1e6, lat / 1e6};
        p.featureClass = static_cast<char>(cls);
        p.source = static_cast<PlaceSource>(src);
        p.countryCode[0] = static_cast<char>(c0);
        p.countryCode[1] = static_cast<char>(c1);
        p.featureCode = ref(r);
        p.admin1Code = ref(r);
        p.admin2Code = ref(r);
        p.admin1Name = ref(r);
        p.admin2Name = ref(r);
        if (!r.get(p.firstName) || !r.get(p.nameCount) || bad) return corrupt(path, "truncated place table");
        if (!isValidLonLat(p.position) || src > 2 || p.nameCount == 0 || p.firstName > nNames ||
            p.nameCount > nNames - p.firstName)
            return corrupt(path, "place " + std::to_string(p.id) + " is out of range");
    }
    d.names.resize(nNames);
    std::vector<std::string> derivedKeys;
    std::vector<uint32_t> derivedOf;
    for (uint32_t i = 0; i < nNames; ++i) {
        PlaceName& n = d.names[i];
        n.text = ref(r);
        uint32_t keyOff = 0, keySize = 0;
        if (!r.get(keyOff) || !r.get(keySize)) return corrupt(path, "truncated name table");
        if (keySize == kDerivedKey) {
            derivedKeys.push_back(normalizeAsciiPlaceName(n.text));
            derivedOf.push_back(i);
        } else if (keySize && (keyOff > poolSize || keySize > poolSize - keyOff)) {
            return corrupt(path, "name key out of range");
        } else {
            n.key = std::string_view(d.pool.data() + keyOff, keySize);
        }
        n.lang = ref(r);
        uint8_t kind = 0;
        if (!r.get(kind) || bad || kind > 2 || n.text.empty()) return corrupt(path, "bad name table");
        n.kind = static_cast<NameKind>(kind);
    }
    if (!r.atEnd()) return corrupt(path, "unexpected bytes after the name table");
    size_t total = 0;
    for (const auto& k : derivedKeys) total += k.size();
    d.derived.reserve(total);
    for (const auto& k : derivedKeys) d.derived.insert(d.derived.end(), k.begin(), k.end());
    size_t off = 0;
    for (size_t i = 0; i < derivedKeys.size(); ++i) {
        d.names[derivedOf[i]].key = std::string_view(d.derived.data() + off, derivedKeys[i].size());
        off += derivedKeys[i].size();
    }
    linkMainNames(d);
    return d;
}

}  // namespace fp
