#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/places/gazetteer.h"
#include "places_test_util.h"

namespace fp {
namespace {

namespace fs = std::filesystem;

class GazetteerFile : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("fp-places-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }
    std::string written() const {
        const std::string p = path("region.fpgaz");
        EXPECT_TRUE(writeGazetteerFile(test::regionRecords(), p).ok());
        return p;
    }
    static std::string bytes(const std::string& p) {
        std::ifstream in(p, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }
    static void put(const std::string& p, const std::string& b) { std::ofstream(p, std::ios::binary) << b; }
    void expectRefused(const std::string& p, ErrorCode code, const std::string& why) {
        auto g = Gazetteer::load(p);
        ASSERT_FALSE(g.ok()) << why;
        EXPECT_EQ(g.error().code, code) << g.error().describe();
        EXPECT_EQ(g.error().source, p);
        EXPECT_NE(g.error().describe().find(why), std::string::npos) << g.error().describe();
    }
    fs::path m_dir;
};

TEST_F(GazetteerFile, RoundTripKeepsPlacesNamesAndSearch) {
    auto g = Gazetteer::load(written());
    ASSERT_TRUE(g.ok()) << g.error().describe();
    const Gazetteer& gz = *g.value();
    ASSERT_EQ(gz.size(), test::regionRecords().size());
    const PlaceIndex i = *gz.findById(785388);
    const Place& p = gz.place(i);
    EXPECT_EQ(p.name, "Štrpce");
    EXPECT_EQ(p.country(), "XK");
    EXPECT_EQ(p.featureCode, "PPLA2");
    EXPECT_EQ(p.population, 6913u);
    EXPECT_EQ(p.admin1Name, "Ferizaj / Uroševac");
    EXPECT_NEAR(p.position.lon, 21.02722, 1e-6);
    EXPECT_NEAR(p.position.lat, 42.23944, 1e-6);
    EXPECT_EQ(gz.names(i).size(), 5u);
    EXPECT_EQ(gz.names(i)[0].kind, NameKind::Primary);
    EXPECT_EQ(gz.names(i)[4].text, "Штрпце");
    EXPECT_EQ(gz.names(i)[4].key, "strpce");
    auto hits = gz.search("Штрпце").value();
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(gz.place(hits[0].place).id, 785388u);
}

TEST_F(GazetteerFile, WritingIsReproducible) {
    const std::string a = written();
    const std::string first = bytes(a);
    ASSERT_TRUE(writeGazetteerFile(test::regionRecords(), path("again.fpgaz")).ok());
    EXPECT_EQ(first, bytes(path("again.fpgaz")));
}

TEST_F(GazetteerFile, MissingFileOrFolderIsNamed) {
    expectRefused(path("nope.fpgaz"), ErrorCode::NotFound, "not found");
    expectRefused(m_dir.string(), ErrorCode::IsDirectory, "directory");
}

TEST_F(GazetteerFile, TruncatedFilesAreRefused) {
    const std::string full = bytes(written());
    for (size_t keep : {size_t(0), size_t(5), size_t(30), full.size() / 2, full.size() - 1}) {
        put(path("cut.fpgaz"), full.substr(0, keep));
        auto g = Gazetteer::load(path("cut.fpgaz"));
        ASSERT_FALSE(g.ok()) << keep;
        EXPECT_EQ(g.error().code, ErrorCode::UnsupportedFormat);
        EXPECT_NE(g.error().describe().find("cut.fpgaz"), std::string::npos);
    }
}

TEST_F(GazetteerFile, GarbageAndFlippedBytesAreRefused) {
    put(path("text.fpgaz"), "id\tname\n1\tZvečan\n");
    expectRefused(path("text.fpgaz"), ErrorCode::UnsupportedFormat, "wrong magic");
    std::string b = bytes(written());
    b[b.size() - 20] ^= 0x5a;  // inside the last table
    put(path("flipped.fpgaz"), b);
    // Opening maps the file and checks only its header and directory; the first search checks it all.
    auto g = Gazetteer::load(path("flipped.fpgaz"));
    if (g.ok()) {
        const Status v = g.value()->verify();
        ASSERT_FALSE(v.ok());
        EXPECT_EQ(v.error().code, ErrorCode::UnsupportedFormat);
        EXPECT_EQ(v.error().source, path("flipped.fpgaz"));
        EXPECT_NE(v.error().describe().find("checksum mismatch"), std::string::npos) << v.error().describe();
        auto hits = g.value()->search("Zvečan");
        ASSERT_FALSE(hits.ok());
        EXPECT_EQ(hits.error().describe(), v.error().describe());
        EXPECT_FALSE(g.value()->findById(783770).has_value());
    } else {
        EXPECT_EQ(g.error().code, ErrorCode::UnsupportedFormat);
    }
    b = bytes(written());
    b[8] = 99;  // format version
    put(path("version.fpgaz"), b);
    expectRefused(path("version.fpgaz"), ErrorCode::UnsupportedFormat, "format version 99");
}

TEST_F(GazetteerFile, DamagedRowsNeverReadOutsideTheFile) {
    std::string b = bytes(written());
    // The section table follows the 24-byte header: {u32 tag, u32 0, u64 offset, u64 size}; PLAC is second.
    uint64_t placesAt = 0;
    std::memcpy(&placesAt, b.data() + 24 + 24 + 8, sizeof placesAt);
    const uint32_t farAway[2] = {0xFFFFFF00u, 0x100u};  // feature code: offset and size past the pool
    std::memcpy(b.data() + placesAt + 28, farAway, sizeof farAway);
    put(path("rows.fpgaz"), b);
    auto g = Gazetteer::load(path("rows.fpgaz"));
    ASSERT_TRUE(g.ok()) << g.error().describe();
    EXPECT_EQ(g.value()->place(0).featureCode, "");  // clamped, not read past the pool
    EXPECT_EQ(g.value()->place(0).name, "Štrpce");
    EXPECT_FALSE(g.value()->verify().ok());
    EXPECT_THROW(g.value()->place(static_cast<PlaceIndex>(g.value()->size())), std::out_of_range);
}

TEST_F(GazetteerFile, DamagedGridsAreRefusedByTheFullCheck) {
    const std::string good = bytes(written());
    // Section table after the 24-byte header, {u32 tag, u32 0, u64 offset, u64 size} each: GRDS is the sixth
    // (cell starts), GRDI the seventh (places by cell).
    auto section = [&](int i) {
        uint64_t at[2];
        std::memcpy(at, good.data() + 24 + 24 * i + 8, sizeof at);
        return std::pair<size_t, size_t>(at[0], at[1] / 4);
    };
    const auto [itemsAt, items] = section(6);
    const auto [startsAt, starts] = section(5);
    auto u32 = [](const std::string& b, size_t at) {
        uint32_t v = 0;
        std::memcpy(&v, b.data() + at, 4);
        return v;
    };
    // A cell holding two places or more, and one holding another place.
    size_t crowded = starts, other = starts;
    for (size_t c = 0; c + 1 < starts; ++c) {
        const uint32_t count = u32(good, startsAt + 4 * (c + 1)) - u32(good, startsAt + 4 * c);
        if (count >= 2 && crowded == starts)
            crowded = c;
        else if (count >= 1 && other == starts)
            other = c;
    }
    ASSERT_LT(crowded, starts);
    ASSERT_LT(other, starts);
    const size_t first = u32(good, startsAt + 4 * crowded), elsewhere = u32(good, startsAt + 4 * other);
    ASSERT_LT(first + 1, items);
    auto swapped = [&](size_t a, size_t b) {
        std::string d = good;
        std::swap_ranges(d.begin() + static_cast<std::ptrdiff_t>(itemsAt + 4 * a),
                         d.begin() + static_cast<std::ptrdiff_t>(itemsAt + 4 * a + 4),
                         d.begin() + static_cast<std::ptrdiff_t>(itemsAt + 4 * b));
        const auto crc = static_cast<uint32_t>(
            crc32_z(0L, reinterpret_cast<const Bytef*>(d.data()) + 24, static_cast<z_size_t>(d.size() - 24)));
        std::memcpy(d.data() + 20, &crc, 4);
        return d;
    };
    {
        auto g = Gazetteer::load(path("region.fpgaz"));
        ASSERT_TRUE(g.ok() && g.value()->verify().ok());
    }
    // Two places of one cell in the wrong order, then two places each in the other's cell.
    for (const std::string& damaged : {swapped(first, first + 1), swapped(first, elsewhere)}) {
        put(path("grid.fpgaz"), damaged);
        auto g = Gazetteer::load(path("grid.fpgaz"));
        ASSERT_TRUE(g.ok()) << g.error().describe();  // the grid's entries are checked in full on first use
        const Status v = g.value()->verify();
        ASSERT_FALSE(v.ok());
        EXPECT_EQ(v.error().describe(),
                  path("grid.fpgaz") + ": not a valid Flashpoint gazetteer file: the place grid is damaged");
    }
}

TEST_F(GazetteerFile, DevicesAndPipesAreRefused) {
    expectRefused("/dev/zero", ErrorCode::UnsupportedFormat, "not a regular file");
}

TEST_F(GazetteerFile, TheEmbeddedFileVerifies) {
    auto g = Gazetteer::load(Gazetteer::defaultPath());
    ASSERT_TRUE(g.ok()) << g.error().describe();
    const Status v = g.value()->verify();
    EXPECT_TRUE(v.ok()) << v.error().describe();
}

TEST_F(GazetteerFile, PlaceTableIsReadAndBadRowsAreNamed) {
    const std::string header =
        "id\tname\tasciiname\tlat\tlon\tfeature_class\tfeature_code\tcountry\tadmin1_code\tadmin2_code\t"
        "admin1_name\tadmin2_name\tpopulation\tsource\talternate_names\ttagged_names\n";
    put(path("ok.tsv"), header +
                            "785388\tŠtrpce\tStrpce\t42.23944\t21.02722\tP\tPPLA2\tXK\t\t\tFerizaj\t\t6913\t"
                            "geonames\tShtërpcë|Штрпце\tsq=Shtërpcë\n");
    auto rows = readPlaceTable(path("ok.tsv"));
    ASSERT_TRUE(rows.ok()) << rows.error().describe();
    ASSERT_EQ(rows.value().size(), 1u);
    const PlaceRecord& r = rows.value()[0];
    EXPECT_EQ(r.names.size(), 5u);
    EXPECT_EQ(r.names[4].lang, "sq");
    auto g = Gazetteer::fromRecords(rows.value(), "ok.tsv").value();
    const auto names = g->names(0);
    ASSERT_EQ(names.size(), 4u);  // the tagged duplicate only adds its language
    EXPECT_EQ(names[2].text, "Shtërpcë");
    EXPECT_EQ(names[2].lang, "sq");

    put(path("bad.tsv"),
        header + "785388\tŠtrpce\tStrpce\t142.2\t21.0\tP\tPPL\tXK\t\t\t\t\t0\tgeonames\t\t\n");
    auto bad = readPlaceTable(path("bad.tsv"));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().row, 2);
    EXPECT_EQ(bad.error().field, "lat");
    put(path("short.tsv"), header + "1\tX\n");
    EXPECT_FALSE(readPlaceTable(path("short.tsv")).ok());
    EXPECT_FALSE(readPlaceTable(path("missing.tsv")).ok());
}

}  // namespace
}  // namespace fp
