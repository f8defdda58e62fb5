#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "render/gl/headless_context.h"
#include "render/gl/offscreen_target.h"

namespace fp::test {

/// One EGL surfaceless context for the whole test program (creating one per test is slow on llvmpipe).
HeadlessContext& sharedContext();

struct ImageDiff {
    size_t differing = 0;  ///< pixels with any channel off by more than the tolerance
    size_t total = 0;
    int maxChannelDelta = 0;
    double fraction() const { return total ? static_cast<double>(differing) / total : 1.0; }
};

/// Compares two images of equal size channel by channel.
ImageDiff compareImages(const Image& actual, const Image& expected, int channelTolerance);

/// Compares `actual` with golden/NAME.png: passes when at most `maxFraction` of pixels differ by more than
/// `channelTolerance` in any channel. On failure writes NAME.actual.png and NAME.diff.png next to the test
/// binary. With FP_UPDATE_GOLDEN=1 in the environment it rewrites the golden instead.
::testing::AssertionResult matchesGolden(const Image& actual, const std::string& name,
                                         int channelTolerance = 12, double maxFraction = 0.002);

}  // namespace fp::test
