#include "core/util/temp_files.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <sys/file.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstring>
#include <filesystem>

namespace fp {

namespace {

constexpr int kSlots = 64;
constexpr size_t kMaxPath = 4096;

enum SlotState : int { kFree = 0, kFilling = 1, kFile = 2, kFolder = 3 };

// Fixed storage, no allocation: the signal handler reads it while the program may be anywhere.
std::atomic<int> g_state[kSlots];
char g_paths[kSlots][kMaxPath];

/// Unlinks every entry directly in `path`, then the folder, with raw system calls only.
void removeFolder(const char* path) {
    const int fd = ::open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        alignas(8) char buf[4096];
        for (;;) {
            const long n = ::syscall(SYS_getdents64, fd, buf, sizeof buf);
            if (n <= 0) break;
            for (long at = 0; at < n;) {
                const auto* d = reinterpret_cast<const struct dirent64*>(buf + at);
                const bool dot = d->d_name[0] == '.' &&
                                 (d->d_name[1] == '\0' || (d->d_name[1] == '.' && d->d_name[2] == '\0'));
                if (!dot) ::unlinkat(fd, d->d_name, 0);
                at += d->d_reclen;
            }
        }
        ::close(fd);
    }
    ::rmdir(path);
}

// Taken during static initialisation, before main: anything changed since is this process's or a living
// one's.
const timespec g_processStart = fileClockNow();

bool earlier(const timespec& a, const timespec& b) {
    return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}

/// ".NAME." followed by six letters or digits (mkstemp's, mkdtemp's), optionally ".EXT" (mkstemps').
bool isTempNameOf(const std::string& entry, const std::string& prefix) {
    if (entry.size() < prefix.size() + 6 || entry.compare(0, prefix.size(), prefix) != 0) return false;
    const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    const std::string rest = entry.substr(prefix.size());
    if (!std::all_of(rest.begin(), rest.begin() + 6, alnum)) return false;
    if (rest.size() == 6) return true;
    return rest[6] == '.' && rest.size() >= 8 && rest.size() <= 12 &&
           std::all_of(rest.begin() + 7, rest.end(), alnum);
}

extern "C" void onTerminate(int sig) {
    removeRegisteredTempPaths();
    // Die by the same signal, as if no handler had been there.
    struct sigaction sa {};
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    ::sigaction(sig, &sa, nullptr);
    ::raise(sig);
}

}  // namespace

timespec fileClockNow() {
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME_COARSE, &now);
    return now;
}

TempPathGuard::TempPathGuard(const std::string& path, bool folder) {
    if (path.empty()) return;
    m_lockFd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (folder ? O_DIRECTORY : 0));
    if (m_lockFd >= 0) ::flock(m_lockFd, LOCK_EX | LOCK_NB);
    if (path.size() >= kMaxPath) return;
    for (int i = 0; i < kSlots; ++i) {
        int expected = kFree;
        if (!g_state[i].compare_exchange_strong(expected, kFilling)) continue;
        std::memcpy(g_paths[i], path.c_str(), path.size() + 1);
        g_state[i].store(folder ? kFolder : kFile);
        m_slot = i;
        return;
    }
}

TempPathGuard::TempPathGuard(TempPathGuard&& other) noexcept
    : m_slot(other.m_slot), m_lockFd(other.m_lockFd) {
    other.m_slot = -1;
    other.m_lockFd = -1;
}

TempPathGuard& TempPathGuard::operator=(TempPathGuard&& other) noexcept {
    if (this != &other) {
        release();
        m_slot = other.m_slot;
        m_lockFd = other.m_lockFd;
        other.m_slot = -1;
        other.m_lockFd = -1;
    }
    return *this;
}

void TempPathGuard::release() {
    if (m_lockFd >= 0) ::close(m_lockFd);
    m_lockFd = -1;
    if (m_slot < 0) return;
    g_state[m_slot].store(kFree);
    m_slot = -1;
}

void removeRegisteredTempPaths() {
    for (int i = 0; i < kSlots; ++i) {
        const int state = g_state[i].load();
        if (state == kFile) ::unlink(g_paths[i]);
        if (state == kFolder) removeFolder(g_paths[i]);
    }
}

size_t removeStaleTempSiblings(const std::string& target) {
    namespace fs = std::filesystem;
    const fs::path path(target);
    const std::string name = path.filename().string();
    if (name.empty() || name == "." || name == "..") return 0;
    const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    const std::string prefix = "." + name + ".";
    size_t removed = 0;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
        if (!isTempNameOf(entry.path().filename().string(), prefix)) continue;
        std::error_code statEc;
        const fs::file_status status = entry.symlink_status(statEc);
        const bool folder = fs::is_directory(status);
        if (statEc || (!folder && !fs::is_regular_file(status))) continue;
        const std::string p = entry.path().string();
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0 || !earlier(st.st_mtim, g_processStart)) continue;
        const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (folder ? O_DIRECTORY : 0));
        if (fd < 0) continue;
        // Locked: a living writer (this program in another process) still works on it.
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            if (folder)
                removeFolder(p.c_str());
            else
                ::unlink(p.c_str());
            ++removed;
        }
        ::close(fd);
    }
    return removed;
}

void installTerminationCleanup() {
    static const bool installed = [] {
        struct sigaction sa {};
        sa.sa_handler = onTerminate;
        sigemptyset(&sa.sa_mask);
        for (int sig : {SIGTERM, SIGINT, SIGHUP}) ::sigaction(sig, &sa, nullptr);
        return true;
    }();
    (void)installed;
}

}  // namespace fp
