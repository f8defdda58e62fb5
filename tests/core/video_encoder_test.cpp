#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "core/export/frame_folder.h"
#include "core/export/video_encoder.h"
#include "process_test_util.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

class VideoEncoderTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("fp-video-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }
    /// Names of everything in the folder, hidden files included.
    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(m_dir)) names.push_back(e.path().filename().string());
        return names;
    }
    VideoEncoderOptions options(const std::string& name, VideoFormat format) const {
        VideoEncoderOptions o;
        o.outputPath = path(name);
        o.format = format;
        o.width = 64;
        o.height = 48;
        o.fps = 5;
        return o;
    }
    /// A frame with a moving bar, so that frames differ.
    static std::string frame(int w, int h, int k) {
        std::string rgba(static_cast<size_t>(w) * h * 4, '\0');
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                char* p = &rgba[(static_cast<size_t>(y) * w + x) * 4];
                const bool bar = (x / 8) == k % (w / 8);
                p[0] = static_cast<char>(bar ? 220 : 30);
                p[1] = static_cast<char>(bar ? 40 : 120);
                p[2] = static_cast<char>(bar ? 40 : 200);
                p[3] = static_cast<char>(255);
            }
        return rgba;
    }
    fs::path m_dir;
};

TEST_F(VideoEncoderTest, MissingProgramIsAClearErrorAndLeavesNothing) {
    VideoEncoderOptions o = options("a.mp4", VideoFormat::Mp4);
    o.program = "flashpoint-test-no-such-ffmpeg";
    auto enc = VideoEncoder::start(o);
    ASSERT_FALSE(enc);
    EXPECT_EQ(enc.error().code, ErrorCode::NotFound);
    const std::string msg = enc.error().describe();
    EXPECT_NE(msg.find("flashpoint-test-no-such-ffmpeg"), std::string::npos) << msg;
    EXPECT_NE(msg.find("apt-get install ffmpeg"), std::string::npos) << msg;
    EXPECT_TRUE(entries().empty());
}

TEST_F(VideoEncoderTest, RejectsOddMp4SizesBadRatesAndMissingFolders) {
    VideoEncoderOptions o = options("a.mp4", VideoFormat::Mp4);
    o.width = 321;
    auto odd = VideoEncoder::start(o);
    ASSERT_FALSE(odd);
    EXPECT_NE(odd.error().describe().find("even width and height, e.g. 322x48"), std::string::npos)
        << odd.error().describe();
    o = options("a.gif", VideoFormat::Gif);
    o.width = 321;  // GIF has no such limit
    EXPECT_TRUE(checkVideoOptions(o));
    o.fps = 0;
    EXPECT_FALSE(checkVideoOptions(o));
    o = options("missing/a.gif", VideoFormat::Gif);
    auto missing = VideoEncoder::start(o);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(entries().empty());
}

TEST_F(VideoEncoderTest, FailingProgramReportsTheEndOfItsLogAndLeavesNothing) {
    const std::string script = path("fake-ffmpeg");
    std::ofstream(script) << "#!/bin/sh\ncat >/dev/null\necho 'Unknown encoder libx264' >&2\nexit 3\n";
    fs::permissions(script, fs::perms::owner_all);
    VideoEncoderOptions o = options("a.mp4", VideoFormat::Mp4);
    o.program = script;
    auto enc = VideoEncoder::start(o);
    ASSERT_TRUE(enc) << enc.error().describe();
    ASSERT_TRUE(enc.value()->addFrame(frame(64, 48, 0)));
    Status s = enc.value()->finish();
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("exit code 3"), std::string::npos) << s.error().describe();
    EXPECT_NE(s.error().message.find("Unknown encoder libx264"), std::string::npos) << s.error().describe();
    EXPECT_EQ(entries(), std::vector<std::string>{"fake-ffmpeg"});
}

TEST_F(VideoEncoderTest, ProgramThatStopsReadingFailsTheNextFrame) {
    VideoEncoderOptions o = options("a.gif", VideoFormat::Gif);
    o.program = "true";  // exits at once without reading
    o.width = 512;       // a frame larger than a pipe's buffer
    o.height = 512;
    auto enc = VideoEncoder::start(o);
    ASSERT_TRUE(enc);
    Status s;
    for (int k = 0; k < 3 && s; ++k) s = enc.value()->addFrame(frame(512, 512, k));
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("stopped reading frames"), std::string::npos) << s.error().describe();
    EXPECT_TRUE(entries().empty());
}

TEST_F(VideoEncoderTest, WrongFrameSizeIsRejected) {
    VideoEncoderOptions o = options("a.gif", VideoFormat::Gif);
    o.program = "true";
    auto enc = VideoEncoder::start(o);
    ASSERT_TRUE(enc);
    EXPECT_FALSE(enc.value()->addFrame(std::string(10, '\0')));
    EXPECT_TRUE(entries().empty());
}

TEST_F(VideoEncoderTest, EncodesMp4AndGifWithEveryFrame) {
    ASSERT_TRUE(test::onPath("ffmpeg") && test::onPath("ffprobe")) << test::kNeedsFfmpeg;
    for (VideoFormat format : {VideoFormat::Mp4, VideoFormat::Gif}) {
        const std::string name = format == VideoFormat::Mp4 ? "out.mp4" : "out.gif";
        auto enc = VideoEncoder::start(options(name, format));
        ASSERT_TRUE(enc) << enc.error().describe();
        for (int k = 0; k < 7; ++k) ASSERT_TRUE(enc.value()->addFrame(frame(64, 48, k)));
        Status s = enc.value()->finish();
        ASSERT_TRUE(s) << s.error().describe();
        ASSERT_TRUE(fs::exists(path(name)));
        struct stat st {};
        ASSERT_EQ(::stat(path(name).c_str(), &st), 0);
        EXPECT_NE(st.st_mode & S_IRGRP, 0u) << "a finished video is readable like any file";
        const std::string probe = test::captureOutput(
            "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
            "stream=width,height,nb_read_frames,r_frame_rate -of csv=p=0 '" +
            path(name) + "'");
        EXPECT_EQ(probe, "64,48,5/1,7\n") << name;
    }
    EXPECT_EQ(entries().size(), 2u) << "no temporary files left";
}

TEST_F(VideoEncoderTest, CancelKillsTheEncoderAndRemovesTheFile) {
    ASSERT_TRUE(test::onPath("ffmpeg") && test::onPath("ffprobe")) << test::kNeedsFfmpeg;
    fs::path existing = path("keep.mp4");
    std::ofstream(existing) << "old";
    auto enc = VideoEncoder::start(options("keep.mp4", VideoFormat::Mp4));
    ASSERT_TRUE(enc);
    ASSERT_TRUE(enc.value()->addFrame(frame(64, 48, 0)));
    enc.value()->cancel();
    EXPECT_FALSE(enc.value()->finish());
    EXPECT_EQ(entries(), std::vector<std::string>{"keep.mp4"});
    std::ifstream in(existing);
    std::string text;
    in >> text;
    EXPECT_EQ(text, "old") << "a cancelled export leaves an existing file as it was";
    // Destroying an unfinished encoder cancels it too.
    {
        auto other = VideoEncoder::start(options("other.gif", VideoFormat::Gif));
        ASSERT_TRUE(other);
        ASSERT_TRUE(other.value()->addFrame(frame(64, 48, 1)));
    }
    EXPECT_EQ(entries(), std::vector<std::string>{"keep.mp4"});
}

TEST_F(VideoEncoderTest, FrameFolderAppearsOnlyWhenFinished) {
    const std::string target = path("frames");
    auto w = FrameFolderWriter::start(target);
    ASSERT_TRUE(w) << w.error().describe();
    ASSERT_TRUE(w->addFrame("png-bytes-1", "2022-12-01"));
    ASSERT_TRUE(w->addFrame("png-bytes-2", "2022-12-02"));
    EXPECT_FALSE(fs::exists(target));
    ASSERT_TRUE(w->finish());
    EXPECT_EQ(entries(), std::vector<std::string>{"frames"});
    EXPECT_TRUE(fs::exists(fs::path(target) / "frame_00002.png"));
    std::ifstream csv(fs::path(target) / "frames.csv");
    std::stringstream s;
    s << csv.rdbuf();
    EXPECT_EQ(s.str(), "frame,file,date\n1,frame_00001.png,2022-12-01\n2,frame_00002.png,2022-12-02\n");

    // A second export replaces the first; a cancelled one leaves the first as it was.
    auto again = FrameFolderWriter::start(target + "/");
    ASSERT_TRUE(again) << again.error().describe();
    ASSERT_TRUE(again->addFrame("x", "2023-01-01"));
    ASSERT_TRUE(again->finish());
    EXPECT_FALSE(fs::exists(fs::path(target) / "frame_00002.png"));
    {
        auto cancelled = FrameFolderWriter::start(target);
        ASSERT_TRUE(cancelled);
        ASSERT_TRUE(cancelled->addFrame("y", "2023-02-01"));
        ASSERT_TRUE(cancelled->addFrame("y", "2023-02-02"));
    }
    EXPECT_EQ(entries(), std::vector<std::string>{"frames"});
    EXPECT_TRUE(fs::exists(fs::path(target) / "frame_00001.png"));
    EXPECT_FALSE(fs::exists(fs::path(target) / "frame_00002.png"));
}

TEST_F(VideoEncoderTest, FrameFolderNeverReplacesAFolderWithOtherFiles) {
    fs::create_directories(m_dir / "docs");
    std::ofstream(m_dir / "docs" / "notes.txt") << "mine";
    auto w = FrameFolderWriter::start(path("docs"));
    ASSERT_FALSE(w);
    EXPECT_NE(w.error().message.find("notes.txt"), std::string::npos) << w.error().describe();
    auto missing = FrameFolderWriter::start(path("no/such/frames"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    fs::create_directories(m_dir / "empty");
    EXPECT_TRUE(FrameFolderWriter::checkTarget(path("empty")));
    std::ofstream(m_dir / "file") << "x";
    EXPECT_FALSE(FrameFolderWriter::checkTarget(path("file")));
}

TEST_F(VideoEncoderTest, FrameFolderReplacesOnlyItsOwnFrames) {
    // Each of these is the user's, not a frame this writer made: the folder is refused and nothing goes.
    struct Case {
        const char* what;
        std::function<void(const fs::path&)> make;
        const char* reason;
    };
    const std::vector<Case> cases = {
        {"jpeg", [](const fs::path& d) { std::ofstream(d / "frame_1.jpeg") << "photo"; }, "frame_1.jpeg"},
        {"short number", [](const fs::path& d) { std::ofstream(d / "frame_1.png") << "png"; }, "frame_1.png"},
        {"csv", [](const fs::path& d) { std::ofstream(d / "frames.csv") << "my,own,table\n1,2,3\n"; },
         "frames.csv was not written by Flashpoint"},
        {"folder",
         [](const fs::path& d) {
             fs::create_directories(d / "frame_00001.png");
             std::ofstream(d / "frame_00001.png" / "keep.txt") << "mine";
         },
         "frame_00001.png is a folder, not a frame of a previous export"},
        {"symlink", [](const fs::path& d) { fs::create_symlink("/etc/hostname", d / "frame_00002.png"); },
         "frame_00002.png is not a regular file"},
    };
    for (const auto& c : cases) {
        const fs::path dir = m_dir / "user";
        fs::remove_all(dir);
        fs::create_directories(dir);
        std::ofstream(dir / "frame_00003.png") << "an old frame";
        c.make(dir);
        const auto before = [&] {
            std::vector<std::string> names;
            for (const auto& e : fs::recursive_directory_iterator(dir)) names.push_back(e.path().string());
            std::sort(names.begin(), names.end());
            return names;
        }();
        Status check = FrameFolderWriter::checkTarget(dir.string());
        ASSERT_FALSE(check) << c.what;
        EXPECT_NE(check.error().describe().find(c.reason), std::string::npos) << check.error().describe();
        EXPECT_FALSE(FrameFolderWriter::start(dir.string())) << c.what;
        std::vector<std::string> after;
        for (const auto& e : fs::recursive_directory_iterator(dir)) after.push_back(e.path().string());
        std::sort(after.begin(), after.end());
        EXPECT_EQ(after, before) << c.what;
    }
}

TEST_F(VideoEncoderTest, FrameFolderKeepsFilesAddedWhileItRendered) {
    const std::string target = path("frames");
    {
        auto first = FrameFolderWriter::start(target);
        ASSERT_TRUE(first && first->addFrame("png", "2022-12-01") && first->finish());
    }
    auto w = FrameFolderWriter::start(target);
    ASSERT_TRUE(w);
    ASSERT_TRUE(w->addFrame("png", "2022-12-02"));
    std::ofstream(fs::path(target) / "notes.txt") << "written meanwhile";
    Status s = w->finish();
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().describe().find("notes.txt"), std::string::npos) << s.error().describe();
    EXPECT_TRUE(fs::exists(fs::path(target) / "notes.txt"));
    EXPECT_TRUE(fs::exists(fs::path(target) / "frame_00001.png"));
}

}  // namespace
}  // namespace fp
