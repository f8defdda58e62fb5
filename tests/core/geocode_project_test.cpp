// Geocoding decisions are kept by the map state, change the incident layer and come back with a project.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/project/map_state.h"
#include "core/project/project_file.h"
#include "incident_test_util.h"

namespace fp {
namespace {

const std::string kPlaceNames = test::kIncidentFixtures + "acled_placenames.csv";

TEST(GeocodeProject, AChoiceUpdatesTheLayerAndIsSavedWithTheProject) {
    MapState state = MapState::create(MapScene{}).value();
    auto id = state.addIncidents(kPlaceNames);
    ASSERT_TRUE(id.ok()) << id.error().describe();
    const IncidentLayer& layer = state.scene().incidentLayers.back();
    const auto before = layer.data;
    ASSERT_EQ(before->size(), 9u);
    ASSERT_EQ(state.geocodeReviews().layers().size(), 1u);
    ASSERT_EQ(state.geocodeReviews().pendingCount(), 2u);
    const PendingGeocodeRow& ambiguous = state.geocodeReviews().layers()[0].summary.pending[0];
    ASSERT_EQ(ambiguous.query.name, "Mitrovica");
    size_t kosovo = 0;
    while (ambiguous.result.candidates.at(kosovo).country != "XK") ++kosovo;
    const GeocodeChoice choice = choiceForCandidate(ambiguous, kosovo);
    ASSERT_TRUE(state.resolveGeocode(id.value(), choice).ok());
    // A new store replaced the old one (stores are immutable); the old one is untouched.
    const auto after = state.scene().incidentLayers.back().data;
    EXPECT_NE(after, before);
    EXPECT_EQ(before->size(), 9u);
    ASSERT_EQ(after->size(), 10u);
    const Incident resolved = after->get(test::findId(*after, "XKXG008"));
    EXPECT_NEAR(resolved.location.lat, 42.88, 0.1);
    EXPECT_EQ(state.geocodeReviews().pendingCount(), 1u);
    // Resolving it again is an error naming the row; so is a layer that has nothing to review.
    EXPECT_FALSE(state.resolveGeocode(id.value(), choice).ok());
    EXPECT_FALSE(state.resolveGeocode(id.value() + 100, choice).ok());
    // Skipping the unmatched row keeps it listed (never dropped silently).
    const PendingGeocodeRow& unmatched = state.geocodeReviews().layers()[0].summary.pending[0];
    GeocodeChoice skip;
    skip.source = unmatched.source;
    skip.row = unmatched.row;
    skip.name = unmatched.query.name;
    ASSERT_TRUE(state.resolveGeocode(id.value(), skip).ok());
    EXPECT_TRUE(state.geocodeReviews().layers()[0].summary.pending[0].skipped);
    ASSERT_EQ(state.geocodeReviews().choices().size(), 2u);

    const auto dir = std::filesystem::temp_directory_path() / "fp_geocode_project";
    std::filesystem::create_directories(dir);
    const std::string file = (dir / "p.json").string();
    ASSERT_TRUE(saveProject(file, state, "Geocoded", ExportSettings{}).ok());
    auto loaded = loadProject(file, MissingSourcePolicy::Fail);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    const MapState& again = loaded->state;
    ASSERT_EQ(again.scene().incidentLayers.size(), 1u);
    const auto& data = again.scene().incidentLayers[0].data;
    ASSERT_EQ(data->size(), 10u);
    EXPECT_NEAR(data->get(test::findId(*data, "XKXG008")).location.lat, 42.88, 0.1);
    EXPECT_EQ(again.geocodeReviews().choices().size(), 2u);
    ASSERT_EQ(again.geocodeReviews().pendingCount(), 1u);
    EXPECT_TRUE(again.geocodeReviews().layers()[0].summary.pending[0].skipped);
    std::filesystem::remove_all(dir);
}

TEST(GeocodeProject, ALayerWhoseNamesAllMatchedIsKnownAsGeocoded) {
    // Such a layer has nothing to review, but its rows were placed from their names: it can be written back
    // as a geocoded copy like one with held rows.
    const auto dir = std::filesystem::temp_directory_path() / "fp_geocode_all_matched";
    std::filesystem::create_directories(dir);
    const std::string clean = (dir / "matched.csv").string();
    {
        std::ifstream in(kPlaceNames);
        std::ofstream out(clean);
        std::string line;
        for (int n = 0; std::getline(in, line) && n < 8; ++n)  // header and rows 1-7: every name matches
            out << line << "\n";
    }
    MapState state = MapState::create(MapScene{}).value();
    auto id = state.addIncidents(clean);
    ASSERT_TRUE(id.ok()) << id.error().describe();
    EXPECT_EQ(state.scene().incidentLayers.back().data->size(), 7u);
    EXPECT_TRUE(state.geocodeReviews().layers().empty());
    EXPECT_TRUE(state.geocodeReviews().wasGeocoded(id.value()));
    // A source with coordinates was not geocoded.
    auto placed = state.addIncidents(test::kIncidentFixtures + "generic_lonlat.csv");
    ASSERT_TRUE(placed.ok()) << placed.error().describe();
    EXPECT_FALSE(state.geocodeReviews().wasGeocoded(placed.value()));
    // So is the layer of a project that loads the same source.
    const std::string file = (dir / "p.json").string();
    ASSERT_TRUE(saveProject(file, state, "Matched", ExportSettings{}).ok());
    auto loaded = loadProject(file, MissingSourcePolicy::Fail);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    const auto& layers = loaded->state.scene().incidentLayers;
    ASSERT_EQ(layers.size(), 2u);
    EXPECT_TRUE(loaded->state.geocodeReviews().wasGeocoded(layers[0].id));
    EXPECT_FALSE(loaded->state.geocodeReviews().wasGeocoded(layers[1].id));
    EXPECT_TRUE(loaded->state.geocodeReviews().layers().empty());
    // A removed layer is forgotten.
    ASSERT_TRUE(state.removeIncidentLayer(id.value()).ok());
    EXPECT_FALSE(state.geocodeReviews().wasGeocoded(id.value()));
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fp
