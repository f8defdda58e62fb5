#pragma once

#include <time.h>

#include <cstddef>
#include <string>

namespace fp {

/// Registers a temporary file or folder that must not outlive the process: when SIGTERM, SIGINT or SIGHUP
/// ends it (see installTerminationCleanup) the handler removes it (a folder with the files directly in it).
/// Unregisters on destruction or release(), which is when the owner has renamed or removed it itself. At most
/// 64 are registered at once; beyond that the guard does nothing (the owner still cleans up normally).
/// Until then it also holds an advisory lock (flock) on the path, which dies with the process even under
/// SIGKILL: removeStaleTempSiblings leaves a locked temporary alone, whoever wrote it.
class TempPathGuard {
public:
    TempPathGuard() = default;
    explicit TempPathGuard(const std::string& path, bool folder = false);
    TempPathGuard(TempPathGuard&& other) noexcept;
    TempPathGuard& operator=(TempPathGuard&& other) noexcept;
    TempPathGuard(const TempPathGuard&) = delete;
    TempPathGuard& operator=(const TempPathGuard&) = delete;
    ~TempPathGuard() { release(); }

    /// Stops watching the path (it was renamed into place or removed).
    void release();

private:
    int m_slot = -1;
    int m_lockFd = -1;
};

/// Now by the clock the kernel stamps files with (CLOCK_REALTIME_COARSE): a file made or changed after this
/// call never has an older modification time. A finer clock does not promise that (the kernel's stamps lag it
/// by up to a scheduler tick), which would make a file made just after this process started look older than
/// it.
timespec fileClockNow();

/// Removes what a killed earlier run (SIGKILL, a crash, a power cut: nothing the dying process can clean)
/// left beside `target`: its hidden temporary siblings as this program names them (".NAME.XXXXXX", a folder
/// of frames too, or ".NAME.XXXXXX.EXT"), only those last changed before this process started and locked
/// by no living process (see TempPathGuard). Never follows symlinks; a folder loses only the files directly
/// in it. Returns how many were removed. Writers call it before making their own temporary.
size_t removeStaleTempSiblings(const std::string& target);

/// Installs handlers for SIGTERM, SIGINT and SIGHUP that remove every registered temporary path, then end
/// the process by the same signal (so the exit status still says which). Handlers installed later (e.g. an
/// export's own Ctrl+C handling) take precedence while they are in place. Idempotent.
void installTerminationCleanup();

/// Removes every registered temporary path now; async-signal-safe (what the handlers call).
void removeRegisteredTempPaths();

}  // namespace fp
