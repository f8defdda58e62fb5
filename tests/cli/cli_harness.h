#pragma once

// Shared by the CLI tests: a scratch folder per test and a way to run the real binary headless.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fp::test {

struct CliRun {
    int exitCode = -1;
    std::string out;  ///< stdout
    std::string err;  ///< stderr
};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A test with its own empty folder (removed afterwards) that runs flashpoint without a display.
class CliFixture : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("fp-cli-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    /// Runs flashpoint with `args` (shell-quoted where needed); stdout and stderr kept apart. `wrapper`
    /// (e.g. "timeout -s KILL 60") goes before the binary.
    CliRun run(const std::string& args, const std::string& wrapper = "") const {
        const std::filesystem::path out = m_dir / ".stdout", err = m_dir / ".stderr";
        const std::string cmd = "env -u DISPLAY -u WAYLAND_DISPLAY EGL_PLATFORM=surfaceless " + wrapper +
                                " '" + std::string(FP_BINARY) + "' " + args + " >'" + out.string() + "' 2>'" +
                                err.string() + "'";
        CliRun r;
        const int status = std::system(cmd.c_str());
        r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        r.out = slurp(out);
        r.err = slurp(err);
        std::filesystem::remove(out);
        std::filesystem::remove(err);
        return r;
    }

    std::filesystem::path m_dir;
};

/// True when `text` (a run's output) contains `fragment`.
inline bool has(const std::string& text, const std::string& fragment) {
    return text.find(fragment) != std::string::npos;
}

}  // namespace fp::test
