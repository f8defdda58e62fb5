#include "core/util/log.h"

#include <chrono>
#include <cstdio>

#include "core/util/secrets.h"

namespace fp {

namespace {
const auto kStart = std::chrono::steady_clock::now();
}

const char* logLevelName(LogLevel level) {
    switch (level) {
        case LogLevel::Debug:
            return "debug";
        case LogLevel::Info:
            return "info";
        case LogLevel::Warning:
            return "warning";
        case LogLevel::Error:
            return "error";
    }
    return "?";
}

Log::Log() {
    m_ring.reserve(capacity());
}

Log& Log::instance() {
    static Log log;
    return log;
}

void Log::write(LogLevel level, std::string message) {
    LogEntry entry;
    entry.level = level;
    entry.message = scrubSecrets(message);  // logs are shown, saved and copied: never with a secret
    entry.secondsSinceStart =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - kStart).count();
    std::lock_guard lock(m_mutex);
    for (auto& [id, sink] : m_sinks) sink(entry);
    ++m_counts[static_cast<int>(level)];
    ++m_generation;
    if (m_ring.size() < capacity()) {
        m_ring.push_back(std::move(entry));
    } else {
        m_ring[m_next] = std::move(entry);
        m_next = (m_next + 1) % capacity();
    }
}

int Log::addSink(Sink sink) {
    std::lock_guard lock(m_mutex);
    m_sinks.emplace_back(m_nextSinkId, std::move(sink));
    return m_nextSinkId++;
}

void Log::removeSink(int id) {
    std::lock_guard lock(m_mutex);
    std::erase_if(m_sinks, [id](const auto& s) { return s.first == id; });
}

std::vector<LogEntry> Log::entries() const {
    std::lock_guard lock(m_mutex);
    std::vector<LogEntry> out;
    out.reserve(m_ring.size());
    for (size_t i = 0; i < m_ring.size(); ++i) out.push_back(m_ring[(m_next + i) % m_ring.size()]);
    return out;
}

uint64_t Log::count(LogLevel level) const {
    std::lock_guard lock(m_mutex);
    return m_counts[static_cast<int>(level)];
}

uint64_t Log::generation() const {
    std::lock_guard lock(m_mutex);
    return m_generation;
}

void Log::clear() {
    std::lock_guard lock(m_mutex);
    m_ring.clear();
    m_next = 0;
    ++m_generation;
}

void logDebug(std::string message) {
    Log::instance().write(LogLevel::Debug, std::move(message));
}
void logInfo(std::string message) {
    Log::instance().write(LogLevel::Info, std::move(message));
}
void logWarning(std::string message) {
    Log::instance().write(LogLevel::Warning, std::move(message));
}
void logError(std::string message) {
    Log::instance().write(LogLevel::Error, std::move(message));
}

Log::Sink stderrSink(LogLevel minLevel) {
    return [minLevel](const LogEntry& e) {
        if (e.level < minLevel) return;
        std::fprintf(stderr, "flashpoint: %s: %s\n", logLevelName(e.level), e.message.c_str());
    };
}

}  // namespace fp
