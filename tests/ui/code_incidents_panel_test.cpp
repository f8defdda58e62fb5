// File > "Code incidents from text…": the panel model on the seed story, and the panel driven through the
// ImGui harness (accept, edit, reject, add).
#include <gtest/gtest.h>
#include <imgui_internal.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>

#include "../core/extract_test_util.h"
#include "command_find.h"
#include "core/extract/dateline_date.h"
#include "imgui_harness.h"
#include "ui/panels/code_incidents_panel.h"

namespace fp {
namespace {

using test::findCommand;

std::shared_ptr<const Gazetteer> gazetteer() {
    return test::worldGazetteer();
}

const ReviewItem* findItem(const CodingReview& review, const std::string& category,
                           const std::string& place) {
    for (const ReviewItem& it : review.items())
        if (it.proposed.category == category && it.proposed.place == place) return &it;
    return nullptr;
}

TEST(DatelineDate, ADateLineAtTheTopGivesThePublicationDay) {
    auto day = [](const std::string& text) { return findDatelineDay(ArticleText{"t", text, {}}); };
    EXPECT_EQ(day("date 2023-01-08 Comment on this story\n\nBELGRADE, Serbia — ..."), dayNumber(2023, 1, 8));
    EXPECT_EQ(day("Kosovo tensions\nJan. 8, 2023\n\nText."), dayNumber(2023, 1, 8));
    // A sentence's date is an event's, a date without a year or a relative one is no date line.
    EXPECT_EQ(
        day("Police said on 10 December 2022 that several roads in the north of Kosovo had been blocked "
            "by trucks and that officers were on their way."),
        std::nullopt);
    EXPECT_EQ(day("Updated Saturday\n\nText."), std::nullopt);
    EXPECT_EQ(day("December 10\n\nText."), std::nullopt);
}

TEST(CodingReviewModel, TheDateIsTheOpenedFilesDateLineElseTodayUnlessTyped) {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("fp-coding-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto write = [&](const char* name, const char* text) {
        std::ofstream(dir / name) << text;
        return (dir / name).string();
    };
    const std::string dated =
        write("dated.txt", "date 2023-01-08\n\nPolice arrested a man in Zvecan on Friday.");
    const std::string plain = write("plain.md", "# Arrest\n\nPolice arrested a man in Zvecan on Friday.");
    CodeIncidentsPanel panel;
    panel.setToday(dayNumber(2026, 12, 7));
    ASSERT_TRUE(panel.openFile(dated).ok());
    EXPECT_EQ(panel.publishedField(), "2023-01-08");
    ASSERT_TRUE(panel.openFile(plain).ok());
    EXPECT_EQ(panel.publishedField(), "2026-12-07");  // not the last file's date line
    EXPECT_EQ(panel.input(), "Arrest\n\nPolice arrested a man in Zvecan on Friday.");  // Markdown reduced
    panel.setPublishedField("2023-02-01");
    ASSERT_TRUE(panel.openFile(dated).ok());
    EXPECT_EQ(panel.publishedField(), "2023-02-01");  // what the user typed wins
    const Status missing = panel.openFile((dir / "none.txt").string());
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    std::filesystem::remove_all(dir);
}

TEST(CodingReviewModel, SeedStoryProposesRoadblocksArrestShootingAndTheUsVisit) {
    const std::string path = test::seedStory();
    ASSERT_FALSE(path.empty())
        << "the seed story shared/seed/kosovo-kfor-2023-01-08.txt was not found next to " << FP_SOURCE_DIR
        << " (nor one folder higher): it must be present";
    CodeIncidentsPanel panel;
    panel.setGazetteer(gazetteer());
    panel.setToday(dayNumber(2026, 12, 7));
    ASSERT_TRUE(panel.openFile(path).ok());
    EXPECT_EQ(panel.publishedField(), "2023-01-08");  // the story's date line, not today
    ASSERT_TRUE(panel.run().ok());
    panel.review().wait();
    const CodingReview& review = panel.review();
    ASSERT_TRUE(review.hasResult());
    EXPECT_EQ(review.article().name, "kosovo-kfor-2023-01-08.txt");
    EXPECT_EQ(review.published(), dayNumber(2023, 1, 8));

    const ReviewItem* roads = findItem(review, "Roadblock / Protest", "northern Kosovo");
    ASSERT_NE(roads, nullptr);
    EXPECT_EQ(roads->proposed.locationPrecision, LocationPrecision::Region);  // never a town
    EXPECT_LT(roads->proposed.first, roads->proposed.last);
    EXPECT_EQ(civilDay(roads->proposed.first).month, 12);

    bool arrest = false;
    for (const ReviewItem& it : review.items())
        arrest |= it.proposed.category == "Arrest" && civilDay(it.proposed.first).month == 12 &&
                  it.proposed.sentence.find("former policemen") != std::string::npos;
    EXPECT_TRUE(arrest);

    const ReviewItem* shooting = findItem(review, "Armed violence", "Štrpce");
    ASSERT_NE(shooting, nullptr);
    EXPECT_EQ(shooting->proposed.locationPrecision, LocationPrecision::Near);
    EXPECT_GE(shooting->proposed.first, dayNumber(2023, 1, 1));
    EXPECT_LE(shooting->proposed.last, dayNumber(2023, 1, 8));

    const ReviewItem* visit = nullptr;
    for (const ReviewItem& it : review.items())
        if (it.proposed.category == "Diplomacy" && it.proposed.planned) visit = &it;
    ASSERT_NE(visit, nullptr);
    EXPECT_GT(visit->proposed.first, dayNumber(2023, 1, 8));
    // Every sentence span points at the sentence in the text the panel shows.
    for (const ReviewItem& it : review.items())
        EXPECT_EQ(
            review.article().text.substr(it.proposed.sentenceSpan.begin, it.proposed.sentenceSpan.size()),
            it.proposed.sentence);
    EXPECT_FALSE(review.unresolved().empty());
}

TEST(CodingReviewModel, PlaceEditsAreResolvedThroughTheGazetteerAndNeverFinerThanThePlace) {
    CodeIncidentsPanel panel;
    panel.setGazetteer(gazetteer());
    panel.setInput("Serbs set up barricades near Zubin Potok on Saturday, police said.");
    panel.setPublishedField("2023-01-08");
    ASSERT_TRUE(panel.run().ok());
    panel.review().wait();
    ASSERT_EQ(panel.review().items().size(), 1u);
    CodingReview& review = panel.review();
    ASSERT_TRUE(review.resolvePlace(0, "Zvecan").ok());
    EXPECT_EQ(review.items()[0].edited.place, "Zvečan");
    EXPECT_EQ(review.items()[0].edited.locationPrecision, LocationPrecision::Near);  // kept: "near"
    EXPECT_NEAR(review.items()[0].edited.location.lat, 42.9, 0.1);
    const Status unknown = review.resolvePlace(0, "Qqzxv");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    EXPECT_EQ(review.items()[0].edited.place, "Zvečan");  // unchanged by the failure
    EXPECT_FALSE(review.setDays(0, dayNumber(2023, 1, 8), dayNumber(2023, 1, 7)).ok());
    EXPECT_EQ(review.items()[0].proposed.place, "Zubin Potok");  // the proposal itself stays
}

class CodeIncidentsUi : public ::testing::Test {
protected:
    CodeIncidentsUi() : state(MapState::create(MapScene{}).value()) {
        state.resize(1280, 800, 1.f);
        panel.setGazetteer(gazetteer());
        panel.open();
        panel.setInput(
            "MITROVICA, Kosovo — Serbs set up barricades near Zubin Potok on Saturday, police said.\n\n"
            "A senior EU envoy is set to visit Pristina next week.\n\n"
            "Police arrested a man in Gracanica on Friday.");
        panel.setPublishedField("2023-01-08");
    }
    CommandList frame() {
        CommandList out;
        ui.frame([&] {
            UiContext ctx{state, log, Theme::Light, 1.f, 1.f, 0.0, {}};
            panel.draw(ctx, out);
        });
        return out;
    }
    /// Clicks the radio button `label` of review item `item`: in the child window "##review" (named after
    /// the panel, the child's name and its ID, as ImGui names children), under PushID(item).
    std::optional<CommandList> clickInItem(int item, const char* label) {
        return ui.clickItem(
            panel.title(),
            [&](ImGuiID window) {
                char child[256];
                std::snprintf(child, sizeof child, "%s/%s_%08X", panel.title(), "##review",
                              ImHashStr("##review", 0, window));
                return ImHashStr(label, 0, ImHashData(&item, sizeof item, ImHashStr(child, 0, 0)));
            },
            [&] { return frame(); });
    }
    test::ImGuiHarness ui;
    MapState state;
    LogSnapshot log;
    CodeIncidentsPanel panel;
};

TEST_F(CodeIncidentsUi, AddEmitsOneCommandWithTheAcceptedItemsAsEditedAndNothingRejected) {
    frame();
    ASSERT_TRUE(ui.clickButton(panel.title(), "Code incidents", [&] { return frame(); }));
    panel.review().wait();
    frame();
    ASSERT_EQ(panel.review().items().size(), 3u);
    EXPECT_EQ(panel.review().items()[0].proposed.category, "Roadblock / Protest");

    // Choosing an item flies the map to its place.
    panel.select(0);
    const auto accepted = clickInItem(0, "Accept");
    ASSERT_TRUE(accepted);
    EXPECT_EQ(panel.review().items()[0].decision, ReviewDecision::Accepted);
    ASSERT_TRUE(clickInItem(1, "Reject"));
    ASSERT_TRUE(clickInItem(2, "Accept"));
    EXPECT_EQ(panel.review().items()[1].decision, ReviewDecision::Rejected);

    // The user's edits of the first item: title, category, place (re-resolved), days, precisions.
    IncidentProposal& edited = panel.review().edit(0);
    edited.title = "Barricades on the road to Zvečan";
    edited.category = "Riots";
    ASSERT_TRUE(panel.review().resolvePlace(0, "Zvečan").ok());
    ASSERT_TRUE(panel.review().setDays(0, dayNumber(2023, 1, 6), dayNumber(2023, 1, 7)).ok());
    edited.timePrecision = TimePrecision::Day;
    edited.locationPrecision = LocationPrecision::Region;

    auto out = ui.clickButton(panel.title(), "Add accepted", [&] { return frame(); });
    ASSERT_TRUE(out);
    ASSERT_EQ(out->size(), 1u);
    const auto* add = findCommand<AddCodedIncidents>(*out);
    ASSERT_NE(add, nullptr);
    EXPECT_EQ(add->layerId, 0u);  // a new "Coded incidents" layer
    EXPECT_EQ(add->newLayerName, "Coded incidents");
    ASSERT_EQ(add->incidents.size(), 2u);  // the rejected visit is not there
    const Incident& road = add->incidents[0];
    EXPECT_EQ(road.title, "Barricades on the road to Zvečan");
    EXPECT_EQ(road.category, "Riots");
    EXPECT_EQ(road.placeName, "Zvečan");
    EXPECT_EQ(road.locationPrecision, LocationPrecision::Region);
    EXPECT_EQ(road.start.seconds, dayNumber(2023, 1, 6) * kSecondsPerDay);
    ASSERT_TRUE(road.end);
    EXPECT_EQ(road.end->seconds, dayNumber(2023, 1, 7) * kSecondsPerDay);
    EXPECT_EQ(road.description,
              "MITROVICA, Kosovo — Serbs set up barricades near Zubin Potok on Saturday, police said.");
    ASSERT_EQ(road.sources.size(), 1u);
    EXPECT_EQ(road.sources[0].text, "pasted text");
    EXPECT_EQ(add->incidents[1].category, "Arrest");
    for (const Incident& inc : add->incidents) EXPECT_EQ(inc.title.find("visit"), std::string::npos);

    // What was added is not added again; nothing accepted is left, so the button emits nothing.
    EXPECT_EQ(panel.review().items()[0].decision, ReviewDecision::Added);
    auto again = ui.clickButton(panel.title(), "Add accepted", [&] { return frame(); });
    EXPECT_TRUE(!again || findCommand<AddCodedIncidents>(*again) == nullptr);
}

TEST_F(CodeIncidentsUi, ChoosingAnItemFliesTheMapToItsPlace) {
    ASSERT_TRUE(panel.run().ok());
    panel.review().wait();
    frame();
    ASSERT_FALSE(panel.review().items().empty());
    CommandList out;
    panel.select(0, &out);
    const auto* fly = findCommand<FlyToPlace>(out);
    ASSERT_NE(fly, nullptr);
    EXPECT_EQ(fly->name, "Zubin Potok");
    EXPECT_NEAR(fly->position.lat, panel.review().items()[0].edited.location.lat, 1e-9);
    frame();  // draws the text scrolled to the sentence and the marker without failing
}

TEST_F(CodeIncidentsUi, WhenEverythingIsRejectedNothingIsEmitted) {
    ASSERT_TRUE(panel.run().ok());
    panel.review().wait();
    frame();
    for (int i = 0; i < static_cast<int>(panel.review().items().size()); ++i)
        ASSERT_TRUE(clickInItem(i, "Reject"));
    auto out = ui.clickButton(panel.title(), "Add accepted", [&] { return frame(); });
    EXPECT_TRUE(!out || findCommand<AddCodedIncidents>(*out) == nullptr);
    EXPECT_FALSE(panel.review().takeAccepted(0));
}

}  // namespace
}  // namespace fp
