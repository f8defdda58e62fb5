// Fuzzes the checks of a gazetteer file (format 2, memory-mapped by the app, so every table is read in
// place): the header and section table (readGazetteerBytes), then reading every place and name the way labels
// and lookups by position do before the first search, then the full verification. The control byte chooses
// between the input as a whole file, and byte patches onto a valid file with its CRC-32 fixed afterwards (so
// that the checks past the checksum run).

#include <sanitizer/asan_interface.h>
#include <zlib.h>

#include <cstring>
#include <vector>

#include "core/places/gazetteer_data.h"
#include "fuzz_support.h"

namespace {

constexpr size_t kHeaderBytes = 24;  // magic, format version, normalisation version, section count, CRC-32
constexpr size_t kCrcOffset = 20;

/// A valid gazetteer file of a few places, made once with writeGazetteerFile.
const std::string& validFile() {
    static const std::string bytes = [] {
        using namespace fp;
        std::vector<PlaceRecord> records;
        const auto add = [&](uint32_t id, const char* name, double lon, double lat, const char* alternate) {
            PlaceRecord r;
            r.id = id;
            r.position = {lon, lat};
            r.featureCode = "PPL";
            r.countryCode = "XK";
            r.admin1Name = "Mitrovica";
            r.population = id * 10;
            r.names = {{name, "", NameKind::Primary}, {alternate, "sr", NameKind::Alternate}};
            records.push_back(std::move(r));
        };
        add(1, "Mitrovicë", 20.86667, 42.88333, "Косовска Митровица");
        add(2, "Zvečan", 20.84028, 42.9075, "Звечан");
        add(3, "Belgrade", 20.46513, 44.80401, "Београд");
        const std::string path = fuzz::writeScratch("base.fpgaz", "");
        if (Status s = writeGazetteerFile(records, path); !s) fuzz::fail(s.error().describe());
        auto m = mapGazetteerFile(path);
        if (!m) fuzz::fail(m.error().describe());
        const auto* base = static_cast<const char*>(m->mapping.get());
        return std::string(base, m->checked.size() + kHeaderBytes);
    }();
    return bytes;
}

void readEverything(const fp::GazetteerTables& t) {
    for (uint32_t i = 0; i < t.places.size(); ++i) {
        const auto [first, end] = t.nameRange(t.places[i]);
        for (uint32_t k = first; k < end; ++k) (void)t.name(k);
        (void)t.place(i);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace fp;
    fuzz::Input in(data, size);
    const uint8_t control = in.byte();
    const std::string_view file = (control & 1) ? in.rest() : std::string_view(validFile());
    // The app maps files at a page boundary: the tables are read in place, so keep them 8-byte aligned. The
    // buffer is kept from run to run (only grown), and the patches are made in it, to copy the file once;
    // what lies past this run's file is poisoned, so that a read past its end is still reported.
    static std::vector<uint64_t> aligned;
    const size_t words = (file.size() + 7) / 8;
    ASAN_UNPOISON_MEMORY_REGION(aligned.data(), aligned.size() * 8);
    if (aligned.size() < words) aligned.resize(words);
    ASAN_POISON_MEMORY_REGION(aligned.data() + words, (aligned.size() - words) * 8);
    auto* bytes = reinterpret_cast<unsigned char*>(aligned.data());
    if (!file.empty()) std::memcpy(bytes, file.data(), file.size());
    if (!(control & 1)) {
        while (true) {
            const std::string_view patch = in.rest().substr(0, 5);
            if (patch.size() < 5) break;
            uint32_t offset = 0;
            std::memcpy(&offset, patch.data(), 4);
            bytes[offset % file.size()] ^= static_cast<unsigned char>(patch[4]);
            for (int k = 0; k < 5; ++k) in.byte();
        }
        if (!(control & 2) && file.size() > kHeaderBytes) {
            const auto crc =
                static_cast<uint32_t>(crc32_z(0L, bytes + kHeaderBytes, file.size() - kHeaderBytes));
            std::memcpy(bytes + kCrcOffset, &crc, 4);
        }
    }
    auto mapped = readGazetteerBytes(std::span<const unsigned char>(bytes, file.size()), "places.fpgaz");
    if (!mapped) return 0;
    // Labels and lookups by position read rows before the first search verifies the whole file.
    readEverything(mapped->tables);
    (void)verifyGazetteerTables(mapped->tables, "places.fpgaz", &mapped.value());
    return 0;
}
