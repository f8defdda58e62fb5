#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/model/packed_text.h"

namespace fp {
namespace {

using Row = PackedTextRows::Row;

TEST(PackedTextRows, GivesBackEveryFieldOfEveryRow) {
    PackedTextRows rows;
    std::vector<std::vector<std::string>> expected;
    const char* sources[] = {"Local media", "Police statement", "OSCE report"};
    for (int i = 0; i < 5000; ++i) {
        std::vector<std::string> fields(PackedTextRows::kFields);
        fields[0] = "id-" + std::to_string(i);                      // never repeats: stored as text
        fields[1] = "Protest near town " + std::to_string(i % 40);  // repeats: a dictionary
        fields[3] = sources[i % 3];
        if (i % 7 == 0) fields[4] = std::string(200 + i % 50, 'x');  // long text, sometimes
        if (i == 4999) fields[8] = "last";                           // set in one row only
        Row row;
        for (size_t k = 0; k < row.size(); ++k) row[k] = fields[k];
        rows.append(row);
        expected.push_back(std::move(fields));
    }
    rows.finish();
    ASSERT_EQ(rows.size(), expected.size());
    for (size_t r = 0; r < expected.size(); ++r)
        for (size_t k = 0; k < PackedTextRows::kFields; ++k) ASSERT_EQ(rows.field(r, k), expected[r][k]) << r;
}

TEST(PackedTextRows, EmptyFieldsAndRepeatedValuesCostAlmostNothing) {
    PackedTextRows rows;
    for (int i = 0; i < 100000; ++i) {
        Row row;
        row[3] = i % 2 ? "National media" : "Social media";
        rows.append(row);
    }
    rows.finish();
    // One mask byte and one dictionary code byte per row, and an offset per 16 rows.
    EXPECT_LT(rows.memoryBytes(), 100000u * 3);
    EXPECT_EQ(rows.field(99999, 3), "National media");
    EXPECT_EQ(rows.field(99999, 0), "");
}

TEST(PackedTextRows, KeepsTextWithAnyBytes) {
    PackedTextRows rows;
    const std::string binary("a\0b\x80\x1f", 5);
    Row row;
    row[2] = binary;
    rows.append(row);
    rows.append(Row{});
    rows.finish();
    EXPECT_EQ(rows.field(0, 2), binary);
    EXPECT_EQ(rows.field(1, 2), "");
}

}  // namespace
}  // namespace fp
