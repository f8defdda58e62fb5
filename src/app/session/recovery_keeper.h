#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "app/session/recovery.h"
#include "core/util/result.h"

namespace fp {

class Session;

/// Writes the recovery copies of one window on a thread of its own, so that the thread that edits the
/// session only takes a snapshot (O(layers)) and goes on. A snapshot handed over while another is being
/// written waits; a newer one replaces it. Every snapshot handed over is written unless a newer one replaces
/// it or the copy is removed.
class RecoveryWriter {
public:
    explicit RecoveryWriter(std::string path);
    /// Writes what still waits (the newest state reaches the disk), then stops.
    ~RecoveryWriter();
    RecoveryWriter(const RecoveryWriter&) = delete;
    RecoveryWriter& operator=(const RecoveryWriter&) = delete;

    /// Hands `snapshot` over to be written to the path as soon as the write under way (if any) ends.
    void submit(RecoverySnapshot snapshot);
    /// Drops what waits, waits for the write under way, then removes the copy with its incident files.
    void remove();
    /// Blocks until nothing waits or is being written. The Status of the last write (ok when none).
    Status wait();
    /// The outcomes of the writes finished since the last call, oldest first.
    std::vector<Status> takeOutcomes();
    /// True when nothing waits or is being written.
    bool idle() const;
    /// Writes finished so far (ok or not).
    uint64_t writes() const;

private:
    void run();

    std::string m_path;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::optional<RecoverySnapshot> m_pending;
    bool m_busy = false;  // a write is under way
    bool m_stop = false;
    uint64_t m_writes = 0;
    Status m_last;
    std::vector<Status> m_outcomes;
    std::thread m_thread;  // last: started once the members it uses exist
};

/// Keeps the recovery copy of the window's session: written when the project has unsaved changes and its
/// layers or incident layers changed, and at most once a minute for any other change; removed as soon as
/// the project has no unsaved changes (saved, or undone back to the saved state) and on a clean quit. While
/// a gesture goes on (a marker dragged: a change every frame) a change of layers is written at most every
/// kGestureIntervalSeconds, and the change that ends it as soon as it ends. The copy is written from a
/// snapshot on a RecoveryWriter's thread: an update costs the caller O(layers), whatever their size. A change
/// that comes while a copy is being written is taken at the first update after that write (the newest state
/// then), so a crash finds the last change once the write it waited for and its own have ended.
class RecoveryKeeper {
public:
    static constexpr double kIntervalSeconds = 60.0;
    static constexpr double kGestureIntervalSeconds = 1.0;

    explicit RecoveryKeeper(std::string path) : m_writer(path), m_path(std::move(path)) {}
    const std::string& path() const { return m_path; }
    /// Call once a frame with a monotonic clock in seconds; `gesture`: the user is in the middle of an edit
    /// (a mouse button held). Errors of the writes are returned once per failure streak, at the first update
    /// after they happen.
    Status update(const Session& session, double nowSeconds, bool gesture = false);
    /// Blocks until the copies handed over are on disk; the Status of the last write.
    Status wait() { return m_writer.wait(); }
    /// Removes the copy (a clean quit), waiting for a write under way.
    void remove();
    /// True when a copy is on disk for this window, or handed over to be written.
    bool written() const { return m_submitted; }
    /// Copies written so far.
    uint64_t writes() const { return m_writer.writes(); }

private:
    /// The error to report of the writes finished since the last update, if it starts a failure streak.
    Status collectOutcomes();

    RecoveryWriter m_writer;
    std::string m_path;
    std::vector<uint64_t> m_layers;  // ids of the layers and incident layers at the last write
    uint64_t m_changes = 0;          // the session's change count at the last write
    double m_lastWrite = -1e300;
    bool m_submitted = false;  // a copy was handed over since the last removal
    bool m_failing = false;
};

}  // namespace fp
