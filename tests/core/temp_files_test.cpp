#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
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

/// Makes `p` look last changed an hour ago (before this process started).
void age(const fs::path& p) {
    fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::hours(1));
}

TEST_F(TempFiles, StaleTemporariesOfAKilledRunAreRemovedByTheNextWriteThere) {
    const fs::path target = m_dir / "out.png";
    std::ofstream(target) << "the old image";
    std::ofstream(m_dir / ".out.png.Ab12Cd") << "half an image";     // mkstemp's
    std::ofstream(m_dir / ".out.png.Xy34Zw.mp4") << "half a video";  // mkstemps' (a suffix)
    fs::create_directories(m_dir / ".out.png.Fr4mes");               // mkdtemp's, with frames in it
    std::ofstream(m_dir / ".out.png.Fr4mes" / "frame_00001.png") << "x";
    for (const char* name : {".out.png.Ab12Cd", ".out.png.Xy34Zw.mp4", ".out.png.Fr4mes"}) age(m_dir / name);
    // Not ours, or not stale: left alone.
    std::ofstream(m_dir / ".out.png.notatemp") << "a user's hidden file";
    std::ofstream(m_dir / ".other.png.Ab12Cd") << "another output's temporary";
    std::ofstream(m_dir / ".out.png.New123") << "written after this process started";
    fs::create_symlink(target, m_dir / ".out.png.Link12");
    for (const char* name : {".out.png.notatemp", ".other.png.Ab12Cd"}) age(m_dir / name);

    ASSERT_TRUE(writeFileAtomically(target.string(), "the new image").ok());
    EXPECT_FALSE(fs::exists(m_dir / ".out.png.Ab12Cd"));
    EXPECT_FALSE(fs::exists(m_dir / ".out.png.Xy34Zw.mp4"));
    EXPECT_FALSE(fs::exists(m_dir / ".out.png.Fr4mes"));
    for (const char* name : {".out.png.notatemp", ".other.png.Ab12Cd", ".out.png.New123"})
        EXPECT_TRUE(fs::exists(m_dir / name)) << name;
    EXPECT_TRUE(fs::is_symlink(m_dir / ".out.png.Link12"));
    std::ifstream in(target);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(text, "the new image");
}

// The start a run compares stale temporaries with is read from this clock; a finer one (the process's start
// by std::chrono) made a file written a few milliseconds after a test process started look stale (seen once
// in CI).
TEST_F(TempFiles, AFileMadeAfterAFileClockReadingIsNeverOlderThanIt) {
    for (int i = 0; i < 200; ++i) {
        const timespec before = fileClockNow();
        const fs::path file = m_dir / ("f" + std::to_string(i));
        std::ofstream(file) << "x";
        struct stat st {};
        ASSERT_EQ(::lstat(file.c_str(), &st), 0);
        const bool older = st.st_mtim.tv_sec < before.tv_sec ||
                           (st.st_mtim.tv_sec == before.tv_sec && st.st_mtim.tv_nsec < before.tv_nsec);
        ASSERT_FALSE(older) << "file " << st.st_mtim.tv_sec << "." << st.st_mtim.tv_nsec << " reading "
                            << before.tv_sec << "." << before.tv_nsec << " (try " << i << ")";
    }
}

TEST_F(TempFiles, ATemporaryALivingWriterHoldsIsNeverRemoved) {
    const fs::path temp = m_dir / ".out.png.Live12";
    std::ofstream(temp) << "being written";
    age(temp);  // e.g. a long export started before this process
    {
        const TempPathGuard writing(temp.string());  // holds the lock, as a writer does
        EXPECT_EQ(removeStaleTempSiblings((m_dir / "out.png").string()), 0u);
        EXPECT_TRUE(fs::exists(temp));
    }
    EXPECT_EQ(removeStaleTempSiblings((m_dir / "out.png").string()), 1u) << "once its writer is gone";
    EXPECT_FALSE(fs::exists(temp));
}

}  // namespace
}  // namespace fp
