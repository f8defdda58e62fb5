// `flashpoint render -o FILE`: the format follows the extension, and every bad output (unknown extension,
// missing or unwritable folder, full disk, bad size) fails with a clear message, a non-zero exit and no file
// or temporary file left behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_harness.h"
#include "render/export/image_io.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

const std::string kSmall = "render --no-labels --size 320x200 ";

class RenderExport : public test::CliFixture {
protected:
    size_t filesIn(const fs::path& dir) const {
        return static_cast<size_t>(std::distance(fs::directory_iterator(dir), {}));
    }
};

TEST_F(RenderExport, AnAreaTheMapCrsIsNotMeantForIsSaidOnceAndStillDrawn) {
    // The world in the default project's UTM zone folds and stretches: drawn as asked, with the reason said.
    test::CliRun r = run("render --size 320x180 --bbox -180,-58,180,80 -o '" + path("world.png") + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(
        r.err,
        "flashpoint: warning: the map shows lon -180 to 180, lat -58 to 80, mostly outside the area its "
        "CRS WGS 84 / UTM zone 34N is meant for (lon 18 to 24, lat 0 to 84), so it is distorted there; "
        "choose a CRS for this area (--crs, or Map > CRS\u2026 in the window), e.g. EPSG:3857 (the web "
        "map) or the area's UTM zone\n");
    EXPECT_TRUE(fs::exists(path("world.png")));
    // A CRS the user chose is not second-guessed; the default area needs no word.
    r = run("render --size 320x180 --bbox -180,-58,180,80 --crs EPSG:3857 -o '" + path("web.png") + "'");
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_EQ(r.err, "");
    r = run("render --size 320x180 -o '" + path("home.png") + "'");
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_EQ(r.err, "");
}

TEST_F(RenderExport, JpegByExtension) {
    test::CliRun r = run(kSmall + "--quality 70 -o '" + path("map.jpg") + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string bytes = test::slurp(path("map.jpg"));
    ASSERT_GT(bytes.size(), 4u);
    EXPECT_EQ(static_cast<unsigned char>(bytes[0]), 0xFF);
    EXPECT_EQ(static_cast<unsigned char>(bytes[1]), 0xD8);
    auto img = readImage(path("map.jpg"));
    ASSERT_TRUE(img.ok());
    EXPECT_EQ(img->width, 320);
}

TEST_F(RenderExport, GeoTiffIsPlacedWhereTheViewWas) {
    test::CliRun r = run(kSmall + "--bbox 20,42,21,43 -o '" + path("map.tif") + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    test::CliRun info{};
    const std::string json = path("info.json");
    ASSERT_EQ(std::system(("gdalinfo -json '" + path("map.tif") + "' > '" + json + "'").c_str()), 0);
    const std::string text = test::slurp(json);
    EXPECT_NE(text.find("\"size\":[\n    320,\n    200\n  ]"), std::string::npos) << text.substr(0, 400);
    EXPECT_NE(text.find("UTM zone 34N"), std::string::npos);
    EXPECT_NE(text.find("\"colorInterpretation\":\"Alpha\""), std::string::npos);
    // The box 20..21 E, 42..43 N lies inside the image (the wider axis shows more).
    const std::string wgs = path("wgs.txt");
    ASSERT_EQ(
        std::system(
            ("gdallocationinfo -wgs84 -valonly '" + path("map.tif") + "' 20.5 42.5 > '" + wgs + "'").c_str()),
        0);
    EXPECT_FALSE(test::slurp(wgs).empty()) << "the box's centre is inside the GeoTIFF";
}

TEST_F(RenderExport, PngWithWorldFileAndPrj) {
    test::CliRun r = run(kSmall + "--world-file -o '" + path("map.png") + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(fs::exists(path("map.pgw")));
    EXPECT_NE(test::slurp(path("map.prj")).find("UTM_Zone_34N"), std::string::npos);
    EXPECT_EQ(filesIn(m_dir), 3u);
}

TEST_F(RenderExport, UnknownExtensionIsAUsageErrorNamingIt) {
    test::CliRun r = run(kSmall + "-o '" + path("map.bmp") + "'");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("'.bmp'"), std::string::npos) << r.err;
    EXPECT_EQ(filesIn(m_dir), 0u);
}

TEST_F(RenderExport, MissingFolderFails) {
    for (const char* name : {"map.png", "map.tif", "map.jpg"}) {
        test::CliRun r = run(kSmall + "-o '" + path(std::string("missing/") + name) + "'");
        EXPECT_EQ(r.exitCode, 1) << name;
        EXPECT_NE(r.err.find("does not exist"), std::string::npos) << r.err;
    }
    EXPECT_EQ(filesIn(m_dir), 0u);
}

TEST_F(RenderExport, UnwritableFolderFails) {
    // /proc takes no new files, even for root (chmod would not stop root).
    for (const char* out : {"/proc/fp-map.png", "/proc/fp-map.tif"}) {
        test::CliRun r = run(kSmall + "-o " + out);
        EXPECT_EQ(r.exitCode, 1) << out;
        EXPECT_NE(r.err.find(out), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(out));
    }
}

TEST_F(RenderExport, FullDiskFailsAndLeavesNothing) {
    // A 16 KiB file size limit (SIGXFSZ ignored) makes the write fail part-way, as on a full disk.
    for (const char* name : {"map.png", "map.tif", "map.jpg"}) {
        const std::string cmd = "sh -c \"trap '' XFSZ; ulimit -f 16; exec env EGL_PLATFORM=surfaceless '" +
                                std::string(FP_BINARY) + "' render --size 800x600 -o '" + path(name) +
                                "'\" >/dev/null 2>'" + path("err.txt") + "'";
        const int status = std::system(cmd.c_str());
        ASSERT_TRUE(WIFEXITED(status));
        EXPECT_EQ(WEXITSTATUS(status), 1) << name;
        const std::string err = test::slurp(path("err.txt"));
        EXPECT_NE(err.find(name), std::string::npos) << err;
        EXPECT_NE(err.find("large"), std::string::npos) << err;  // "File too large" (EFBIG)
        fs::remove(path("err.txt"));
        EXPECT_EQ(filesIn(m_dir), 0u) << name << ": no file and no temporary file";
    }
}

TEST_F(RenderExport, SizeZeroOrBeyondTheMaximumIsAUsageError) {
    for (const char* size : {"0x100", "100x0", "16385x100"}) {
        test::CliRun r = run(std::string("render --size ") + size + " -o '" + path("map.png") + "'");
        EXPECT_EQ(r.exitCode, 2) << size;
        EXPECT_NE(r.err.find(size), std::string::npos) << r.err;
    }
    EXPECT_EQ(filesIn(m_dir), 0u);
}

}  // namespace
}  // namespace fp
