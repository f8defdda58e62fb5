#include "app/session/recovery_keeper.h"

#include "app/session/session.h"

namespace fp {

RecoveryWriter::RecoveryWriter(std::string path) : m_path(std::move(path)), m_thread([this] { run(); }) {}

RecoveryWriter::~RecoveryWriter() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void RecoveryWriter::submit(RecoverySnapshot snapshot) {
    {
        std::lock_guard lock(m_mutex);
        m_pending = std::move(snapshot);
    }
    m_changed.notify_all();
}

void RecoveryWriter::remove() {
    std::unique_lock lock(m_mutex);
    m_pending.reset();
    m_changed.wait(lock, [this] { return !m_busy; });
    // Nothing waits and nothing is written while the lock is held: the files are ours to remove.
    removeRecoveryCopy(m_path);
}

Status RecoveryWriter::wait() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_busy && !m_pending; });
    return m_last;
}

std::vector<Status> RecoveryWriter::takeOutcomes() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_outcomes, {});
}

bool RecoveryWriter::idle() const {
    std::lock_guard lock(m_mutex);
    return !m_busy && !m_pending;
}

uint64_t RecoveryWriter::writes() const {
    std::lock_guard lock(m_mutex);
    return m_writes;
}

void RecoveryWriter::run() {
    std::unique_lock lock(m_mutex);
    while (true) {
        m_changed.wait(lock, [this] { return m_stop || m_pending; });
        // Stopping still writes what waits: the newest state is the one a crash after the quit would need.
        if (!m_pending) return;
        RecoverySnapshot snapshot = std::move(*m_pending);
        m_pending.reset();
        m_busy = true;
        lock.unlock();
        Status written = writeRecoveryCopy(m_path, snapshot);
        snapshot = {};  // may hold the last reference to an edited store: freed here, not by the caller
        lock.lock();
        m_busy = false;
        ++m_writes;
        m_last = written;
        m_outcomes.push_back(std::move(written));
        m_changed.notify_all();
    }
}

Status RecoveryKeeper::update(const Session& session, double now, bool gesture) {
    const Status failed = collectOutcomes();
    if (!session.dirty()) {
        remove();
        return failed;
    }
    std::vector<uint64_t> layers;
    for (const MapLayer& layer : session.state().scene().layers) layers.push_back(layer.id);
    layers.push_back(0);  // between the vector layers and the incident layers
    for (const IncidentLayer& layer : session.state().scene().incidentLayers) {
        layers.push_back(layer.id);
        layers.push_back(reinterpret_cast<uintptr_t>(layer.data.get()));  // edited, or reloaded
    }
    const bool layersChanged = layers != m_layers || (!m_submitted && !m_failing);
    const bool due = session.changeCount() != m_changes && now - m_lastWrite >= kIntervalSeconds;
    if (!layersChanged && !due) return failed;
    // Mid-gesture a change comes every frame: the copy follows at its own pace, and catches up at the end.
    if (gesture && !due && now - m_lastWrite < kGestureIntervalSeconds) return failed;
    // While a copy is being written the change waits for the first update after it: only the newest state is
    // worth writing, and snapshots (each holding the stores of its time) must not pile up behind a slow disk.
    if (!m_writer.idle()) return failed;
    m_lastWrite = now;  // a failing disk is retried at the next change or minute, not every frame
    m_layers = std::move(layers);
    m_changes = session.changeCount();
    m_writer.submit(recoverySnapshot(session));
    m_submitted = true;
    return failed;
}

Status RecoveryKeeper::collectOutcomes() {
    Status report;
    for (Status& outcome : m_writer.takeOutcomes()) {
        if (!outcome.ok() && !m_failing && report.ok()) report = outcome;
        m_failing = !outcome.ok();
    }
    return report;
}

void RecoveryKeeper::remove() {
    if (!m_submitted) return;
    m_writer.remove();
    m_submitted = false;
    m_layers.clear();
}

}  // namespace fp
