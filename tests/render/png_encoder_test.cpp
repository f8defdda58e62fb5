// The streaming PNG encoder: any band split gives a valid file (pngcheck) that decodes to the same pixels.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "render/export/image_io.h"

namespace fp {
namespace {

namespace fs = std::filesystem;

/// Flat areas, gradients and noise, with transparency: what maps and markers look like to the filter.
Image testImage(int w, int h) {
    Image img;
    img.width = w;
    img.height = h;
    img.rgba.resize(static_cast<size_t>(w) * h * 4);
    std::mt19937 rng(7);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            uint8_t* p = img.pixel(x, y);
            const bool noisy = (x / 32 + y / 32) % 3 == 0;
            p[0] = noisy ? static_cast<uint8_t>(rng()) : static_cast<uint8_t>(x);
            p[1] = noisy ? static_cast<uint8_t>(rng()) : static_cast<uint8_t>(y);
            p[2] = static_cast<uint8_t>(x ^ y);
            p[3] = y % 50 == 0 ? 0 : 255;
        }
    return img;
}

std::string tempPath(const std::string& name) {
    return (fs::temp_directory_path() / ("fp-png-" + std::to_string(::getpid()) + "-" + name)).string();
}

void expectValidAndEqual(const std::string& path, const Image& want) {
    EXPECT_EQ(std::system(("pngcheck -q '" + path + "' > /dev/null").c_str()), 0) << path;
    auto back = readImage(path);
    ASSERT_TRUE(back.ok()) << back.error().describe();
    EXPECT_EQ(back->width, want.width);
    EXPECT_EQ(back->height, want.height);
    EXPECT_TRUE(back->rgba == want.rgba);
}

TEST(PngEncoder, WholeImageInOneBand) {
    const Image img = testImage(300, 700);  // several strips of one band, compressed in parallel
    const std::string path = tempPath("whole.png");
    ASSERT_TRUE(writePng(img, path).ok());
    expectValidAndEqual(path, img);
    auto bytes = encodePng(img);
    ASSERT_TRUE(bytes.ok());
    EXPECT_EQ(bytes.value().size(), fs::file_size(path));
    fs::remove(path);
}

TEST(PngEncoder, BandsOfAnySizeAndBottomUpRows) {
    const Image img = testImage(129, 333);
    const std::string path = tempPath("bands.png");
    auto writer = PngFileWriter::open(path, img.width, img.height);
    ASSERT_TRUE(writer.ok());
    const std::ptrdiff_t stride = img.width * 4;
    // 1 row, 200 rows, then the rest copied bottom-up as GL reads them back (negative stride).
    ASSERT_TRUE(writer.value()->addRows({img.pixel(0, 0), stride, 1}).ok());
    ASSERT_TRUE(writer.value()->addRows({img.pixel(0, 1), stride, 200}).ok());
    std::vector<uint8_t> flipped;
    for (int y = img.height - 1; y >= 201; --y)
        flipped.insert(flipped.end(), img.pixel(0, y), img.pixel(0, y) + stride);
    const int rest = img.height - 201;
    EXPECT_FALSE(fs::exists(path)) << "nothing under the final name before finish()";
    ASSERT_TRUE(writer.value()->addRows({flipped.data() + (rest - 1) * stride, -stride, rest}).ok());
    ASSERT_TRUE(writer.value()->finish().ok());
    expectValidAndEqual(path, img);
    fs::remove(path);
}

TEST(PngEncoder, MissingRowsFailAndLeaveNoFile) {
    const Image img = testImage(16, 16);
    const std::string path = tempPath("short.png");
    {
        auto writer = PngFileWriter::open(path, 16, 16);
        ASSERT_TRUE(writer.ok());
        ASSERT_TRUE(writer.value()->addRows({img.pixel(0, 0), 16 * 4, 8}).ok());
        const Status s = writer.value()->finish();
        ASSERT_FALSE(s.ok());
        EXPECT_EQ(s.error().source, path);
        EXPECT_NE(s.error().message.find("8 rows were never given"), std::string::npos) << s.error().message;
    }
    EXPECT_FALSE(fs::exists(path));
    for (const auto& entry : fs::directory_iterator(fs::temp_directory_path()))
        EXPECT_EQ(
            entry.path().filename().string().find(".fp-png-" + std::to_string(::getpid()) + "-short.png"),
            std::string::npos)
            << "temporary file left behind: " << entry.path();
}

}  // namespace
}  // namespace fp
