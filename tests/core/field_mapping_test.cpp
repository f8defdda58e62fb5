#include <gtest/gtest.h>

#include "core/io/incidents/field_mapping.h"

namespace fp::incident_io {
namespace {

// Which column each field takes when names repeat or come with a namespace: a column is taken once, by the
// first name that finds it; a normalised name beats a name without its namespace; alternatives of the date
// are the other columns a date alias names, in the order of the aliases.
TEST(FieldMapping, RepeatedAndNamespacedNamesTakeTheFirstFreeColumn) {
    const std::vector<std::string> columns = {
        "Date",     "date", "incident:date:start", "x:location", " Location",
        "latitude", "lon",  "Event Date",          "x:lat",      "Year"};
    auto mapped = mapColumns(columns, {}, "t.csv");
    ASSERT_TRUE(mapped.ok()) << mapped.error().describe();
    const ColumnMapping& m = mapped.value();
    EXPECT_EQ(m.index(Field::Start), 0);
    EXPECT_EQ(m.startAlternatives, (std::vector<int>{1, 7, 2}));
    EXPECT_EQ(m.index(Field::Place), 4);  // " Location", not x:location
    EXPECT_EQ(m.index(Field::Lon), 6);
    EXPECT_EQ(m.index(Field::Lat), 8);  // the canonical name (without namespace) before the alias "latitude"
    EXPECT_EQ(m.yearColumn, 9);
    EXPECT_EQ(m.index(Field::End), -1);

    auto fixed = mapColumns(columns, {{"place", "x:location"}, {"start", "Event Date"}}, "t.csv");
    ASSERT_TRUE(fixed.ok()) << fixed.error().describe();
    EXPECT_EQ(fixed.value().index(Field::Place), 3);
    EXPECT_EQ(fixed.value().index(Field::Start), 7);
    EXPECT_TRUE(fixed.value().startAlternatives.empty());
}

}  // namespace
}  // namespace fp::incident_io
