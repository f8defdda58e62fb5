// kill -9 during an export: a real flashpoint process is killed with SIGKILL while it writes. The old file
// under the final name must stay as it was and no partial file may appear under that name. SIGKILL gives
// the dying process no chance to clean up, so its hidden temporary stays beside the output: the next run
// that writes there removes it (removeStaleTempSiblings).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "cli_harness.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

class Kill9Test : public test::CliFixture {
protected:
    /// Starts flashpoint with `args` headless, without waiting; its output goes to /dev/null.
    pid_t start(const std::vector<std::string>& args) {
        const pid_t pid = ::fork();
        if (pid == 0) {
            std::vector<char*> argv{const_cast<char*>(FP_BINARY)};
            for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            ::unsetenv("DISPLAY");
            ::unsetenv("WAYLAND_DISPLAY");
            ::setenv("EGL_PLATFORM", "surfaceless", 1);
            std::FILE* null = std::fopen("/dev/null", "w");
            if (null) {
                ::dup2(fileno(null), STDOUT_FILENO);
                ::dup2(fileno(null), STDERR_FILENO);
            }
            ::execv(FP_BINARY, argv.data());
            ::_exit(127);
        }
        return pid;
    }

    /// The hidden temporaries beside `name` in the test folder (".NAME.*").
    std::vector<std::string> tempsOf(const std::string& name) const {
        std::vector<std::string> found;
        for (const auto& e : fs::directory_iterator(m_dir)) {
            const std::string f = e.path().filename().string();
            if (f.rfind("." + name + ".", 0) == 0) found.push_back(f);
        }
        return found;
    }

    /// Waits until a temporary of `name` has at least `bytes` bytes (a folder: any entry), or 90 s pass;
    /// then kills `pid` with SIGKILL and reaps it. False when the process ended by itself first.
    bool killWhileWriting(pid_t pid, const std::string& name, uintmax_t bytes) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
        bool writing = false;
        while (!writing && std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(pid, &status, WNOHANG) == pid) return false;
            for (const std::string& t : tempsOf(name)) {
                std::error_code ec;
                const fs::path p = m_dir / t;
                writing = writing ||
                          (fs::is_directory(p, ec) ? !fs::is_empty(p, ec) : fs::file_size(p, ec) >= bytes);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        return writing && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    }

    void writeOld(const std::string& name, const std::string& text) {
        std::ofstream(path(name), std::ios::binary) << text;
    }
};

TEST_F(Kill9Test, ImageExportKilledLeavesTheOldImageAndTheNextRunRemovesTheTemporary) {
    writeOld("big.png", "the old image");
    const pid_t pid = start({"render", "-o", path("big.png"), "--size", "8000x8000"});
    ASSERT_TRUE(killWhileWriting(pid, "big.png", 1)) << "the export was not caught writing";
    EXPECT_EQ(test::slurp(path("big.png")), "the old image") << "the old file under the final name is intact";
    // SIGKILL leaves the dying process's hidden temporary beside the output.
    ASSERT_EQ(tempsOf("big.png").size(), 1u);
    // The next export to the same name cleans it up and writes a whole image.
    const test::CliRun next = run("render -o '" + path("big.png") + "' --size 320x200");
    ASSERT_EQ(next.exitCode, 0) << next.err;
    EXPECT_TRUE(tempsOf("big.png").empty()) << "stale temporary removed";
    EXPECT_EQ(test::slurp(path("big.png")).substr(1, 3), "PNG");
}

TEST_F(Kill9Test, VideoExportKilledLeavesTheOldVideoAndNoOrphanedEncoder) {
    writeOld("x.mp4", "the old video");
    const pid_t pid = start({"animate", "-o", path("x.mp4"), "--size", "1280x720", "--step", "2h", "--from",
                             "2022-12-01", "--to", "2022-12-09"});
    ASSERT_TRUE(killWhileWriting(pid, "x.mp4", 1)) << "the encoder was not caught writing";
    EXPECT_EQ(test::slurp(path("x.mp4")), "the old video");
    // The encoder dies with its parent (PR_SET_PDEATHSIG): nothing keeps writing the temporary.
    const std::vector<std::string> left = tempsOf("x.mp4");
    ASSERT_EQ(left.size(), 1u);
    std::error_code ec;
    const uintmax_t size = fs::file_size(m_dir / left[0], ec);
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    EXPECT_EQ(fs::file_size(m_dir / left[0], ec), size) << "no orphaned ffmpeg still writing";
    const test::CliRun next =
        run("animate -o '" + path("x.mp4") + "' --size 160x90 --step 1d --from 2022-12-01 --to 2022-12-04");
    ASSERT_EQ(next.exitCode, 0) << next.err;
    EXPECT_TRUE(tempsOf("x.mp4").empty());
    EXPECT_NE(test::slurp(path("x.mp4")), "the old video");
}

TEST_F(Kill9Test, FrameFolderExportKilledLeavesTheOldFramesAndTheNextRunRemovesTheTemporaryFolder) {
    const std::string small = "' --size 160x90 --step 1d --from 2022-12-01 --to 2022-12-03";
    ASSERT_EQ(run("animate -o '" + path("frames") + small).exitCode, 0);
    const std::string oldFrame = test::slurp(path("frames/frame_00001.png"));
    const std::string oldIndex = test::slurp(path("frames/frames.csv"));
    ASSERT_FALSE(oldFrame.empty());
    const pid_t pid = start({"animate", "-o", path("frames"), "--size", "1600x900", "--step", "2h", "--from",
                             "2022-12-01", "--to", "2022-12-09"});
    ASSERT_TRUE(killWhileWriting(pid, "frames", 0)) << "the export was not caught writing frames";
    EXPECT_EQ(test::slurp(path("frames/frame_00001.png")), oldFrame) << "the old frames are intact";
    EXPECT_EQ(test::slurp(path("frames/frames.csv")), oldIndex);
    EXPECT_FALSE(fs::exists(path("frames/frame_00004.png")))
        << "no frame of the killed run under the final name";
    ASSERT_EQ(tempsOf("frames").size(), 1u) << "the temporary folder of frames stays after SIGKILL";
    ASSERT_EQ(run("animate -o '" + path("frames") + small).exitCode, 0);
    EXPECT_TRUE(tempsOf("frames").empty()) << "stale temporary folder removed by the next export there";
}

TEST_F(Kill9Test, ProjectSaveKilledAtItsRenameLeavesTheOldProjectAndTheNextSaveRemovesTheTemporary) {
    const std::string oldProject = R"({"format": "flashpoint-project", "version": 1, "name": "old"})";
    writeOld("brief.flashpoint.json", oldProject);
    const std::string layer = std::string(FP_FIXTURES_DIR) + "/polygons.geojson";
    const std::string args = "render --no-default-layers --layer '" + layer + "' --size 64x48 -o '" +
                             path("x.png") + "' --save-project '" + path("brief.flashpoint.json") + "'";
    // SIGKILL at the worst moment of the save: the new project is whole in its temporary file and the
    // rename onto the final name is being made. A preloaded rename() kills the process at the second rename
    // of the run, after the image's (no disk cache, whose writes rename too).
    const test::CliRun killed = run(args, "FLASHPOINT_CACHE_DIR= FP_KILL_AT_RENAME=2 LD_PRELOAD='" +
                                              std::string(FP_KILL_AT_RENAME_PRELOAD) + "'");
    EXPECT_EQ(killed.exitCode, 128 + SIGKILL) << "killed, as the shell reports it: " << killed.err;
    EXPECT_TRUE(fs::exists(path("x.png"))) << "the image came first";
    EXPECT_EQ(test::slurp(path("brief.flashpoint.json")), oldProject) << "the old project is intact";
    const std::vector<std::string> left = tempsOf("brief.flashpoint.json");
    ASSERT_EQ(left.size(), 1u) << "the killed save's hidden temporary, never the final name";
    EXPECT_NE(test::slurp(m_dir / left[0]).find("\"name\": \"brief\""), std::string::npos)
        << "the temporary is the killed save's whole new project";

    const test::CliRun next = run(args);
    ASSERT_EQ(next.exitCode, 0) << next.err;
    EXPECT_EQ(next.out,
              "wrote " + path("x.png") + " (64x48)\nsaved project " + path("brief.flashpoint.json") + "\n");
    EXPECT_TRUE(tempsOf("brief.flashpoint.json").empty()) << "stale temporary removed";
    EXPECT_NE(test::slurp(path("brief.flashpoint.json")).find("polygons.geojson"), std::string::npos);
    const test::CliRun again =
        run("render '" + path("brief.flashpoint.json") + "' -o '" + path("y.png") + "'");
    EXPECT_EQ(again.exitCode, 0) << "the saved project renders: " << again.err;
    EXPECT_EQ(again.out, "wrote " + path("y.png") + " (64x48)\n") << "at the size it was saved with";
}

}  // namespace
}  // namespace fp
