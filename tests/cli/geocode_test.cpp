#include <nlohmann/json.hpp>

#include "cli_harness.h"

namespace fp::test {
namespace {

using nlohmann::json;

TEST_F(CliFixture, GeocodeFindsStrpceFirstInEveryScript) {
    for (const char* name : {"strpce", "Shtërpcë", "Штрпце"}) {
        const CliRun r = run(std::string("geocode '") + name + "' --limit 3");
        ASSERT_EQ(r.exitCode, 0) << name << r.err;
        EXPECT_EQ(r.out.rfind(" 1. Štrpce (PPLA2), Kosovo [XK]", 0), 0u) << r.out;
        EXPECT_NE(r.out.find("lat 42.23944, lon 21.02722; population 6,913"), std::string::npos) << r.out;
    }
}

TEST_F(CliFixture, GeocodeJsonCarriesCoordinatesCountryAdminPopulationAndScore) {
    const CliRun r = run("geocode Mitrovica --limit 5 --json");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const json j = json::parse(r.out);
    ASSERT_TRUE(j.is_array());
    ASSERT_GE(j.size(), 2u);
    EXPECT_EQ(j[0]["id"], 789225);
    EXPECT_EQ(j[0]["country"], "XK");
    EXPECT_EQ(j[0]["countryName"], "Kosovo");
    EXPECT_EQ(j[0]["admin1"], "Mitrovica");
    EXPECT_EQ(j[0]["population"], 107045);
    EXPECT_NEAR(j[0]["lat"].get<double>(), 42.88333, 1e-5);
    EXPECT_EQ(j[0]["match"], "exact");
    EXPECT_GT(j[0]["score"].get<double>(), j[1]["score"].get<double>());
    bool sremska = false;
    for (const auto& c : j)
        if (c["id"] == 3190103) sremska = c["country"] == "RS" && c["admin1"] == "Sremski okrug";
    EXPECT_TRUE(sremska) << r.out;
}

TEST_F(CliFixture, GeocodeTellsPlacesOfOneNameApartByTheirStateOrRegion) {
    const CliRun r = run("geocode Springfield --limit 4");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const char* line : {" 1. Springfield (PPLA), United States [US], Illinois\n",
                             " 2. Springfield (PPLA2), United States [US], Missouri\n",
                             " 3. Springfield (PPLA2), United States [US], Ohio\n"})
        EXPECT_NE(r.out.find(line), std::string::npos) << line << r.out;
    const CliRun paris = run("geocode Paris --limit 2");
    ASSERT_EQ(paris.exitCode, 0) << paris.err;
    EXPECT_EQ(paris.out.rfind(" 1. Paris (PPLC), France [FR], Paris, Île-de-France\n", 0), 0u) << paris.out;
    EXPECT_NE(paris.out.find(" 2. Paris (PPLA2), United States [US], Texas\n"), std::string::npos)
        << paris.out;
}

TEST_F(CliFixture, GeocodeCountryFilterAndLimit) {
    const CliRun r = run("geocode Mitrovica --country RS --limit 1 --json");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const json j = json::parse(r.out);
    ASSERT_EQ(j.size(), 1u);
    EXPECT_EQ(j[0]["country"], "RS");
}

TEST_F(CliFixture, GeocodeNothingMatchingExitsOneOnStderr) {
    const CliRun r = run("geocode Xqzwvkj");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find("no place matches 'Xqzwvkj'"), std::string::npos) << r.err;
    const CliRun filtered = run("geocode Beograd --country XK");
    EXPECT_EQ(filtered.exitCode, 1);
    EXPECT_NE(filtered.err.find("in XK"), std::string::npos) << filtered.err;
}

TEST_F(CliFixture, GeocodeUsageErrorsExitTwo) {
    for (const char* args : {"geocode ''", "geocode", "geocode Zvecan --limit 0", "geocode Zvecan --limit x",
                             "geocode Zvecan --country XKX", "geocode Zvecan --country 12",
                             "geocode Zvecan --near 20.8", "geocode '!!!'"}) {
        const CliRun r = run(args);
        EXPECT_EQ(r.exitCode, 2) << args << "\n" << r.err;
        EXPECT_FALSE(r.err.empty()) << args;
    }
}

TEST_F(CliFixture, GeocodeVeryLongNameIsAUsageErrorNotACrash) {
    const CliRun r = run("geocode '" + std::string(10000, 'a') + "'");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("10000 bytes"), std::string::npos) << r.err;
}

TEST_F(CliFixture, GeocodeMissingOrCorruptGazetteerNamesTheFile) {
    const CliRun missing = run("geocode Zvecan --gazetteer '" + path("none.fpgaz") + "'");
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.err.find(path("none.fpgaz")), std::string::npos) << missing.err;
    EXPECT_NE(missing.err.find("not found"), std::string::npos) << missing.err;

    const std::string good = slurp(std::string(FP_GEODATA_DIR) + "/places/places.fpgaz");
    std::ofstream(path("cut.fpgaz"), std::ios::binary) << good.substr(0, good.size() / 3);
    const CliRun cut = run("geocode Zvecan --gazetteer '" + path("cut.fpgaz") + "'");
    EXPECT_EQ(cut.exitCode, 1);
    EXPECT_NE(cut.err.find("cut.fpgaz"), std::string::npos) << cut.err;
    EXPECT_NE(cut.err.find("not a valid Flashpoint gazetteer file"), std::string::npos) << cut.err;
    EXPECT_TRUE(cut.out.empty());

    std::ofstream(path("junk.fpgaz"), std::ios::binary) << "PK\x03\x04 this is a zip, not a gazetteer";
    const CliRun junk = run("geocode Zvecan --gazetteer '" + path("junk.fpgaz") + "'");
    EXPECT_EQ(junk.exitCode, 1);
    EXPECT_NE(junk.err.find("wrong magic"), std::string::npos) << junk.err;
}

TEST_F(CliFixture, PlacesBuildWritesALoadableFileAndNamesBadRows) {
    std::ofstream(path("t.tsv"))
        << "id\tname\tasciiname\tlat\tlon\tfeature_class\tfeature_code\tcountry\tadmin1_code\tadmin2_code\t"
           "admin1_name\tadmin2_name\tpopulation\tsource\talternate_names\ttagged_names\n"
        << "790291\tGotovuša\t\t42.24861\t21."
           "07278\tP\tPPL\tXK\t\t\tFerizaj\tShtërpcë\t0\tstaged\tGotovushë\t\n";
    const CliRun b = run("places-build '" + path("t.tsv") + "' '" + path("t.fpgaz") + "'");
    ASSERT_EQ(b.exitCode, 0) << b.err;
    const CliRun g = run("geocode gotovushe --json --gazetteer '" + path("t.fpgaz") + "'");
    ASSERT_EQ(g.exitCode, 0) << g.err;
    EXPECT_EQ(json::parse(g.out)[0]["id"], 790291);

    std::ofstream(path("bad.tsv")) << "id\tname\n1\tX\n";
    const CliRun bad = run("places-build '" + path("bad.tsv") + "' '" + path("bad.fpgaz") + "'");
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.err.find("bad.tsv"), std::string::npos) << bad.err;
    EXPECT_FALSE(std::filesystem::exists(path("bad.fpgaz")));
}

}  // namespace
}  // namespace fp::test
