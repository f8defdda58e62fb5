#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/util/atomic_file.h"
#include "core/util/temp_files.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

class TempFiles : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("fp-temp-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path m_dir;
};

TEST_F(TempFiles, SigtermRemovesEveryRegisteredFileAndFolderThenDiesBySigterm) {
    const fs::path file = m_dir / ".out.png.abc123", folder = m_dir / ".frames.xyz";
    const pid_t pid = ::fork();
    if (pid == 0) {
        installTerminationCleanup();
        std::ofstream(file) << "half an image";
        fs::create_directories(folder);
        for (const char* name : {"frame_00001.png", "frame_00002.png", "frames.csv"})
            std::ofstream(folder / name) << "x";
        TempPathGuard fileGuard(file.string());
        TempPathGuard folderGuard(folder.string(), true);
        ::raise(SIGTERM);
        ::_exit(0);  // not reached
    }
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << status;
    EXPECT_FALSE(fs::exists(file));
    EXPECT_FALSE(fs::exists(folder));
    EXPECT_TRUE(fs::is_empty(m_dir));
}

TEST_F(TempFiles, ReleasedPathsAndFinishedWritesAreLeftAlone) {
    const fs::path kept = m_dir / "kept.txt";
    std::ofstream(kept) << "the user's";
    {
        TempPathGuard guard(kept.string());
        guard.release();
    }
    ASSERT_TRUE(writeFileAtomically((m_dir / "done.txt").string(), "complete"));
    removeRegisteredTempPaths();
    EXPECT_TRUE(fs::exists(kept));
    EXPECT_TRUE(fs::exists(m_dir / "done.txt"));
}

}  // namespace
}  // namespace fp
