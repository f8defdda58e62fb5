#include <gtest/gtest.h>
#include <imgui_internal.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include "app/session/settings.h"
#include "command_find.h"
#include "imgui_harness.h"
#include "main_ui_fixture.h"
#include "ui/main_ui.h"
#include "ui/panels/field_mapping_dialog.h"

namespace fp {
namespace {

const std::string kUnmapped = std::string(FP_FIXTURES_DIR) + "/incidents/unmapped_columns.csv";

using test::findCommand;

FieldMappingRequest unmappedRequest() {
    FieldMappingRequest r;
    r.source = "/data/unmapped_columns.csv";
    r.info.columns = {"reported", "pos_e", "pos_n", "what", "kind_of_event"};
    r.info.fieldMapping = {{"title", "what"}};
    r.reason = "no date column";
    return r;
}

class FieldMappingTest : public ::testing::Test {
protected:
    FieldMappingTest() : state(std::move(MapState::create(MapScene{})).value()) {}

    CommandList frame() {
        CommandList out;
        LogSnapshot log;
        ui.frame([&] {
            UiContext ctx{state, log};
            dialog.draw(ctx, out);
        });
        return out;
    }
    /// Clicks the dialog's button `label` (found by moving the mouse over the window from the bottom up).
    CommandList clickButton(const char* label) {
        auto out = ui.clickButton(dialog.title(), label, [&] { return frame(); });
        if (!out) ADD_FAILURE() << "no button " << label;
        return out.value_or(CommandList{});
    }

    test::ImGuiHarness ui;
    MapState state;
    FieldMappingDialog dialog;
};

TEST_F(FieldMappingTest, APlaceNameColumnLocatesRowsByGeocoding) {
    dialog.open(unmappedRequest());
    EXPECT_TRUE(dialog.choose("start", "reported"));
    EXPECT_FALSE(dialog.canApply());
    EXPECT_TRUE(dialog.choose("place", "what"));
    EXPECT_TRUE(dialog.canApply());
    EXPECT_TRUE(dialog.choose("country", "kind_of_event"));  // context fields are offered too
}

TEST_F(FieldMappingTest, ApplyEmitsAReloadWithTheChosenMapping) {
    dialog.open(unmappedRequest());
    EXPECT_TRUE(dialog.isOpen());
    EXPECT_EQ(dialog.mapping().at("title"), "what");  // pre-filled from the detection
    EXPECT_FALSE(dialog.canApply());                  // no start, no location yet
    EXPECT_TRUE(dialog.choose("start", "reported"));
    EXPECT_TRUE(dialog.choose("lon", "pos_e"));
    EXPECT_FALSE(dialog.canApply());
    EXPECT_TRUE(dialog.choose("lat", "pos_n"));
    EXPECT_TRUE(dialog.choose("category", "kind_of_event"));
    EXPECT_FALSE(dialog.choose("category", "no such column"));
    EXPECT_FALSE(dialog.choose("no such field", "what"));
    EXPECT_TRUE(dialog.canApply());

    const CommandList out = clickButton("Apply");
    const auto* reload = findCommand<ReloadIncidents>(out);
    ASSERT_NE(reload, nullptr);
    EXPECT_EQ(reload->source, "/data/unmapped_columns.csv");
    EXPECT_EQ(reload->replaceLayerId, 0u);
    EXPECT_EQ(reload->fieldMapping.at("start"), "reported");
    EXPECT_EQ(reload->fieldMapping.at("lon"), "pos_e");
    EXPECT_EQ(reload->fieldMapping.at("lat"), "pos_n");
    EXPECT_EQ(reload->fieldMapping.at("category"), "kind_of_event");
    EXPECT_EQ(reload->fieldMapping.at("title"), "what");
    EXPECT_EQ(reload->fieldMapping.at("end"), "");  // every canonical field is given, unmapped ones empty
    EXPECT_EQ(reload->fieldMapping.size(), canonicalIncidentFields().size());
    EXPECT_TRUE(dialog.waiting());

    // Stays open with the error when the reload fails; closes when it works.
    dialog.applyFinished(false, "no row could be loaded");
    EXPECT_TRUE(dialog.isOpen());
    EXPECT_EQ(dialog.error(), "no row could be loaded");
    dialog.applyFinished(true, {});
    EXPECT_FALSE(dialog.isOpen());
}

TEST_F(FieldMappingTest, TheDateFormatChosenGoesWithTheReloadAndIsKeptByTheLayer) {
    FieldMappingRequest request = unmappedRequest();
    request.dateFormat = "month-first";  // chosen before for this source
    dialog.open(request);
    EXPECT_EQ(dialog.dateFormat(), "month-first");
    EXPECT_FALSE(dialog.chooseDateFormat("whenever"));
    EXPECT_TRUE(dialog.chooseDateFormat("day-first"));
    ASSERT_TRUE(dialog.choose("start", "reported"));
    ASSERT_TRUE(dialog.choose("lon", "pos_e"));
    ASSERT_TRUE(dialog.choose("lat", "pos_n"));
    const CommandList out = clickButton("Apply");
    const auto* reload = findCommand<ReloadIncidents>(out);
    ASSERT_NE(reload, nullptr);
    EXPECT_EQ(reload->dateFormat, "day-first");

    const std::string fixture = std::string(FP_FIXTURES_DIR) + "/incidents/unmapped_columns.csv";
    Session session(std::move(state));
    ASSERT_TRUE(session.apply(ReloadIncidents{fixture, {}, reload->fieldMapping, 0, "day-first"}).ok());
    ASSERT_EQ(session.state().scene().incidentLayers.size(), 1u);
    EXPECT_EQ(session.state().scene().incidentLayers[0].loadOptions.dateFormat, "day-first");
}

TEST_F(FieldMappingTest, CancelEmitsNothingAndCloses) {
    dialog.open(unmappedRequest());
    dialog.choose("start", "reported");
    dialog.choose("wkt", "what");
    const CommandList out = clickButton("Cancel");
    EXPECT_TRUE(out.empty());
    EXPECT_FALSE(dialog.isOpen());
    EXPECT_TRUE(frame().empty());
}

TEST_F(FieldMappingTest, TheSourceOwnGeometryIsALocation) {
    FieldMappingRequest r = unmappedRequest();
    r.info.fieldMapping = {{"location", "point geometry"}};
    dialog.open(r);
    dialog.choose("start", "reported");
    EXPECT_TRUE(dialog.canApply());
}

TEST_F(FieldMappingTest, WhatTheLoaderRecognisedBeforeGivingUpIsPrefilled) {
    FieldMappingRequest r;
    r.source = "/data/partial.csv";
    r.info.columns = {"reported", "Longitude", "latitude", "Title"};  // the loader gave up: no date column
    r.info.fieldMapping = {{"lon", "Longitude"}, {"lat", "latitude"}, {"title", "Title"}};
    dialog.open(r);
    EXPECT_EQ(dialog.mapping().at("lon"), "Longitude");
    EXPECT_EQ(dialog.mapping().at("lat"), "latitude");
    EXPECT_EQ(dialog.mapping().at("title"), "Title");
    EXPECT_EQ(dialog.mapping().at("start"), "");
}

TEST_F(FieldMappingTest, ARememberedMappingPrefillsTheColumnsThatStillExist) {
    FieldMappingRequest r = unmappedRequest();
    r.previous = {{"start", "gone"}, {"lon", "pos_e"}, {"lat", "pos_n"}, {"title", ""}};
    dialog.open(r);
    EXPECT_EQ(dialog.mapping().at("start"), "");  // renamed since
    EXPECT_EQ(dialog.mapping().at("lon"), "pos_e");
    EXPECT_EQ(dialog.mapping().at("lat"), "pos_n");
    EXPECT_EQ(dialog.mapping().at("title"), "");  // left unread before, though detected
}

TEST(FieldMappingKey, AbsolutePathsAndDatabasesWithoutPasswords) {
    const std::string key = fieldMappingKey("some/dir/../events.csv");
    EXPECT_TRUE(std::filesystem::path(key).is_absolute()) << key;
    EXPECT_EQ(key, (std::filesystem::current_path() / "some/events.csv").string());
    const std::string pg = fieldMappingKey("PG:dbname=ops host=db password=secret user=me", "incidents");
    EXPECT_EQ(pg.find("secret"), std::string::npos) << pg;
    EXPECT_NE(pg.find("dbname=ops"), std::string::npos) << pg;
    EXPECT_NE(pg.find("table=incidents"), std::string::npos) << pg;
    EXPECT_NE(pg, fieldMappingKey("PG:dbname=ops host=db password=secret user=me", "other"));
}

using MainUiMappingTest = test::MainUiFixture;

TEST_F(MainUiMappingTest, UnrecognisedColumnsOpenTheDialogAndTheMappingLoads) {
    const AddIncidents add{kUnmapped};
    const Status failed = apply(add);
    ASSERT_FALSE(failed);
    ASSERT_EQ(failed.error().code, ErrorCode::UnsupportedFormat);
    ui.onCommandResult(add, failed.error(), &state);
    FieldMappingDialog& dialog = ui.fieldMapping();
    ASSERT_TRUE(dialog.isOpen());
    EXPECT_EQ(dialog.request().source, kUnmapped);
    EXPECT_EQ(dialog.request().info.columns,
              (std::vector<std::string>{"reported", "pos_e", "pos_n", "what", "kind_of_event"}));
    EXPECT_TRUE(frame().empty());  // drawn, nothing asked yet

    dialog.choose("start", "reported");
    dialog.choose("lon", "pos_e");
    dialog.choose("lat", "pos_n");
    dialog.choose("title", "what");
    dialog.choose("category", "kind_of_event");
    const ReloadIncidents reload{kUnmapped, {}, dialog.mapping(), 0};
    const Status loaded = apply(reload);
    ASSERT_TRUE(loaded) << loaded.error().describe();
    ui.onCommandResult(reload, loaded, &state);
    EXPECT_FALSE(dialog.isOpen());
    ASSERT_EQ(state.scene().incidentLayers.size(), 1u);
    const IncidentStore& store = *state.scene().incidentLayers[0].data;
    EXPECT_EQ(store.size(), 4u);
    EXPECT_EQ(store.categories().size(), 4u);

    // The loaded layer can be remapped: the legend's "Map fields…" button opens the dialog on it.
    const uint64_t id = state.scene().incidentLayers[0].id;
    ui.setIncidentPanelOpen(IncidentPanelId::Legend, true);
    frame();
    const std::optional<CommandList> out = clickLegendButton(id, "Map fields\xE2\x80\xA6");
    ASSERT_TRUE(out);
    EXPECT_TRUE(out->empty());  // handled inside the UI
    ASSERT_TRUE(dialog.isOpen());
    EXPECT_EQ(dialog.request().replaceLayerId, id);
    EXPECT_EQ(dialog.mapping().at("start"), "reported");  // what the layer was loaded with
    EXPECT_EQ(dialog.mapping().at("lat"), "pos_n");
}

TEST_F(MainUiMappingTest, ReopeningTheDialogShowsTheDateFormatAndEncodingTheLayerWasReadWith) {
    FieldMapping mapping;
    for (const std::string& field : canonicalIncidentFields()) mapping[field] = "";
    mapping["start"] = "reported";
    mapping["lon"] = "pos_e";
    mapping["lat"] = "pos_n";
    const ReloadIncidents reload{kUnmapped, {}, mapping, 0, "day-first", "windows-1252"};
    const Status loaded = apply(reload);
    ASSERT_TRUE(loaded) << loaded.error().describe();
    ui.onCommandResult(reload, loaded, &state);
    ASSERT_EQ(state.scene().incidentLayers.size(), 1u);
    EXPECT_EQ(state.scene().incidentLayers[0].loadOptions.encoding, "windows-1252");

    const uint64_t id = state.scene().incidentLayers[0].id;
    ui.setIncidentPanelOpen(IncidentPanelId::Legend, true);
    frame();
    ASSERT_TRUE(clickLegendButton(id, "Map fields\xE2\x80\xA6"));
    FieldMappingDialog& dialog = ui.fieldMapping();
    ASSERT_TRUE(dialog.isOpen());
    EXPECT_EQ(dialog.dateFormat(), "day-first");
    EXPECT_EQ(dialog.request().encoding, "windows-1252");
    EXPECT_EQ(dialog.mapping().at("start"), "reported");
    EXPECT_EQ(dialog.mapping().at("title"), "");  // chosen as none, not re-detected
}

TEST_F(MainUiMappingTest, ApplyingAMappingToALoadedLayerReplacesItInPlace) {
    FieldMapping mapping;
    for (const std::string& field : canonicalIncidentFields()) mapping[field] = "";
    mapping["start"] = "reported";
    mapping["lon"] = "pos_e";
    mapping["lat"] = "pos_n";
    ASSERT_TRUE(apply(ReloadIncidents{kUnmapped, {}, mapping, 0}).ok());
    const std::string other = std::string(FP_FIXTURES_DIR) + "/incidents/generic_lonlat.csv";
    ASSERT_TRUE(apply(AddIncidents{other}).ok());
    ASSERT_EQ(state.scene().incidentLayers.size(), 2u);
    const IncidentLayer& first = state.scene().incidentLayers[0];
    const uint64_t oldId = first.id;
    IncidentStyle halfOpaque = first.style;
    halfOpaque.opacity = 0.5f;
    ASSERT_TRUE(apply(SetIncidentStyle{oldId, halfOpaque}).ok());
    EXPECT_TRUE(state.scene().incidentLayers[0].data->categories().size() <= 1);  // no category column yet

    mapping["category"] = "kind_of_event";
    ASSERT_TRUE(apply(ReloadIncidents{kUnmapped, {}, mapping, oldId}).ok());
    ASSERT_EQ(state.scene().incidentLayers.size(), 2u);
    const IncidentLayer& remapped = state.scene().incidentLayers[0];  // same place in the drawing order
    EXPECT_NE(remapped.id, oldId);
    EXPECT_EQ(remapped.style.opacity, 0.5f);
    EXPECT_EQ(remapped.data->categories().size(), 4u);
    // Kept by value: a command may rebuild the layer list (a failed one restores it), and with it this
    // reference.
    const uint64_t remappedId = remapped.id;

    // A dropped table whose columns are not recognised is not a vector layer either: the incident error
    // comes back, so that the dialog can open.
    const size_t vectorLayers = state.scene().layers.size();
    const Status dropped = apply(AddIncidents{kUnmapped, true});
    ASSERT_FALSE(dropped.ok());
    EXPECT_EQ(dropped.error().code, ErrorCode::UnsupportedFormat);
    EXPECT_EQ(state.lastIncidentFormat().columns.size(), 5u);
    EXPECT_EQ(state.scene().layers.size(), vectorLayers);

    // A mapping that loads nothing leaves the map as it was.
    mapping["start"] = "what";
    const Status failed = apply(ReloadIncidents{kUnmapped, {}, mapping, remappedId});
    EXPECT_FALSE(failed.ok());
    ASSERT_EQ(state.scene().incidentLayers.size(), 2u);
    EXPECT_EQ(state.scene().incidentLayers[0].data->categories().size(), 4u);
}

TEST(GuiSettingsMappings, RoundTripAndCorruptEntriesAreIgnoredWithAWarning) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("fp-ui-settings-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "settings.json").string();

    GuiSettings s;
    s.fieldMappings["/data/a.csv"] = {{"start", "reported"}, {"lon", "pos_e"}, {"end", ""}};
    s.fieldMappings["PG:dbname=ops table=incidents"] = {{"start", "happened"}};
    ASSERT_TRUE(saveGuiSettings(path, s).ok());
    const GuiSettings back = loadGuiSettings(path);
    EXPECT_EQ(back.fieldMappings, s.fieldMappings);

    {
        std::ofstream out(path, std::ios::trunc);
        out << R"({"version": 1, "theme": "dark", "incidentFieldMappings": {
                  "/data/good.csv": {"start": "when_it_was", "lat": "n"},
                  "/data/bad.csv": "start=when",
                  "/data/worse.csv": {"start": 3},
                  "/data/empty.csv": {}
               }})";
    }
    Log::instance().clear();
    const GuiSettings partly = loadGuiSettings(path);
    EXPECT_EQ(partly.theme, Theme::Dark);  // the rest of the file still counts
    ASSERT_EQ(partly.fieldMappings.size(), 1u);
    EXPECT_EQ(partly.fieldMappings.at("/data/good.csv").at("start"), "when_it_was");
    size_t warnings = 0;
    for (const LogEntry& e : Log::instance().entries())
        if (e.level == LogLevel::Warning && e.message.find("field mapping") != std::string::npos) {
            ++warnings;
            EXPECT_TRUE(e.message.find("bad.csv") != std::string::npos ||
                        e.message.find("worse.csv") != std::string::npos ||
                        e.message.find("empty.csv") != std::string::npos)
                << e.message;
        }
    EXPECT_EQ(warnings, 3u);

    {
        std::ofstream out(path, std::ios::trunc);
        out << R"({"incidentFieldMappings": ["not", "an", "object"]})";
    }
    EXPECT_TRUE(loadGuiSettings(path).fieldMappings.empty());
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fp
