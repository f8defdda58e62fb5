#include "render_test_util.h"

#include <cstdlib>
#include <filesystem>

#include "render/export/image_io.h"

namespace fp::test {

HeadlessContext& sharedContext() {
    static std::unique_ptr<HeadlessContext> ctx = [] {
        auto c = HeadlessContext::create();
        if (!c) {
            ADD_FAILURE() << c.error().describe();
            std::abort();
        }
        return std::move(c).value();
    }();
    ctx->makeCurrent();
    return *ctx;
}

ImageDiff compareImages(const Image& actual, const Image& expected, int tolerance) {
    ImageDiff d;
    if (actual.width != expected.width || actual.height != expected.height) {
        d.total = d.differing = 1;
        d.maxChannelDelta = 255;
        return d;
    }
    d.total = static_cast<size_t>(actual.width) * actual.height;
    for (size_t i = 0; i < d.total; ++i) {
        int worst = 0;
        for (int c = 0; c < 4; ++c)
            worst = std::max(worst, std::abs(actual.rgba[i * 4 + c] - expected.rgba[i * 4 + c]));
        d.maxChannelDelta = std::max(d.maxChannelDelta, worst);
        if (worst > tolerance) ++d.differing;
    }
    return d;
}

::testing::AssertionResult matchesGolden(const Image& actual, const std::string& name, int tolerance,
                                         double maxFraction) {
    const std::string goldenPath = std::string(FP_GOLDEN_DIR) + "/" + name + ".png";
    const char* update = std::getenv("FP_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        if (Status s = writePng(actual, goldenPath); !s)
            return ::testing::AssertionFailure() << s.error().describe();
        return ::testing::AssertionSuccess() << "golden rewritten";
    }
    auto golden = readImage(goldenPath);
    const std::string actualPath = name + ".actual.png";
    if (!golden) {
        (void)writePng(actual, actualPath);
        return ::testing::AssertionFailure() << "no golden image " << goldenPath << " (wrote " << actualPath
                                             << "; run with FP_UPDATE_GOLDEN=1 to accept it)";
    }
    ImageDiff d = compareImages(actual, golden.value(), tolerance);
    if (d.fraction() <= maxFraction) return ::testing::AssertionSuccess();
    (void)writePng(actual, actualPath);
    if (actual.width == golden->width && actual.height == golden->height) {
        Image diff = actual;
        for (size_t i = 0; i < d.total; ++i) {
            int worst = 0;
            for (int c = 0; c < 3; ++c)
                worst = std::max(worst, std::abs(actual.rgba[i * 4 + c] - golden->rgba[i * 4 + c]));
            uint8_t v = worst > tolerance ? 255 : 0;
            diff.rgba[i * 4 + 0] = v;
            diff.rgba[i * 4 + 1] = static_cast<uint8_t>(golden->rgba[i * 4 + 1] / 3);
            diff.rgba[i * 4 + 2] = static_cast<uint8_t>(golden->rgba[i * 4 + 2] / 3);
            diff.rgba[i * 4 + 3] = 255;
        }
        (void)writePng(diff, name + ".diff.png");
    }
    return ::testing::AssertionFailure()
           << name << ": " << d.differing << " of " << d.total << " pixels differ (max delta "
           << d.maxChannelDelta << "); see " << actualPath << " and " << name << ".diff.png in "
           << std::filesystem::current_path();
}

}  // namespace fp::test
