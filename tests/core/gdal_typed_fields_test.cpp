#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "incident_test_util.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

/// A GeoJSON file of `n` incidents whose properties GDAL reads as typed fields: a 64-bit integer id, a
/// date-time start with a UTC, +02:00 or no time zone (by row), a date end in every other row (null in the
/// others), and an integer count missing from every tenth row.
fs::path writeTypedSource(size_t n, const std::string& name) {
    const fs::path path =
        fs::temp_directory_path() / ("fp-typed-" + name + "-" + std::to_string(::getpid()) + ".geojson");
    std::ofstream out(path);
    out << "{\"type\":\"FeatureCollection\",\"features\":[\n";
    const char* zones[] = {"Z", "+02:00", ""};
    for (size_t i = 0; i < n; ++i) {
        char start[40];
        std::snprintf(start, sizeof start, "2022-12-%02dT10:30:15%s", static_cast<int>(1 + i % 28),
                      zones[i % 3]);
        out << (i ? ",\n" : "") << "{\"type\":\"Feature\",\"properties\":{\"id\":" << 10'000'000'000ll + i
            << ",\"title\":\"Row " << i << "\",\"category\":\"Protest\",\"start\":\"" << start
            << "\",\"end\":" << (i % 2 ? "null" : "\"2022-12-29\"");
        if (i % 10 != 9) out << ",\"fatalities\":" << i % 5;
        out << "},\"geometry\":{\"type\":\"Point\",\"coordinates\":[20.5,42.5]}}";
    }
    out << "\n]}\n";
    return path;
}

/// Loads `n` typed rows and checks every one against what its properties say.
void expectTypedRows(size_t n, const std::string& name) {
    const fs::path path = writeTypedSource(n, name);
    LoadReport report;
    auto store = loadIncidents(path.string(), {}, report);
    fs::remove(path);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    ASSERT_EQ(store->size(), n) << test::describeAll(report);
    EXPECT_TRUE(report.problems.empty()) << test::describeAll(report);
    for (size_t i = 0; i < n; ++i) {
        const size_t at = test::findId(store.value(), std::to_string(10'000'000'000ll + i));
        ASSERT_LT(at, store->size()) << "row " << i;
        const int64_t wall = test::utc(2022, 12, static_cast<int>(1 + i % 28), 10, 30).seconds + 15;
        // The +02:00 rows are two hours earlier in UTC; no zone is read as UTC.
        EXPECT_EQ(store->startSeconds()[at], i % 3 == 1 ? wall - 7200 : wall) << "row " << i;
        // A date end covers its whole day.
        EXPECT_EQ(store->endSeconds()[at],
                  i % 2 ? store->startSeconds()[at] : test::utc(2022, 12, 30).seconds)
            << "row " << i;
        EXPECT_EQ(store->fatalities()[at], i % 10 == 9 ? -1 : static_cast<int32_t>(i % 5)) << "row " << i;
        EXPECT_EQ(store->title(at), "Row " + std::to_string(i));
    }
}

// Typed GDAL fields are turned into text on the reading thread for large sources and on the calling thread
// for small ones: both must give the same values.
TEST(GdalTypedFields, DatesZonesIntegersAndNullsOnTheCallingThread) {
    expectTypedRows(300, "small");
}

TEST(GdalTypedFields, DatesZonesIntegersAndNullsOnTheReadingThread) {
    expectTypedRows(6000, "large");
}

}  // namespace
}  // namespace fp
