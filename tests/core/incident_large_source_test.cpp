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
