#include <gtest/gtest.h>

#include <algorithm>

#include "core/io/incidents/incident_loader.h"

namespace fp {
namespace {

bool hasPair(const IncidentFormatInfo& info, const std::string& field, const std::string& column) {
    return std::find(info.fieldMapping.begin(), info.fieldMapping.end(), std::make_pair(field, column)) !=
           info.fieldMapping.end();
}

// When a required column is missing the load fails, but what was recognised is kept for the field-mapping
// dialog to start from.
TEST(IncidentPartialDetection, FailedLoadStillRecordsTheRecognisedColumns) {
    LoadReport report;
    IncidentFormatInfo info;
    auto store =
        loadIncidents(std::string(FP_FIXTURES_DIR) + "/incidents/no_date_column.csv", {}, report, &info);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, ErrorCode::UnsupportedFormat);
    EXPECT_NE(store.error().describe().find("no date column"), std::string::npos) << store.error().describe();
    EXPECT_EQ(info.columns.size(), 4u);
    EXPECT_TRUE(hasPair(info, "lon", "Longitude"));
    EXPECT_TRUE(hasPair(info, "lat", "latitude"));
    EXPECT_TRUE(hasPair(info, "title", "Title"));
}

}  // namespace
}  // namespace fp
