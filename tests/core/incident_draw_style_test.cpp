// The incident drawing style: its names, the auto rule's threshold, and its place in project files.
#include <gtest/gtest.h>

#include "core/model/incident_draw_style.h"
#include "core/project/project_document.h"

namespace fp {
namespace {

TEST(IncidentDrawStyle, NamesRoundTripAndOnlyExactNamesParse) {
    for (auto style : {IncidentDrawStyle::Auto, IncidentDrawStyle::Markers, IncidentDrawStyle::Heatmap,
                       IncidentDrawStyle::Hexbin})
        EXPECT_EQ(parseDrawStyle(drawStyleName(style)), style);
    EXPECT_STREQ(drawStyleName(IncidentDrawStyle::Hexbin), "hexbin");
    for (const char* bad : {"", "Heatmap", "heat", "hexbins", " markers"})
        EXPECT_FALSE(parseDrawStyle(bad)) << bad;
}

TEST(IncidentDrawStyle, AViewIsDenseBeyond25IncidentsPer100x100LogicalPixels) {
    const double fullHd = 1920.0 * 1080.0;  // 207.36 x 10,000 px: the threshold is 5184 incidents
    EXPECT_FALSE(isDenseView(5184.0, fullHd, 1.f));
    EXPECT_TRUE(isDenseView(5185.0, fullHd, 1.f));
    // The same image at 192 dpi has four times the pixels but the same logical area: the same decision.
    EXPECT_FALSE(isDenseView(5184.0, 4.0 * fullHd, 2.f));
    EXPECT_TRUE(isDenseView(5185.0, 4.0 * fullHd, 2.f));
    EXPECT_FALSE(isDenseView(0.0, fullHd, 1.f));
    EXPECT_FALSE(isDenseView(100.0, 0.0, 1.f));  // no viewport: nothing to be dense on
}

TEST(IncidentDrawStyle, AutoFollowsDensityAndAnExplicitChoiceStays) {
    EXPECT_EQ(effectiveDrawStyle(IncidentDrawStyle::Auto, false), IncidentDrawStyle::Markers);
    EXPECT_EQ(effectiveDrawStyle(IncidentDrawStyle::Auto, true), IncidentDrawStyle::Heatmap);
    for (bool dense : {false, true}) {
        EXPECT_EQ(effectiveDrawStyle(IncidentDrawStyle::Markers, dense), IncidentDrawStyle::Markers);
        EXPECT_EQ(effectiveDrawStyle(IncidentDrawStyle::Heatmap, dense), IncidentDrawStyle::Heatmap);
        EXPECT_EQ(effectiveDrawStyle(IncidentDrawStyle::Hexbin, dense), IncidentDrawStyle::Hexbin);
    }
}

TEST(IncidentDrawStyle, RampRunsFromPaleToDarkAndHeatmapsFadeTheLowEnd) {
    const Color low = densityRampColor(0.f), high = densityRampColor(1.f);
    EXPECT_EQ(low, densityRampStop(0));
    EXPECT_EQ(high, densityRampStop(kDensityRampStops - 1));
    EXPECT_GT(low.r + low.g + low.b, high.r + high.g + high.b + 1.f);
    EXPECT_EQ(densityRampColor(-1.f), low);
    EXPECT_EQ(densityRampColor(2.f), high);
    EXPECT_EQ(heatmapAlpha(0.f), 0.f);
    EXPECT_FLOAT_EQ(heatmapAlpha(0.5f * kHeatFadeEnd), 0.5f * kHeatPeakAlpha);
    EXPECT_FLOAT_EQ(heatmapAlpha(1.f), kHeatPeakAlpha);
}

std::string projectWithIncidentStyle(const std::string& style) {
    return R"({"format": "flashpoint-project", "version": 1, "incidents": [{"source": "x.csv", "style": )" +
           style + "}]}";
}

TEST(IncidentDrawStyle, ProjectsSaveAndReadTheStyleAndWeighting) {
    auto doc = parseProjectJson(
        projectWithIncidentStyle(R"({"drawStyle": "hexbin", "weightByFatalities": true})"), "/tmp/p.json");
    ASSERT_TRUE(doc.ok()) << doc.error().describe();
    ASSERT_EQ(doc->incidents.size(), 1u);
    EXPECT_EQ(doc->incidents[0].style.drawStyle, IncidentDrawStyle::Hexbin);
    EXPECT_TRUE(doc->incidents[0].style.weightByFatalities);
    for (auto style : {IncidentDrawStyle::Auto, IncidentDrawStyle::Markers, IncidentDrawStyle::Heatmap,
                       IncidentDrawStyle::Hexbin}) {
        doc->incidents[0].style.drawStyle = style;
        const std::string json = projectToJson(doc.value(), "/tmp/p.json");
        EXPECT_NE(json.find(std::string("\"drawStyle\": \"") + drawStyleName(style) + "\""),
                  std::string::npos)
            << json;
        auto again = parseProjectJson(json, "/tmp/p.json");
        ASSERT_TRUE(again.ok()) << again.error().describe();
        EXPECT_EQ(again->incidents[0].style, doc->incidents[0].style);
    }
}

TEST(IncidentDrawStyle, OlderProjectsWithoutTheFieldAreAuto) {
    auto doc = parseProjectJson(projectWithIncidentStyle(R"({"markerScale": 2})"), "/tmp/p.json");
    ASSERT_TRUE(doc.ok()) << doc.error().describe();
    EXPECT_EQ(doc->incidents[0].style.drawStyle, IncidentDrawStyle::Auto);
    EXPECT_FALSE(doc->incidents[0].style.weightByFatalities);
}

TEST(IncidentDrawStyle, AnUnknownStyleInAProjectNamesTheFieldAndTheChoices) {
    auto doc = parseProjectJson(projectWithIncidentStyle(R"({"drawStyle": "dots"})"), "p.json");
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.error().field, "incidents[0].style.drawStyle");
    EXPECT_NE(doc.error().describe().find("'dots' is not auto, markers, heatmap or hexbin"),
              std::string::npos)
        << doc.error().describe();
    auto weight = parseProjectJson(projectWithIncidentStyle(R"({"weightByFatalities": "yes"})"), "p.json");
    ASSERT_FALSE(weight.ok());
    EXPECT_EQ(weight.error().field, "incidents[0].style.weightByFatalities");
}

}  // namespace
}  // namespace fp
