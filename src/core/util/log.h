#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace fp {

enum class LogLevel { Debug, Info, Warning, Error };

const char* logLevelName(LogLevel level);

struct LogEntry {
    LogLevel level = LogLevel::Info;
    std::string message;
    double secondsSinceStart = 0.0;  ///< monotonic, from the first use of the log
};

/// Process-wide log: keeps the most recent entries for the log panel and forwards each entry to sinks
/// (stderr for the CLI, tests' collectors). Thread-safe. GDAL and PROJ messages are routed here too.
class Log {
public:
    using Sink = std::function<void(const LogEntry&)>;

    static Log& instance();

    void write(LogLevel level, std::string message);
    /// Adds a sink; returns an id for removeSink. Sinks are called under the log's lock: keep them short.
    int addSink(Sink sink);
    void removeSink(int id);

    /// Copy of the retained entries (at most capacity()), oldest first.
    std::vector<LogEntry> entries() const;
    /// Count of entries ever written at `level`, also those that fell out of the ring.
    uint64_t count(LogLevel level) const;
    /// Increases by one with every entry; lets a panel know when to refresh its copy.
    uint64_t generation() const;
    void clear();
    static constexpr size_t capacity() { return 5000; }

private:
    Log();
    mutable std::mutex m_mutex;
    std::vector<LogEntry> m_ring;
    size_t m_next = 0;
    uint64_t m_generation = 0;
    uint64_t m_counts[4] = {0, 0, 0, 0};
    std::vector<std::pair<int, Sink>> m_sinks;
    int m_nextSinkId = 1;
};

void logDebug(std::string message);
void logInfo(std::string message);
void logWarning(std::string message);
void logError(std::string message);

/// Sink that prints "flashpoint: warning: ..." lines to stderr, for command-line tools. `minLevel` filters.
Log::Sink stderrSink(LogLevel minLevel);

}  // namespace fp
