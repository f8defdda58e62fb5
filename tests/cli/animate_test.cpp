// `flashpoint animate`: the real binary, headless, on the embedded default scene; small frames and few of
// them so that the tests stay fast.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

#include "../core/process_test_util.h"
#include "cli_harness.h"
#include "core/project/default_scene.h"
#include "render/export/image_io.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

const std::string kSmall = "animate --size 320x180 --from 2022-12-09 --to 2022-12-12 ";

class Animate : public test::CliFixture {
protected:
    void TearDown() override {
        ::unsetenv("FLASHPOINT_FFMPEG");
        CliFixture::TearDown();
    }
    /// Everything in the test's folder, hidden files included.
    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(m_dir)) names.push_back(e.path().filename().string());
        return names;
    }
};

TEST_F(Animate, WritesAFolderOfDatedPngFramesWithProgress) {
    test::CliRun r = run(kSmall + "-o '" + path("frames") + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("frame 1/4 2022-12-09"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("frame 4/4 2022-12-12"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("4 frames"), std::string::npos) << r.out;
    EXPECT_EQ(entries(), std::vector<std::string>{"frames"});
    for (int k = 1; k <= 4; ++k) {
        auto img = readImage(path("frames/frame_0000" + std::to_string(k) + ".png"));
        ASSERT_TRUE(img) << k;
        EXPECT_EQ(img->width, 320);
        EXPECT_EQ(img->height, 180);
    }
    EXPECT_FALSE(fs::exists(path("frames/frame_00005.png")));
    EXPECT_EQ(test::slurp(path("frames/frames.csv")),
              "frame,file,date\n1,frame_00001.png,2022-12-09\n2,frame_00002.png,2022-12-10\n"
              "3,frame_00003.png,2022-12-11\n4,frame_00004.png,2022-12-12\n");
    // The roadblocks start on 10 December: frames before and after differ (markers appear), and the view
    // stays put (the frames agree away from Kosovo, in the top-right corner).
    auto before = readImage(path("frames/frame_00001.png"));
    auto during = readImage(path("frames/frame_00002.png"));
    ASSERT_TRUE(before && during);
    EXPECT_NE(before->rgba, during->rgba);
    for (int y = 150; y < 170; ++y)
        for (int x = 280; x < 310; ++x)
            ASSERT_EQ(std::vector<uint8_t>(before->pixel(x, y), before->pixel(x, y) + 4),
                      std::vector<uint8_t>(during->pixel(x, y), during->pixel(x, y) + 4))
                << x << "," << y;
}

TEST_F(Animate, FurnitureLeftOutOfSmallFramesIsSaidOnceNotPerFrame) {
    // Each of the four frames said the same three warnings again.
    test::CliRun r = run(kSmall + "-q -o '" + path("frames") + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(
        r.err,
        "flashpoint: warning: export: the title does not fit in a 320x180 image and is left out\n"
        "flashpoint: warning: export: the legend does not fit in a 320x180 image and is left out\n"
        "flashpoint: warning: export: the attribution does not fit in a 320x180 image and is left out\n");
}

TEST_F(Animate, WritesMp4AndGifWithTheRequestedFramesSizeAndRate) {
    ASSERT_TRUE(test::onPath("ffmpeg") && test::onPath("ffprobe")) << test::kNeedsFfmpeg;
    for (const char* name : {"crisis.mp4", "crisis.gif"}) {
        test::CliRun r = run(kSmall + "--fps 5 -q -o '" + path(name) + "'");
        ASSERT_EQ(r.exitCode, 0) << name << "\n" << r.err;
        EXPECT_EQ(r.err.find("frame "), std::string::npos) << "-q prints no progress";
        ASSERT_TRUE(fs::exists(path(name)));
        EXPECT_EQ(test::captureOutput("ffprobe -v error -count_frames -select_streams v:0 -show_entries "
                                      "stream=width,height,r_frame_rate,nb_read_frames -of csv=p=0 '" +
                                      path(name) + "'"),
                  "320,180,5/1,4\n")
            << name;
    }
    EXPECT_EQ(entries().size(), 2u) << "no temporary files left";
}

TEST_F(Animate, BadFlagsAreUsageErrorsNamingTheFlag) {
    const std::string out = " -o '" + path("a.gif") + "'";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"animate --from 2022-13-01 --to 2022-12-31" + out, "--from"},
        {"animate --from 2022-12-01 --to yesterday" + out, "--to"},
        {"animate --from 2022-12-31 --to 2022-12-01" + out, "--to"},
        {"animate --from 2022-12-01 --to 2022-12-31 --step 0d" + out, "--step"},
        {"animate --from 2022-12-01 --to 2022-12-31 --step 1y" + out, "--step"},
        {"animate --from 2000-01-01 --to 2022-12-31 --step 1h" + out, "--step"},
        {"animate --from 2022-12-01 --to 2022-12-31 --fps 0" + out, "--fps"},
        {"animate --from 2022-12-01 --to 2022-12-31 --fps 61" + out, "--fps"},
        {"animate --from 2022-12-01 --to 2022-12-31 --size 0x100" + out, "--size"},
        {"animate --from 2022-12-01 --to 2022-12-31 --size 20000x100" + out, "--size"},
        {"animate --from 2022-12-01 --to 2022-12-31 --size 321x180 -o '" + path("a.mp4") + "'", "--size"},
        {"animate --from 2022-12-01 --to 2022-12-31 --window 3x" + out, "--window"},
        {"animate --from 2022-12-01 --to 2022-12-31 -o '" + path("a.avi") + "'", "--output"},
    };
    for (const auto& [args, flag] : cases) {
        test::CliRun r = run(args);
        EXPECT_EQ(r.exitCode, 2) << args << "\n" << r.err;
        EXPECT_NE(r.err.find(flag), std::string::npos) << args << "\n" << r.err;
    }
    EXPECT_TRUE(entries().empty());
}

TEST_F(Animate, MissingFfmpegFailsClearlyAndLeavesNothing) {
    ::setenv("FLASHPOINT_FFMPEG", "flashpoint-test-no-such-ffmpeg", 1);
    test::CliRun r = run(kSmall + "-o '" + path("crisis.mp4") + "'");
    EXPECT_EQ(r.exitCode, 1) << r.err;
    EXPECT_NE(r.err.find("flashpoint-test-no-such-ffmpeg: program not found"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("apt-get install ffmpeg"), std::string::npos) << r.err;
    EXPECT_TRUE(entries().empty());
    // PNG frames need no ffmpeg.
    EXPECT_EQ(run(kSmall + "-q -o '" + path("frames") + "'").exitCode, 0);
}

TEST_F(Animate, MissingUnwritableOrOccupiedOutputFailsAndLeavesNothing) {
    test::CliRun missing = run(kSmall + "-o '" + path("no/such/dir/a.gif") + "'");
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.err.find("does not exist"), std::string::npos) << missing.err;
    test::CliRun missingFrames = run(kSmall + "-o '" + path("no/such/frames") + "'");
    EXPECT_EQ(missingFrames.exitCode, 1);
    EXPECT_TRUE(entries().empty());

    fs::create_directories(m_dir / "mine");
    std::ofstream(m_dir / "mine" / "notes.txt") << "keep me";
    test::CliRun occupied = run(kSmall + "-o '" + path("mine") + "'");
    EXPECT_EQ(occupied.exitCode, 1);
    EXPECT_NE(occupied.err.find("notes.txt"), std::string::npos) << occupied.err;
    EXPECT_EQ(test::slurp(m_dir / "mine" / "notes.txt"), "keep me");

    if (::geteuid() != 0) {  // root writes anywhere
        fs::create_directories(m_dir / "ro");
        fs::permissions(m_dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
        test::CliRun ro = run(kSmall + "-o '" + path("ro/a.gif") + "'");
        EXPECT_EQ(ro.exitCode, 1) << ro.err;
        EXPECT_TRUE(fs::is_empty(m_dir / "ro"));
        fs::permissions(m_dir / "ro", fs::perms::owner_all);
    }
}

TEST_F(Animate, InterruptCancelsAndLeavesNothingBehind) {
    for (const char* name : {"long.gif", "long-frames"}) {
        // 60 frames; SIGINT once the second is written. The shell script waits for the progress line.
        const std::string err = path(".progress");
        const std::string script =
            "env -u DISPLAY EGL_PLATFORM=surfaceless '" + std::string(FP_BINARY) +
            "' animate --size 320x180 " + "--from 2022-11-01 --to 2022-12-30 -o '" + path(name) + "' 2>'" +
            err + "' & pid=$!; for i in $(seq 600); do grep -q 'frame 2/' '" + err +
            "' 2>/dev/null && break; sleep 0.05; done; kill -INT $pid; wait $pid; echo $?";
        std::ofstream(path(".interrupt.sh")) << script << "\n";
        const std::string code = test::captureOutput("sh '" + path(".interrupt.sh") + "'");
        fs::remove(path(".interrupt.sh"));
        EXPECT_EQ(code, "130\n") << name << "\n" << test::slurp(err);
        EXPECT_NE(test::slurp(err).find("cancelled after"), std::string::npos) << test::slurp(err);
        fs::remove(err);
        EXPECT_TRUE(entries().empty()) << name << ": " << (entries().empty() ? "" : entries().front());
    }
}

TEST_F(Animate, TheProjectsSizeStepAndWindowAreUsedAndFlagsOverrideThem) {
    // The default project at 320x180, stepping two days with a 1-week window.
    std::string text = test::slurp(defaultProjectPath());
    const std::string data = fs::path(defaultProjectPath()).parent_path().string() + "/";
    text = std::regex_replace(text, std::regex("\"source\": \""), "\"source\": \"" + data);
    text = std::regex_replace(text, std::regex("\"width\": 1920,\\s*\"height\": 1080"),
                              "\"width\": 320, \"height\": 180");
    text = std::regex_replace(text, std::regex("\"window\": \"all\""), "\"window\": \"1w\"");
    text = std::regex_replace(text, std::regex("\"step\": \"1d\""), "\"step\": \"2d\"");
    std::ofstream(path("p.json"), std::ios::binary) << text;

    test::CliRun own =
        run("animate '" + path("p.json") + "' --from 2022-12-01 --to 2022-12-09 -o '" + path("own") + "'");
    ASSERT_EQ(own.exitCode, 0) << own.err;
    EXPECT_NE(own.err.find("frame 5/5 2022-12-09"), std::string::npos) << own.err;
    auto img = readImage(path("own/frame_00001.png"));
    ASSERT_TRUE(img);
    EXPECT_EQ(img->width, 320);
    EXPECT_EQ(img->height, 180);
    // The same frames as the default project with the flags that say the same.
    ASSERT_EQ(run("animate --size 320x180 --step 2d --window 1w --from 2022-12-01 --to 2022-12-09 -o '" +
                  path("flags") + "'")
                  .exitCode,
              0);
    for (const char* f : {"frame_00001.png", "frame_00003.png", "frame_00005.png", "frames.csv"})
        EXPECT_EQ(test::slurp(path(std::string("own/") + f)), test::slurp(path(std::string("flags/") + f)))
            << f;
    // Flags win over the project.
    test::CliRun over = run("animate '" + path("p.json") + "' --size 160x90 --step 1d --from 2022-12-01 " +
                            "--to 2022-12-03 -q -o '" + path("over") + "'");
    ASSERT_EQ(over.exitCode, 0) << over.err;
    EXPECT_EQ(readImage(path("over/frame_00003.png"))->width, 160);
    EXPECT_FALSE(fs::exists(path("over/frame_00004.png")));
    // A project that cannot be read fails before anything is written.
    std::ofstream(path("bad.json")) << "{\"format\": \"flashpoint-project\", \"version\": 1, ";
    test::CliRun bad = run("animate '" + path("bad.json") + "' -o '" + path("bad-frames") + "'");
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.err.find("bad.json"), std::string::npos) << bad.err;
    EXPECT_FALSE(fs::exists(path("bad-frames")));
}

}  // namespace
}  // namespace fp
