// The GUI's still export: rendered the frame after the request, written on a worker thread.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include "app/jobs/image_export_job.h"
#include "core/project/map_state.h"
#include "render/export/image_io.h"
#include "render_test_util.h"

namespace fp {
namespace {

namespace fs = std::filesystem;

class ImageExportJobTest : public ::testing::Test {
protected:
    ImageExportJobTest() {
        test::sharedContext();
        renderer = MapRenderer::create().value();
        state.emplace(std::move(MapState::create(MapScene{})).value());
        state->resize(320, 200, 1.f);
        dir = fs::temp_directory_path() / ("fp_export_job_" + std::to_string(::getpid()));
        fs::create_directories(dir);
    }
    ~ImageExportJobTest() override { fs::remove_all(dir); }

    static ExportImage request(const fs::path& path) {
        ExportImage r;
        r.outputPath = path.string();
        r.settings.widthPx = 320;
        r.settings.heightPx = 200;
        return r;
    }
    /// Ticks like the main loop until the job reports an end; the number of ticks it took.
    int runToEnd(ImageExportJob& job) {
        for (int ticks = 1; ticks < 10000; ++ticks) {
            if (job.tick(*renderer, *state, state->view())) return ticks;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return -1;
    }

    std::unique_ptr<MapRenderer> renderer;
    std::optional<MapState> state;
    fs::path dir;
};

TEST_F(ImageExportJobTest, SaysItRendersThenWritesTheFileWithoutBlockingOnTheWrite) {
    ImageExportJob job;
    const fs::path out = dir / "map.png";
    ASSERT_TRUE(job.start(request(out)));
    EXPECT_TRUE(job.running());
    EXPECT_NE(job.status().progress.find("Rendering 320"), std::string::npos) << job.status().progress;
    EXPECT_FALSE(job.start(request(dir / "other.png"))) << "one export at a time";
    // The next two frames only show "Rendering": nothing is drawn yet.
    EXPECT_FALSE(job.tick(*renderer, *state, state->view()));
    EXPECT_FALSE(job.tick(*renderer, *state, state->view()));
    EXPECT_FALSE(fs::exists(out));
    EXPECT_NE(job.status().progress.find("Rendering"), std::string::npos);
    const int ticks = runToEnd(job);
    ASSERT_GT(ticks, 0);
    EXPECT_FALSE(job.running());
    EXPECT_TRUE(job.status().progress.empty());
    EXPECT_EQ(job.status().written, out.string());
    EXPECT_TRUE(job.status().error.empty()) << job.status().error;
    auto image = readImage(out.string());
    ASSERT_TRUE(image.ok()) << image.error().describe();
    EXPECT_EQ(image->width, 320);
    EXPECT_EQ(image->height, 200);
}

TEST_F(ImageExportJobTest, AFailedWriteIsReportedAndLeavesNothing) {
    ImageExportJob job;
    const fs::path out = dir / "missing-folder" / "map.png";
    ASSERT_TRUE(job.start(request(out)));
    ASSERT_GT(runToEnd(job), 0);
    EXPECT_FALSE(job.running());
    EXPECT_TRUE(job.status().written.empty());
    EXPECT_NE(job.status().error.find("missing-folder"), std::string::npos) << job.status().error;
    EXPECT_FALSE(fs::exists(out.parent_path()));
    // The job takes the next request after a failure.
    EXPECT_TRUE(job.start(request(dir / "map.png")));
    ASSERT_GT(runToEnd(job), 0);
    EXPECT_TRUE(fs::exists(dir / "map.png"));
}

TEST_F(ImageExportJobTest, FinishWaitsForTheWrite) {
    ImageExportJob job;
    const fs::path out = dir / "closing.png";
    ASSERT_TRUE(job.start(request(out)));
    for (int i = 0; i < 3; ++i)
        job.tick(*renderer, *state, state->view());  // rendered; the write may still run
    EXPECT_NE(job.status().progress.find("Writing"), std::string::npos) << job.status().progress;
    job.finish();
    EXPECT_FALSE(job.running());
    EXPECT_TRUE(fs::exists(out));
    EXPECT_EQ(job.status().written, out.string());
}

TEST_F(ImageExportJobTest, AnEmptyTitleTextTakesTheProjectsName) {
    // The dialog's empty title field means "the project's name", as `flashpoint render PROJECT.json` does.
    auto exportTitled = [&](const std::string& name, const fs::path& out) {
        ImageExportJob job;
        EXPECT_TRUE(job.start(request(out), name));
        EXPECT_GT(runToEnd(job), 0);
        return readImage(out.string());
    };
    auto untitled = exportTitled("", dir / "untitled.png");
    auto titled = exportTitled("Kosovo and Serbia", dir / "titled.png");
    ASSERT_TRUE(untitled.ok() && titled.ok());
    // The title sits top left: the two images differ there.
    size_t differing = 0;
    for (int y = 0; y < 60; ++y)
        for (int x = 0; x < 200; ++x)
            differing += std::memcmp(untitled->pixel(x, y), titled->pixel(x, y), 4) != 0;
    EXPECT_GT(differing, 200u);
}

}  // namespace
}  // namespace fp
