// Two data losses of issue 15 in the delimited-text reader: a geocoded copy over its own Windows-1252 source,
// and a NUL byte inside a value.
#include <filesystem>
#include <fstream>

#include "cli_harness.h"

namespace fp {
namespace {

using test::has;

class ReaderDataLoss : public test::CliFixture {};

// geocode-file over its own Windows-1252 source (--force) must not turn "Zvečan" and "café" into U+FFFD.
TEST_F(ReaderDataLoss, GeocodedCopyOverACp1252SourceKeepsItsNames) {
    const std::string csv = path("in.csv");
    std::ofstream(csv, std::ios::binary) << "event_date,location,notes\n2023-03-01,Zve\x9e"
                                            "an,caf\xe9\n";
    const test::CliRun r = run("geocode-file '" + csv + "' -o '" + csv + "' --force");
    const std::string text = test::slurp(csv);
    EXPECT_FALSE(has(text, "\xef\xbf\xbd")) << "names replaced by U+FFFD:\n" << text << r.err;
    EXPECT_TRUE(has(text,
                    "Zve\xc4\x8d"
                    "an") ||
                has(text,
                    "Zve\x9e"
                    "an"))
        << text;
}

// A NUL byte inside a CSV value must not silently cut it ("Pro\0test" loading as "Pro").
TEST_F(ReaderDataLoss, NulByteInAValueIsReportedNotCut) {
    const std::string csv = path("nul.csv");
    std::ofstream(csv, std::ios::binary) << std::string(
        "id,title,category,start,lon,lat\n1,Pro\0test,Protest,"
        "2022-12-10,21.0,42.6\n",
        72);
    const test::CliRun r = run("info --json '" + csv + "'");
    EXPECT_TRUE(r.exitCode != 0 || has(r.out + r.err, "NUL")) << r.out << r.err;
}

}  // namespace
}  // namespace fp
