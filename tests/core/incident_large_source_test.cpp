#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/io/incidents/incident_loader.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

// Sources with thousands of features are read on a second thread (GDAL reading overlapped with conversion):
// rows must still be numbered, reported and stored exactly as the one-thread path does.
TEST(IncidentLargeSource, ThreadedReadingKeepsEveryRowAndReportsBadOnesInOrder) {
    const size_t n = 6000;
    const fs::path path = fs::temp_directory_path() / ("fp-large-" + std::to_string(::getpid()) + ".geojson");
    {
        std::ofstream out(path);
        out << "{\"type\":\"FeatureCollection\",\"features\":[\n";
        for (size_t i = 0; i < n; ++i) {
            // Rows 1000 and 5000 (1-based) carry impossible dates and must be reported, not dropped silently.
            const bool bad = i == 999 || i == 4999;
            const int day = static_cast<int>(1 + (n - i) % 28);  // descending: the store must sort them
            char date[16];
            std::snprintf(date, sizeof date, "2022-12-%02d", day);
            out << (i ? ",\n" : "") << "{\"type\":\"Feature\",\"properties\":{\"id\":\"r" << i + 1
                << "\",\"title\":\"Row " << i + 1 << "\",\"category\":\"Protests\",\"start\":\""
                << (bad ? "2022-02-30" : date) << "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":["
                << 20.0 + (i % 100) * 0.01 << "," << 42.0 + (i / 100) * 0.01 << "]}}";
        }
        out << "\n]}\n";
    }
    LoadReport report;
    auto store = loadIncidents(path.string(), {}, report);
    fs::remove(path);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_EQ(store->size(), n - 2);
    ASSERT_EQ(report.problems.size(), 2u);
    EXPECT_EQ(report.problems[0].row, 1000);
    EXPECT_EQ(report.problems[1].row, 5000);
    EXPECT_EQ(report.featuresRead, n);
    for (size_t i = 1; i < store->size(); ++i)
        ASSERT_LE(store->startSeconds()[i - 1], store->startSeconds()[i]);
    // Every good row is there exactly once.
    std::vector<bool> seen(n + 1, false);
    for (size_t i = 0; i < store->size(); ++i) {
        const int id = std::stoi(std::string(store->id(i).substr(1)));
        EXPECT_FALSE(seen[id]);
        seen[id] = true;
    }
    EXPECT_FALSE(seen[1000]);
    EXPECT_FALSE(seen[5000]);
}

/// Writes `n` features to a GeoJSON file whose geometry kind cycles with the row: a point, a line, a
/// polygon, a multipoint of one point, a multipoint of two (rejected), no geometry (rejected).
void writeMixedGeometries(const fs::path& path, size_t n) {
    std::ofstream out(path);
    out << "{\"type\":\"FeatureCollection\",\"features\":[\n";
    for (size_t i = 0; i < n; ++i) {
        const double x = 20.0 + static_cast<double>(i % 100) * 0.01,
                     y = 42.0 + static_cast<double>(i / 100) * 0.001;
        std::string geometry;
        switch (i % 6) {
            case 0:
                geometry = "{\"type\":\"Point\",\"coordinates\":[" + std::to_string(x) + "," +
                           std::to_string(y) + "]}";
                break;
            case 1:
                geometry = "{\"type\":\"LineString\",\"coordinates\":[[" + std::to_string(x) + "," +
                           std::to_string(y) + "],[" + std::to_string(x + 0.4) + "," + std::to_string(y) +
                           "]]}";
                break;
            case 2:
                geometry = "{\"type\":\"Polygon\",\"coordinates\":[[[" + std::to_string(x) + "," +
                           std::to_string(y) + "],[" + std::to_string(x + 0.002) + "," + std::to_string(y) +
                           "],[" + std::to_string(x + 0.002) + "," + std::to_string(y + 0.002) + "],[" +
                           std::to_string(x) + "," + std::to_string(y) + "]]]}";
                break;
            case 3:
                geometry = "{\"type\":\"MultiPoint\",\"coordinates\":[[" + std::to_string(x) + "," +
                           std::to_string(y) + "]]}";
                break;
            case 4:
                geometry = "{\"type\":\"MultiPoint\",\"coordinates\":[[" + std::to_string(x) + "," +
                           std::to_string(y) + "],[" + std::to_string(x + 1) + "," + std::to_string(y) +
                           "]]}";
                break;
            default:
                geometry = "null";
        }
        out << (i ? ",\n" : "") << "{\"type\":\"Feature\",\"properties\":{\"id\":\"r" << i + 1
            << "\",\"category\":\"Protests\",\"start\":\"2022-12-01\"},\"geometry\":" << geometry << "}";
    }
    out << "\n]}\n";
}

// Lines, areas and multipoints read on the second thread (their geometry outlives the feature it came from)
// are located and reported exactly as when a small file is read on the calling thread.
TEST(IncidentLargeSource, ThreadedReadingLocatesLinesAndAreasAsTheOneThreadPathDoes) {
    const fs::path big =
        fs::temp_directory_path() / ("fp-mixed-big-" + std::to_string(::getpid()) + ".geojson");
    const fs::path small =
        fs::temp_directory_path() / ("fp-mixed-small-" + std::to_string(::getpid()) + ".geojson");
    const size_t n = 6000, m = 60;
    writeMixedGeometries(big, n);
    writeMixedGeometries(small, m);
    LoadReport bigReport, smallReport;
    auto bigStore = loadIncidents(big.string(), {}, bigReport);
    auto smallStore = loadIncidents(small.string(), {}, smallReport);
    fs::remove(big);
    fs::remove(small);
    ASSERT_TRUE(bigStore.ok()) << bigStore.error().describe();
    ASSERT_TRUE(smallStore.ok()) << smallStore.error().describe();
    ASSERT_EQ(bigStore->size(), n / 6 * 4);
    ASSERT_EQ(smallStore->size(), m / 6 * 4);
    ASSERT_EQ(bigReport.problems.size(), n / 6 * 2);
    EXPECT_EQ(bigReport.problems[0].row, 5);
    EXPECT_EQ(bigReport.problems[0].message,
              "geometry is a MULTIPOINT of several points; an incident needs one place; row not loaded");
    EXPECT_EQ(bigReport.problems[1].row, 6);
    EXPECT_EQ(bigReport.problems[1].message,
              "feature has no geometry (and no place name to geocode); row not loaded");
    for (size_t k = 0; k < smallReport.problems.size(); ++k) {
        EXPECT_EQ(bigReport.problems[k].row, smallReport.problems[k].row);
        EXPECT_EQ(bigReport.problems[k].message, smallReport.problems[k].message);
    }
    // The same day everywhere: both stores keep input order, so row k of the small file is row k of the big.
    for (size_t i = 0; i < smallStore->size(); ++i) {
        const Incident a = bigStore->get(i), b = smallStore->get(i);
        EXPECT_EQ(a.id, b.id);
        EXPECT_DOUBLE_EQ(a.location.lon, b.location.lon);
        EXPECT_DOUBLE_EQ(a.location.lat, b.location.lat);
        EXPECT_EQ(a.locationPrecision, b.locationPrecision);
    }
    // Row 2 is a 0.4-degree line: located at its middle, and region-wide.
    const Incident line = bigStore->get(1);
    EXPECT_EQ(line.id, "r2");
    EXPECT_NEAR(line.location.lon, 20.01 + 0.2, 1e-9);
    EXPECT_NEAR(line.location.lat, 42.0, 1e-9);
    EXPECT_EQ(line.locationPrecision, LocationPrecision::Region);
    const Incident point = bigStore->get(0);
    EXPECT_EQ(point.locationPrecision, LocationPrecision::Exact);
    EXPECT_NEAR(point.location.lon, 20.0, 1e-9);
}

// A CSV larger than the 32 MB steps in which the reader gives read pages of its mapping back: the rows after
// each step, a quoted value with a line break among them, keep their text, and a broken row is reported at
// its line.
TEST(IncidentLargeSource, CsvBeyondTheReleasedPagesKeepsItsText) {
    const size_t n = 24000;
    const std::string filler(1800, 'x');
    const fs::path path = fs::temp_directory_path() / ("fp-large-" + std::to_string(::getpid()) + ".csv");
    {
        std::ofstream out(path);
        out << "id,title,description,category,start,lon,lat\n";
        for (size_t i = 1; i <= n; ++i) {
            const bool broken = i == 20000;  // about 38 MB into the file
            out << "r" << i << ",Row " << i << ",\"" << filler << (i % 997 == 0 ? "\nsecond line" : "") << " "
                << i << "\",Protests," << (broken ? "not a date" : "2022-12-01") << ",20.5,42.5\n";
        }
    }
    LoadReport report;
    auto store = loadIncidents(path.string(), {}, report);
    fs::remove(path);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    ASSERT_EQ(store->size(), n - 1);
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems[0].row, 20000);
    // Rows in time order keep their input order: row 23928 (index 23926, after the broken row) has a line
    // break.
    const Incident last = store->get(n - 2);
    EXPECT_EQ(last.id, "r" + std::to_string(n));
    EXPECT_EQ(last.description, filler + " " + std::to_string(n));
    const Incident wrapped = store->get(23928 - 2);
    EXPECT_EQ(wrapped.id, "r23928");
    EXPECT_EQ(wrapped.description, filler + "\nsecond line 23928");
}

}  // namespace
}  // namespace fp
