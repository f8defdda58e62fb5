#include "core/model/incident_style_sheet.h"

#include <gtest/gtest.h>

#include <set>

#include "core/io/incidents/gdelt.h"
#include "core/model/incident.h"

namespace fp {
namespace {

const char* kMinimal = R"({
  "default": {"color": "#888888", "shape": "circle"},
  "categories": [
    {"name": "Arrest", "color": "#56b4e9", "shape": "diamond", "aliases": ["Arrests"]},
    {"name": "Battles", "color": "#d55e00", "shape": "cross"}
  ]
})";

TEST(IncidentStyleSheet, ShippedSheetCoversTheRequiredCategoriesWithDistinctStyles) {
    const std::string path = IncidentStyleSheet::findShippedPath();
    ASSERT_FALSE(path.empty());
    auto sheet = IncidentStyleSheet::loadFile(path);
    ASSERT_TRUE(sheet.ok()) << sheet.error().describe();
    for (const char* name :
         {"Arrest", "Roadblock / Protest", "Armed violence", "Political statement / Demand", "Diplomacy",
          "Battles", "Violence against civilians", "Explosions/Remote violence", "Riots", "Protests",
          "Strategic developments"})
        EXPECT_GE(sheet->find(name), 0) << name;
    // Colour-blind readers must be able to tell categories apart by shape and colour together.
    std::set<std::pair<std::string, int>> pairs;
    for (const auto& c : sheet->categories())
        EXPECT_TRUE(pairs.emplace(c.color.toHex(), static_cast<int>(c.shape)).second) << c.name;
    EXPECT_TRUE(
        pairs.emplace(sheet->fallback().color.toHex(), static_cast<int>(sheet->fallback().shape)).second);
}

TEST(IncidentStyleSheet, ShippedSheetStylesEveryGdeltEventRootCode) {
    // GDELT events all fell to the grey fallback: twenty categories a legend could not tell apart.
    auto sheet = IncidentStyleSheet::loadFile(IncidentStyleSheet::findShippedPath());
    ASSERT_TRUE(sheet.ok()) << sheet.error().describe();
    for (int code = 1; code <= 20; ++code) {
        const std::string name = incident_io::cameoRootName(std::to_string(code));
        ASSERT_FALSE(name.empty()) << code;
        EXPECT_GE(sheet->find(name), 0) << code << " " << name;
    }
}

TEST(IncidentStyleSheet, MatchesNamesAndAliasesIgnoringCaseAndBlanks) {
    auto sheet = IncidentStyleSheet::parse(kMinimal, "test.json");
    ASSERT_TRUE(sheet.ok()) << sheet.error().describe();
    EXPECT_EQ(sheet->find("Arrest"), 0);
    EXPECT_EQ(sheet->find("  ARRESTS "), 0);
    EXPECT_EQ(sheet->find("battles"), 1);
    EXPECT_EQ(sheet->find("Looting"), -1);
    EXPECT_EQ(sheet->styleFor("arrest").shape, MarkerShape::Diamond);
}

TEST(IncidentStyleSheet, UnnamedCategoriesTakeALookNoNamedOneHas) {
    auto sheet = IncidentStyleSheet::parse(kMinimal, "test.json");
    ASSERT_TRUE(sheet.ok()) << sheet.error().describe();
    std::set<std::pair<std::string, int>> looks;
    for (const auto& c : sheet->categories()) looks.emplace(c.color.toHex(), static_cast<int>(c.shape));
    looks.emplace(sheet->fallback().color.toHex(), static_cast<int>(sheet->fallback().shape));
    std::set<std::pair<std::string, int>> unnamed;
    for (const char* name : {"Looting", "Drones", "Neptune missiles", "Shelling", "Arson", "Kidnapping"}) {
        const CategoryStyle& style = sheet->styleFor(name);
        const std::pair<std::string, int> look{style.color.toHex(), static_cast<int>(style.shape)};
        EXPECT_EQ(looks.count(look), 0u) << name << " looks like a named category or the default";
        // One of the sheet's own colours, and the same look however the name is written.
        EXPECT_TRUE(style.color == Color::rgb(0x56, 0xb4, 0xe9) ||
                    style.color == Color::rgb(0xd5, 0x5e, 0x00))
            << name;
        EXPECT_EQ(&sheet->styleFor(std::string("  ") + name + " "), &style);
        unnamed.insert(look);
    }
    EXPECT_GT(unnamed.size(), 3u) << "names spread over the looks left";
    // No category, the store's overflow bucket and a sheet without categories: the default.
    EXPECT_EQ(&sheet->styleFor(""), &sheet->fallback());
    EXPECT_EQ(&sheet->styleFor(kOverflowCategory), &sheet->fallback());
    const IncidentStyleSheet neutral;
    EXPECT_EQ(&neutral.styleFor("Looting"), &neutral.fallback());
}

TEST(IncidentStyleSheet, BadColourNamesTheFileAndTheKey) {
    std::string text = kMinimal;
    text.replace(text.find("#d55e00"), 7, "#d55e0z");
    auto sheet = IncidentStyleSheet::parse(text, "/etc/styles.json");
    ASSERT_FALSE(sheet.ok());
    EXPECT_EQ(sheet.error().source, "/etc/styles.json");
    EXPECT_EQ(sheet.error().field, "categories[1].color");
    const std::string described = sheet.error().describe();
    EXPECT_NE(described.find("/etc/styles.json"), std::string::npos) << described;
    EXPECT_NE(described.find("categories[1].color"), std::string::npos) << described;
    EXPECT_NE(described.find("#d55e0z"), std::string::npos) << described;
}

TEST(IncidentStyleSheet, MalformedJsonIsAClearError) {
    auto sheet = IncidentStyleSheet::parse("{\"default\": {", "broken.json");
    ASSERT_FALSE(sheet.ok());
    EXPECT_EQ(sheet.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(sheet.error().describe().find("broken.json"), std::string::npos);
    EXPECT_NE(sheet.error().describe().find("not valid JSON"), std::string::npos);
}

TEST(IncidentStyleSheet, RejectsUnknownShapesMissingKeysAndDuplicates) {
    std::string shape = kMinimal;
    shape.replace(shape.find("\"cross\""), 7, "\"blob\"");
    auto a = IncidentStyleSheet::parse(shape, "s.json");
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.error().field, "categories[1].shape");

    auto b = IncidentStyleSheet::parse(R"({"categories": []})", "s.json");
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(b.error().field, "default");

    std::string dup = kMinimal;
    dup.replace(dup.find("\"Battles\""), 9, "\"arrests\"");
    auto c = IncidentStyleSheet::parse(dup, "s.json");
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().field, "categories[1].name");

    auto d = IncidentStyleSheet::parse(
        R"({"marker": {"sizePx": -3}, "default": {"color": "#888", "shape": "circle"}, "categories": []})",
        "s.json");
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().field, "marker.sizePx");
}

TEST(IncidentStyleSheet, MissingFileIsNotFound) {
    auto sheet = IncidentStyleSheet::loadFile("/nonexistent/styles.json");
    ASSERT_FALSE(sheet.ok());
    EXPECT_EQ(sheet.error().code, ErrorCode::NotFound);
}

TEST(MarkerSizeClass, GrowsWithTheSquareRootOfCasualtiesAndIsCapped) {
    EXPECT_EQ(markerSizeClass(-1, -1), 0);
    EXPECT_EQ(markerSizeClass(0, 0), 0);
    EXPECT_EQ(markerSizeClass(1, 0), 1);
    EXPECT_EQ(markerSizeClass(2, 2), 2);
    EXPECT_EQ(markerSizeClass(5, -1), 3);
    EXPECT_EQ(markerSizeClass(100, 0), 10);
    EXPECT_EQ(markerSizeClass(5000, 5000), kMaxSizeClass);
    IncidentStyleSheet sheet;
    EXPECT_FLOAT_EQ(sheet.markerDiameterPx(0), sheet.marker().sizePx);
    EXPECT_FLOAT_EQ(sheet.markerDiameterPx(kMaxSizeClass), sheet.marker().maxSizePx);
}

}  // namespace
}  // namespace fp
