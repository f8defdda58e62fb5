// Frame k of an animation export equals what the map view shows at the same time: the export renders each
// frame through the same MapState time state and MapRenderer draw as the GUI's map view.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/export/frame_folder.h"
#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "render/export/animation_export.h"
#include "render/export/image_io.h"
#include "render/gl/gl.h"
#include "render_test_util.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

constexpr int kW = 320, kH = 200;

class AnimationFrameTest : public ::testing::Test {
protected:
    void SetUp() override {
        test::sharedContext().makeCurrent();
        m_dir = fs::temp_directory_path() / ("fp-animframe-" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        std::vector<LoadReport> reports;
        auto scene = loadDefaultScene(reports);
        ASSERT_TRUE(scene) << scene.error().describe();
        auto state = MapState::create(std::move(scene).value());
        ASSERT_TRUE(state);
        m_state.emplace(std::move(state).value());
        m_state->resize(kW, kH, 1.f);
        m_state->frame(GeoBBox::fromCorners(19.8, 42.2, 21.8, 43.6));  // Kosovo and its north
        auto renderer = MapRenderer::create();
        ASSERT_TRUE(renderer);
        m_renderer = std::move(renderer).value();
    }
    void TearDown() override { fs::remove_all(m_dir); }

    /// The spec of a 1-week-window, faded, daily animation of 8-14 December 2022 into a PNG folder.
    AnimationSpec spec(const std::string& name, bool furniture, int w = kW, int h = kH) const {
        AnimationSpec s;
        s.outputPath = (m_dir / name).string();
        s.output = AnimationOutput::PngFolder;
        s.plan = planFrames(parseCursorField("2022-12-08", "from").value(),
                            parseCursorField("2022-12-14", "to").value(), TimeStep{StepUnit::Day, 1})
                     .value();
        s.time.window = TimeWindowSpec{WindowMode::Moving, 7 * kSecondsPerDay, 0};
        s.time.fadeByAge = true;
        s.settings.widthPx = w;
        s.settings.heightPx = h;
        s.furniture = furniture;
        return s;
    }

    Status runExport(const AnimationSpec& s) {
        auto job = AnimationExport::start(s);
        if (!job) return job.error();
        while (!job.value()->done())
            if (Status st = job.value()->renderNext(*m_state, *m_renderer); !st) return st;
        return job.value()->finish();
    }

    /// What the GUI's map view draws for the state as it is: sync and draw into a framebuffer of the view's
    /// size.
    Image drawMapView() {
        auto target = OffscreenTarget::create(kW, kH);
        EXPECT_TRUE(target);
        m_renderer->sync(m_state->scene(), m_state->projection());
        target->bind();
        m_renderer->draw(m_state->scene(), m_state->view());
        Image img = target->readPixels();
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        return img;
    }

    fs::path m_dir;
    std::optional<MapState> m_state;
    std::unique_ptr<MapRenderer> m_renderer;
};

TEST_F(AnimationFrameTest, FrameKEqualsTheMapViewAtTheSameTime) {
    const AnimationSpec s = spec("frames", false);
    const TimeState before = m_state->time();
    ASSERT_TRUE(runExport(s));
    EXPECT_EQ(m_state->time(), before) << "the export leaves the map's own time state as it was";
    EXPECT_FALSE(m_state->scene().timeWindow().has_value());

    Image previous;
    for (size_t k : {0u, 2u, 6u}) {
        auto frame = readImage((m_dir / "frames" / FrameFolderWriter::frameName(k)).string());
        ASSERT_TRUE(frame) << k;
        // The map view at the frame's time, as the timeline would set it.
        TimeState frameTime = s.time;
        frameTime.cursor = s.plan.cursors[k];
        m_state->setTime(frameTime);
        const Image view = drawMapView();
        const test::ImageDiff diff = test::compareImages(frame.value(), view, 0);
        EXPECT_EQ(diff.differing, 0u)
            << "frame " << k << " (" << s.plan.label(k) << "), max delta " << diff.maxChannelDelta;
        if (!previous.rgba.empty()) EXPECT_NE(previous.rgba, frame->rgba) << "frames change with time";
        previous = std::move(frame).value();
    }
}

TEST_F(AnimationFrameTest, EveryFrameCarriesItsDateInTheFurniture) {
    // Large enough for every piece of furniture to fit.
    ASSERT_TRUE(runExport(spec("plain", false, 640, 360)));
    ASSERT_TRUE(runExport(spec("stamped", true, 640, 360)));
    auto read = [&](const char* dir, size_t k) {
        return readImage((m_dir / dir / FrameFolderWriter::frameName(k)).string()).value();
    };
    // The time stamp stands in the top-right corner: there, plain frames agree with each other while
    // frames with furniture differ from day to day.
    auto cornerDiffers = [](const Image& a, const Image& b) {
        for (int y = 0; y < 50; ++y)
            for (int x = a.width * 3 / 5; x < a.width; ++x)
                if (!std::equal(a.pixel(x, y), a.pixel(x, y) + 4, b.pixel(x, y))) return true;
        return false;
    };
    EXPECT_FALSE(cornerDiffers(read("plain", 0), read("plain", 3)));
    EXPECT_TRUE(cornerDiffers(read("stamped", 0), read("stamped", 3)));
    EXPECT_TRUE(cornerDiffers(read("plain", 3), read("stamped", 3)));
}

}  // namespace
}  // namespace fp
