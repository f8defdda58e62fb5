#include "core/util/temp_files.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

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

TempPathGuard::TempPathGuard(const std::string& path, bool folder) {
    if (path.empty() || path.size() >= kMaxPath) return;
    for (int i = 0; i < kSlots; ++i) {
        int expected = kFree;
        if (!g_state[i].compare_exchange_strong(expected, kFilling)) continue;
        std::memcpy(g_paths[i], path.c_str(), path.size() + 1);
        g_state[i].store(folder ? kFolder : kFile);
        m_slot = i;
        return;
    }
}

TempPathGuard::TempPathGuard(TempPathGuard&& other) noexcept : m_slot(other.m_slot) {
    other.m_slot = -1;
}

TempPathGuard& TempPathGuard::operator=(TempPathGuard&& other) noexcept {
    if (this != &other) {
        release();
        m_slot = other.m_slot;
        other.m_slot = -1;
    }
    return *this;
}

void TempPathGuard::release() {
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
