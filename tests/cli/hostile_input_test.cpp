// Inputs that are not files (FIFOs, devices, folders, symlink loops), flags with empty or non-finite values,
// and signals mid-export: each is a clear message, never a hang, a crash or a leftover file.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "cli_harness.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

using test::has;

const std::string kFixtures = FP_FIXTURES_DIR;

class HostileInput : public test::CliFixture {
protected:
    /// Runs `args` (at most 60 s) and checks exit `code` and that stderr says `fragment`.
    void expectError(const std::string& args, int code, const std::string& fragment) const {
        const test::CliRun r = run(args, "timeout -s KILL 60");
        EXPECT_EQ(r.exitCode, code) << args << "\n" << r.out << r.err;
        EXPECT_TRUE(has(r.err, fragment)) << args << "\nwanted '" << fragment << "' in:\n" << r.err;
    }
    /// Every way a path reaches a reader: info, render --incidents/--layer, a project, a project's sources,
    /// --gazetteer. Each must refuse `input` with `reason`.
    void expectRefusedEverywhere(const std::string& input, const std::string& reason) const {
        const std::string out = " --size 64x64 -o '" + path("out.png") + "'";
        expectError("info '" + input + "'", 1, input + ": " + reason);
        expectError("render --no-default-layers --incidents '" + input + "'" + out, 1, input + ": " + reason);
        expectError("render --no-default-layers --layer '" + input + "'" + out, 1, input + ": " + reason);
        expectError("render '" + input + "'" + out, 1, input + ": " + reason);
        const std::string project = path("p.flashpoint.json");
        std::ofstream(project)
            << R"({"format": "flashpoint-project", "version": 1, "incidents": [{"source": ")" << input
            << R"("}], "layers": [{"source": ")" << input << R"("}]})";
        expectError("render '" + project + "'" + out, 1, input + ": " + reason);
        expectError("geocode Prizren --gazetteer '" + input + "'", 1, input + ": " + reason);
        expectError("geocode-file '" + kFixtures + "/incidents/acled_placenames.csv' -o '" + path("g.csv") +
                        "' --gazetteer '" + input + "'",
                    1, input + ": " + reason);
        EXPECT_FALSE(fs::exists(path("out.png")));
    }
};

TEST_F(HostileInput, FifoIsRefusedUpFrontNotReadForEver) {
    const std::string fifo = path("pipe.csv");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    expectRefusedEverywhere(fifo, "is a named pipe (FIFO), not a regular file");
}

TEST_F(HostileInput, DevicesAndLinksToThemAreRefused) {
    expectRefusedEverywhere("/dev/zero", "is a character device, not a regular file");
    fs::create_symlink("/dev/zero", path("zero.csv"));
    expectRefusedEverywhere(path("zero.csv"), "is a character device, not a regular file");
}

TEST_F(HostileInput, SymlinkLoopsAndBrokenLinksSaySo) {
    fs::create_symlink(path("b.csv"), path("a.csv"));
    fs::create_symlink(path("a.csv"), path("b.csv"));
    expectRefusedEverywhere(path("a.csv"), "symbolic link loop");
    fs::create_symlink(path("nowhere.csv"), path("dangling.csv"));
    expectError("info '" + path("dangling.csv") + "'", 1, "broken symbolic link");
}

TEST_F(HostileInput, FoldersAreRefusedAsFiles) {
    fs::create_directories(path("folder.csv"));
    expectError("info '" + path("folder.csv") + "'", 1, "is a directory");
    expectError("render '" + path("folder.csv") + "' -o '" + path("o.png") + "'", 1, "is a folder");
    expectError("geocode Prizren --gazetteer '" + path("folder.csv") + "'", 1, "is a directory");
}

TEST_F(HostileInput, EmptyOrNonFiniteFlagValuesAreUsageErrors) {
    const std::string out = " -o '" + path("o.png") + "'";
    expectError("render --size ''" + out, 2, "--size: is empty: give a value, or leave the option out");
    expectError("render --bbox ''" + out, 2, "--bbox: is empty");
    expectError("render --at ''" + out, 2, "--at: is empty");
    expectError("render --crs ''" + out, 2, "--crs: is empty");
    expectError("render --dpi nan" + out, 2, "'nan' is not a finite number");
    expectError("render --dpi inf" + out, 2, "--dpi: Value inf not in range");
    expectError("render ''" + out, 2, "is empty");
    expectError("animate --size '' -o '" + path("frames") + "'", 2, "--size: is empty");
    EXPECT_FALSE(fs::exists(path("o.png")));
    // Free text may be empty: no subtitle is a choice.
    const test::CliRun ok = run("render --size 64x64 --subtitle ''" + out);
    EXPECT_EQ(ok.exitCode, 0) << ok.err;
}

TEST_F(HostileInput, CrsReadingFilesAndOutputFoldersAreClearMessages) {
    expectError("render --size 64x64 --crs '+init=/etc/passwd:1' -o '" + path("o.png") + "'", 1,
                "+init=/etc/passwd:1");
    const test::CliRun crs =
        run("render --size 64x64 --crs '+init=/etc/passwd:1' -o '" + path("o.png") + "'");
    EXPECT_TRUE(has(crs.err, "flashpoint: error: ")) << crs.err;
    fs::create_directories(path("dir"));
    expectError("render --size 64x64 -o '" + path("dir") + "/'", 2, path("dir") + "/");
    const test::CliRun slash = run("render --size 64x64 -o '" + path("dir") + "/'");
    EXPECT_TRUE(has(slash.err, "no file name")) << slash.err;
    fs::create_directories(path("frames/frame_00001.png"));
    expectError("animate --size 64x64 --from 2022-12-01 --to 2022-12-03 -q -o '" + path("frames") + "'", 1,
                "frame_00001.png is a folder, not a frame of a previous export");
    EXPECT_TRUE(fs::is_directory(path("frames/frame_00001.png")));
}

/// Names of the hidden entries (temporary files and folders) in `dir`.
std::vector<std::string> hiddenEntries(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string()[0] == '.' && e.path().filename() != ".stdout" &&
            e.path().filename() != ".stderr")
            names.push_back(e.path().filename().string());
    return names;
}

/// Starts flashpoint with `args` in the background, returns its pid.
pid_t spawn(const std::vector<std::string>& args) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setenv("EGL_PLATFORM", "surfaceless", 1);
        ::unsetenv("DISPLAY");
        std::vector<char*> argv{const_cast<char*>(FP_BINARY)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        std::freopen("/dev/null", "w", stderr);
        std::freopen("/dev/null", "w", stdout);
        ::execv(FP_BINARY, argv.data());
        ::_exit(127);
    }
    return pid;
}

/// Pids of running ffmpeg processes whose command line mentions `fragment`.
std::vector<int> ffmpegsWriting(const std::string& fragment) {
    std::vector<int> pids;
    for (const auto& e : fs::directory_iterator("/proc")) {
        const std::string name = e.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::string cmdline = test::slurp(e.path() / "cmdline");
        for (char& c : cmdline)
            if (c == '\0') c = ' ';
        if (has(cmdline, "ffmpeg") && has(cmdline, fragment)) pids.push_back(std::stoi(name));
    }
    return pids;
}

TEST_F(HostileInput, SigtermDuringAnimationLeavesNoTemporaryFileAndNoFfmpeg) {
    // A long GIF: big frames, many days, so that the signal comes while frames are still being encoded.
    const pid_t pid = spawn({"animate", "--size", "1024x768", "--from", "2022-11-01", "--to", "2023-01-31",
                             "-q", "-o", path("long.gif")});
    ASSERT_GT(pid, 0);
    bool sawFfmpeg = false;
    for (int i = 0; i < 600 && !sawFfmpeg; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        sawFfmpeg = !ffmpegsWriting(m_dir.string()).empty();
    }
    ASSERT_TRUE(sawFfmpeg) << "ffmpeg never started";
    ::kill(pid, SIGKILL);  // the hardest case: no handler runs at all
    int status = 0;
    ::waitpid(pid, &status, 0);
    std::vector<int> left;
    for (int i = 0; i < 100; ++i) {
        left = ffmpegsWriting(m_dir.string());
        if (left.empty()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(left.empty()) << "ffmpeg outlived flashpoint";
    EXPECT_FALSE(fs::exists(path("long.gif")));
    // No handler runs on SIGKILL: its temporary video may stay (hidden, never under the final name).
    for (const auto& name : hiddenEntries(m_dir)) fs::remove(m_dir / name);

    for (const char* output : {"frames", "term.gif"}) {
        const pid_t p = spawn({"animate", "--size", "1024x768", "--from", "2022-11-01", "--to", "2023-01-31",
                               "-q", "-o", path(output)});
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        for (int i = 0; i < 600 && hiddenEntries(m_dir).empty(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        ::kill(p, SIGTERM);
        ::waitpid(p, &status, 0);
        for (int i = 0; i < 100 && !ffmpegsWriting(m_dir.string()).empty(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        EXPECT_TRUE(ffmpegsWriting(m_dir.string()).empty()) << output;
        const auto hidden = hiddenEntries(m_dir);
        EXPECT_TRUE(hidden.empty()) << output << ": " << (hidden.empty() ? "" : hidden.front());
        EXPECT_FALSE(fs::exists(path(output))) << output;
    }
}

}  // namespace
}  // namespace fp
