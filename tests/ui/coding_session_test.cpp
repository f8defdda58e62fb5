// AddCodedIncidents, the coding panel's one session command: accepted proposals join a new in-memory layer
// or an existing incident layer, as one undo step.
#include <gtest/gtest.h>

#include "app/session/session.h"

namespace fp {
namespace {

const std::string kIncidents = std::string(FP_FIXTURES_DIR) + "/incidents/generic_lonlat.csv";

Incident coded(const std::string& title, int64_t day, const std::string& sentence) {
    Incident inc;
    inc.title = title;
    inc.description = sentence;
    inc.category = "Roadblock / Protest";
    inc.placeName = "Zubin Potok";
    inc.location = {20.69, 42.91};
    inc.locationPrecision = LocationPrecision::Near;
    inc.start = TimePoint{day * kSecondsPerDay};
    inc.sources = {{"story.txt", "", TimePoint{19365 * kSecondsPerDay}}};
    inc.tags = {"extracted", "reviewed"};
    return inc;
}

class CodingSessionTest : public ::testing::Test {
protected:
    CodingSessionTest() : session(MapState::create(MapScene{}).value()) { session.resize(800, 600, 1.f); }
    const MapState& state() const { return session.state(); }
    size_t layerSize(uint64_t id) const {
        const IncidentLayer* layer = state().scene().findIncidentLayer(id);
        return layer && layer->data ? layer->data->size() : 0;
    }
    Session session;
};

TEST_F(CodingSessionTest, AcceptedIncidentsMakeANewInMemoryLayerAsOneUndoStep) {
    const AddCodedIncidents add{0,
                                "Coded incidents",
                                {coded("Barricades near Zubin Potok", 19364, "Serbs set up barricades."),
                                 coded("Roadblock at Jarinje", 19360, "A road was blocked.")}};
    const Status applied = session.apply(add);
    ASSERT_TRUE(applied.ok()) << applied.error().describe();
    ASSERT_EQ(state().scene().incidentLayers.size(), 1u);
    const IncidentLayer& layer = state().scene().incidentLayers.back();
    EXPECT_EQ(layer.name, "Coded incidents");
    EXPECT_TRUE(
        layer.source.empty());  // no file behind it yet: a layer of the user's own, saved with the project
    EXPECT_TRUE(layer.own);
    EXPECT_TRUE(hasUnsavedEdits(layer));
    ASSERT_EQ(layer.data->size(), 2u);
    // The column store sorts by start: the Jarinje roadblock (earlier) comes first, provenance kept.
    const Incident first = layer.data->get(0);
    EXPECT_EQ(first.title, "Roadblock at Jarinje");
    EXPECT_EQ(first.description, "A road was blocked.");
    ASSERT_EQ(first.sources.size(), 1u);
    EXPECT_EQ(first.sources[0].text, "story.txt");
    EXPECT_EQ(first.locationPrecision, LocationPrecision::Near);
    EXPECT_FALSE(first.provenance.created.empty());  // stamped like an incident added by hand
    EXPECT_EQ(session.history().undoName(), "Add 2 coded incidents");
    EXPECT_TRUE(session.dirty());

    const uint64_t id = layer.id;
    ASSERT_TRUE(session.apply(Undo{}).ok());
    EXPECT_TRUE(state().scene().incidentLayers.empty());
    EXPECT_FALSE(session.dirty());
    ASSERT_TRUE(session.apply(Redo{}).ok());
    ASSERT_EQ(state().scene().incidentLayers.size(), 1u);
    EXPECT_EQ(state().scene().incidentLayers[0].id, id);
    EXPECT_EQ(layerSize(id), 2u);
}

TEST_F(CodingSessionTest, AcceptedIncidentsJoinAnExistingLayerKeepingItsRowsAndStyle) {
    ASSERT_TRUE(session.apply(AddIncidents{kIncidents}).ok());
    const uint64_t id = state().scene().incidentLayers.back().id;
    const size_t before = layerSize(id);
    ASSERT_GT(before, 0u);
    IncidentStyle style = state().scene().incidentLayers.back().style;
    style.markerScale = 1.5f;
    ASSERT_TRUE(session.apply(SetIncidentStyle{id, style}).ok());

    ASSERT_TRUE(
        session.apply(AddCodedIncidents{id, "", {coded("Shooting near Štrpce", 19360, "Shot.")}}).ok());
    ASSERT_EQ(state().scene().incidentLayers.size(), 1u);
    const IncidentLayer& layer = state().scene().incidentLayers.back();
    EXPECT_EQ(layer.id, id);
    EXPECT_EQ(layer.style.markerScale, 1.5f);
    EXPECT_EQ(layerSize(id), before + 1);
    EXPECT_EQ(session.history().undoName(), "Add 1 coded incident");

    ASSERT_TRUE(session.apply(Undo{}).ok());
    EXPECT_EQ(layerSize(id), before);
    EXPECT_EQ(state().scene().incidentLayers.back().style.markerScale, 1.5f);  // the style step stays
    ASSERT_TRUE(session.apply(Redo{}).ok());
    EXPECT_EQ(layerSize(id), before + 1);
}

TEST_F(CodingSessionTest, OneRefusedIncidentAddsNoneAndLeavesNoStep) {
    ASSERT_TRUE(session.apply(AddIncidents{kIncidents}).ok());
    const uint64_t id = state().scene().incidentLayers.back().id;
    const size_t before = layerSize(id);
    const std::string lastStep = session.history().undoName();
    Incident nowhere = coded("Shooting", 19360, "Shot.");
    nowhere.location = {500.0, 42.0};
    const Status refused =
        session.apply(AddCodedIncidents{id, "", {coded("Roadblock", 19360, "Blocked."), nowhere}});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(layerSize(id), before);  // the first was not kept either
    EXPECT_EQ(session.history().undoName(), lastStep);
}

TEST_F(CodingSessionTest, NothingAcceptedOrALayerGoneIsAnErrorAndNoStep) {
    const Status empty = session.apply(AddCodedIncidents{});
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, ErrorCode::InvalidArgument);
    const Status gone = session.apply(AddCodedIncidents{987654, "", {coded("x", 19360, "x.")}});
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(state().scene().incidentLayers.empty());
    EXPECT_TRUE(session.history().undoName().empty());
    EXPECT_FALSE(session.dirty());
}

}  // namespace
}  // namespace fp
