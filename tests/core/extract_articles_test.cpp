// The article extractor on whole texts: the evaluation set, the seed story, evidence, writing incidents.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/extract/evaluation.h"
#include "core/io/incidents/incident_loader.h"
#include "core/io/incidents/incident_writer.h"
#include "core/io/load_report.h"
#include "extract_test_util.h"

namespace fp {
namespace {

namespace fs = std::filesystem;

const IncidentProposal* find(const Extraction& x, const std::string& category, const std::string& place) {
    for (const IncidentProposal& p : x.incidents)
        if (p.category == category && p.place == place) return &p;
    return nullptr;
}

TEST(ExtractArticles, TextWithoutEventsGivesNoIncident) {
    const Extraction x =
        test::extractFrom("The weather in Pristina was mild on Sunday. Markets were busy.", "2023-01-08");
    EXPECT_TRUE(x.incidents.empty());
}

TEST(ExtractArticles, ProposalCarriesSentenceEvidenceAndDates) {
    const std::string text =
        "MITROVICA, Kosovo — Serbs set up barricades near Zubin Potok on Saturday, police said.\n\n"
        "A senior EU envoy is set to visit Pristina next week.";
    const Extraction x = test::extractFrom(text, "2023-01-08");
    ASSERT_EQ(x.incidents.size(), 2u);
    const IncidentProposal& road = x.incidents[0];
    EXPECT_EQ(road.title, "Barricades near Zubin Potok");
    EXPECT_EQ(road.category, "Roadblock / Protest");
    EXPECT_EQ(road.locationPrecision, LocationPrecision::Near);
    EXPECT_EQ(formatDay(road.first), "2023-01-07");
    EXPECT_EQ(road.sentence,
              "MITROVICA, Kosovo — Serbs set up barricades near Zubin Potok on Saturday, police said.");
    ASSERT_EQ(road.evidence.size(), 3u);
    auto words = [&](const Evidence& e) { return text.substr(e.span.begin, e.span.size()); };
    EXPECT_EQ(words(road.evidence[0]), "barricades");
    EXPECT_EQ(road.evidence[0].kind, EvidenceKind::Event);
    EXPECT_EQ(words(road.evidence[1]), "Zubin Potok");
    EXPECT_EQ(words(road.evidence[2]), "Saturday");
    const IncidentProposal& visit = x.incidents[1];
    EXPECT_EQ(visit.title, "Planned diplomatic visit to Pristina");
    EXPECT_TRUE(visit.planned);
    EXPECT_EQ(formatDay(visit.first), "2023-01-09");
    EXPECT_EQ(formatDay(visit.last), "2023-01-15");
    EXPECT_EQ(visit.timePrecision, TimePrecision::Week);
    EXPECT_GT(road.confidence, 0.0);
    EXPECT_LE(road.confidence, 1.0);
}

TEST(ExtractArticles, BackgroundHistoryAndHypotheticalsAreNotIncidents) {
    const Extraction x = test::extractFrom(
        "NATO troops deployed in Kosovo in 1999. Serbia says it has the right to redeploy troops in Kosovo.",
        "2023-01-08");
    EXPECT_TRUE(x.incidents.empty());
    ASSERT_EQ(x.unresolved.size(), 2u);
    EXPECT_EQ(x.unresolved[0].reason, "'deployed' is background: dated 1999-01-01, long before publication");
    EXPECT_EQ(x.unresolved[1].reason, "'redeploy' is not reported as having happened");
}

TEST(ExtractArticles, EvaluationSetMeetsItsTargets) {
    auto report = evaluateArticles(std::string(FP_FIXTURES_DIR) + "/articles", test::worldGazetteer());
    ASSERT_TRUE(report.ok()) << report.error().describe();
    EXPECT_GE(report.value().articles.size(), 12u);
    EXPECT_GE(report.value().place.f1(), 0.9);
    EXPECT_GE(report.value().placeDate.f1(), 0.8);
    EXPECT_GE(report.value().category.f1(), 0.8);
}

TEST(ExtractArticles, SeedStoryGivesRoadblocksArrestShootingAndPlannedVisit) {
    const std::string path = test::seedStory();
    ASSERT_FALSE(path.empty())
        << "the seed story shared/seed/kosovo-kfor-2023-01-08.txt was not found next to " << FP_SOURCE_DIR
        << " (nor one folder higher): it must be present";
    auto article = readArticleText(path);
    ASSERT_TRUE(article.ok()) << article.error().describe();
    ExtractOptions options;
    options.published = dayNumber(2023, 1, 8);
    options.gazetteer = test::worldGazetteer();
    const Extraction x = extractIncidents(article.value(), options);

    const IncidentProposal* roads = find(x, "Roadblock / Protest", "northern Kosovo");
    ASSERT_NE(roads, nullptr);
    EXPECT_EQ(roads->locationPrecision, LocationPrecision::Region);
    EXPECT_LT(roads->first, roads->last);  // a span
    EXPECT_EQ(civilDay(roads->first).month, 12);
    EXPECT_EQ(civilDay(roads->last).month, 12);
    EXPECT_EQ(civilDay(roads->first).year, 2022);

    bool arrestInDecember = false;
    for (const IncidentProposal& p : x.incidents)
        if (p.category == "Arrest" && civilDay(p.first).month == 12 &&
            p.sentence.find("former policemen") != std::string::npos)
            arrestInDecember = true;
    EXPECT_TRUE(arrestInDecember);

    const IncidentProposal* shooting = find(x, "Armed violence", "Štrpce");
    ASSERT_NE(shooting, nullptr);
    EXPECT_EQ(shooting->locationPrecision, LocationPrecision::Near);
    EXPECT_GE(shooting->first, dayNumber(2023, 1, 1));
    EXPECT_LE(shooting->last, dayNumber(2023, 1, 8));
    EXPECT_LT(shooting->first, dayNumber(2023, 1, 8));

    const IncidentProposal* visit = nullptr;
    for (const IncidentProposal& p : x.incidents)
        if (p.category == "Diplomacy" && p.planned) visit = &p;
    ASSERT_NE(visit, nullptr);
    EXPECT_GT(visit->first, dayNumber(2023, 1, 8));
    EXPECT_LE(visit->last, dayNumber(2023, 1, 15));
    EXPECT_NE(visit->sentence.find("U.S. delegation"), std::string::npos);
}

TEST(ExtractArticles, IncidentsWrittenInEveryFormatLoadBack) {
    const Extraction x = test::extractFrom(
        "ZVECAN, Kosovo — Serbs set up barricades near Zubin Potok on Saturday. Police arrested two men in "
        "Leposavic on Dec. 10.",
        "2022-12-11");
    ASSERT_EQ(x.incidents.size(), 2u);
    std::vector<Incident> incidents;
    for (const IncidentProposal& p : x.incidents)
        incidents.push_back(toIncident(p, "article.txt", dayNumber(2022, 12, 11)));
    const fs::path dir = fs::temp_directory_path() / ("fp-extract-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const char* ext : {"csv", "gpkg", "geojson"}) {
        const std::string path = (dir / (std::string("out.") + ext)).string();
        ASSERT_TRUE(writeIncidentFile(path, incidents).ok()) << path;
        LoadReport report;
        auto store = loadIncidents(path, {}, report);
        ASSERT_TRUE(store.ok()) << store.error().describe();
        ASSERT_EQ(store.value().size(), 2u) << ext;
        bool barricades = false;
        for (size_t i = 0; i < store.value().size(); ++i) {
            const Incident inc = store.value().get(i);
            if (inc.title != "Barricades near Zubin Potok") continue;
            barricades = true;
            EXPECT_EQ(inc.category, "Roadblock / Protest") << ext;
            EXPECT_EQ(inc.locationPrecision, LocationPrecision::Near) << ext;
            EXPECT_EQ(formatIso(inc.start, TimePrecision::Day), "2022-12-10") << ext;
            EXPECT_NEAR(inc.location.lat, 42.9144, 1e-3) << ext;
            EXPECT_EQ(inc.placeName, "Zubin Potok") << ext;
            EXPECT_NE(inc.description.find("barricades near Zubin Potok"), std::string::npos) << ext;
        }
        EXPECT_TRUE(barricades) << ext;
    }
    EXPECT_FALSE(writeIncidentFile((dir / "out.shp").string(), incidents).ok());
    fs::remove_all(dir);
}

}  // namespace
}  // namespace fp
