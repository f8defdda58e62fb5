// Source checks before GDAL reads a file: wide Unicode text named by its encoding, VRTs that would reach the
// network refused like a project's network sources, and shapefiles whose headers lie reported.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/io/shapefile_check.h"
#include "core/io/source_check.h"
#include "core/util/secrets.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

const fs::path kBad = fs::path(FP_SOURCE_DIR) / "tests/fixtures/bad/cases";

TEST(SourceCheck, WideTextIsNamedByItsEncoding) {
    EXPECT_EQ(wideTextEncoding(std::string("\xFF\xFE{\0", 4)), "UTF-16LE");
    EXPECT_EQ(wideTextEncoding(std::string("\xFE\xFF\0{", 4)), "UTF-16BE");
    EXPECT_EQ(wideTextEncoding(std::string("{\0\"\0", 4)), "UTF-16LE");
    EXPECT_EQ(wideTextEncoding(std::string("\0{\0\"", 4)), "UTF-16BE");
    EXPECT_EQ(wideTextEncoding(std::string("{\0\0\0", 4)), "UTF-32LE");
    EXPECT_EQ(wideTextEncoding("{\"ty"), "");
    EXPECT_EQ(wideTextEncoding("\xEF\xBB\xBF{"), "");
    const std::string path = (kBad / "geojson_utf16.geojson").string();
    EXPECT_EQ(
        unreadableVectorReason(path, "whatever GDAL said"),
        "is UTF-16LE text, which GDAL reads only as UTF-8: save the file as UTF-8 (e.g. iconv -f UTF-16LE "
        "-t UTF-8)");
    EXPECT_EQ(unreadableVectorReason((kBad / "garbage_random.geojson").string(), ""),
              "not a vector data format GDAL can read");
}

TEST(SourceCheck, VrtReadingTheNetworkIsRefusedUnlessAllowed) {
    setNetworkAllowed(false);
    const std::string direct = (kBad / "vrt_vsicurl_source.vrt").string();
    Status s = checkVrtSources(direct);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(
        s.error().describe(),
        direct +
            ": its source /vsicurl/http://127.0.0.1:9/x.geojson would be read over the network, which a "
            "file (a project or a VRT) may not make Flashpoint do on its own: give --allow-network (or "
            "set FLASHPOINT_ALLOW_NETWORK=1) if you trust it");
    // A driver prefix, a raster VRT and a VRT naming such a VRT are caught too; the token is never shown.
    for (const char* name : {"vrt_http_source.vrt", "vrt_raster_http.vrt", "vrt_via_vrt.vrt"}) {
        Status t = checkVrtSources((kBad / name).string());
        ASSERT_FALSE(t.ok()) << name;
        EXPECT_NE(t.error().describe().find("would be read over the network"), std::string::npos) << name;
        EXPECT_EQ(t.error().describe().find("Secret"), std::string::npos) << t.error().describe();
    }
    setNetworkAllowed(true);
    EXPECT_TRUE(checkVrtSources(direct).ok());
    setNetworkAllowed(false);
    EXPECT_TRUE(checkVrtSources((fs::path(FP_SOURCE_DIR) / "tests/fixtures/polygons.geojson").string()).ok());
}

std::string warnings(const std::string& name) {
    auto found = checkShapefile((kBad / name).string());
    if (!found) return "error: " + found.error().describe();
    std::string all;
    for (const Error& w : found->warnings) all += w.describe() + "\n";
    return all;
}

TEST(ShapefileCheck, LyingHeadersAreReported) {
    const std::string dir = kBad.string() + "/";
    EXPECT_EQ(warnings("shp_lying_length.shp"),
              dir +
                  "shp_lying_length.shp: its header gives a length of 1999998 "
                  "bytes but the file has 128: the records that are there are "
                  "read\n");
    EXPECT_EQ(
        warnings("shp_lying_bbox.shp"),
        dir +
            "shp_lying_bbox.shp: its header's bounding box (0,0 .. 1,1) does not hold its records (21,42.6 "
            ".. 21,42.6): the map frames the records\n");
    EXPECT_EQ(
        warnings("shp_shx_points_past_end.shp"),
        dir +
            "shp_shx_points_past_end.shx: 1 of its 1 entries (the first: entry 1) point past the end of "
            "shp_shx_points_past_end.shp: those records cannot be read\n");
    EXPECT_EQ(
        warnings("shp_dbf_lies_count.shp"),
        dir +
            "shp_dbf_lies_count.dbf: its header counts 99999 records but shp_dbf_lies_count.shx indexes 1 "
            "shapes: rows are matched by position\n" +
            dir +
            "shp_dbf_lies_count.dbf: its header counts 99999 records but the file holds 1: rows past "
            "record 1 have no attributes (the file is truncated)\n");
    EXPECT_EQ(warnings("shp_bad_file_code.shp"),
              "error: " + dir +
                  "shp_bad_file_code.shp: is not a shapefile: its header starts with file code 1234, "
                  "not 9994");
    EXPECT_EQ(warnings("shp_unknown_shape_type.shp"),
              "error: " + dir +
                  "shp_unknown_shape_type.shp: has shape type 77, which no shapefile has (a damaged "
                  "header?)");
}

}  // namespace
}  // namespace fp
