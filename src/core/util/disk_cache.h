#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fp {

/// The identity of the running program's code: its GNU build id (hex), else the size and time of its file.
/// Part of every cache key, so that a rebuilt or updated program never reads what another build computed.
const std::string& programBuildId();

/// "SIZE HASH" of a file's whole content, for cache keys; empty when it cannot be read.
std::string fileFingerprint(const std::string& path);

/// A folder of results that are slow to compute and quick to read back (prepared layers), each stored
/// under a key that names everything it was computed from. An entry is used only when its whole key and
/// the checksum of its contents match, so a stale, truncated or foreign file is ignored, never trusted.
/// Writes are atomic (a reader sees a whole entry or none); every failure to read or write just means
/// "not cached". Entries unused for 30 days, and the oldest beyond 512 MiB in all, are removed on writes.
class DiskCache {
public:
    explicit DiskCache(std::string dir) : m_dir(std::move(dir)) {}

    /// The user's cache: $FLASHPOINT_CACHE_DIR when set (set but empty: no cache), else
    /// $XDG_CACHE_HOME/flashpoint, else $HOME/.cache/flashpoint. Nullopt when there is none.
    static std::optional<DiskCache> user();

    /// The entry of `kind` stored under `key`, or nullopt.
    std::optional<std::string> read(std::string_view kind, std::string_view key) const;
    /// Stores `payload` under `key` (creating the folder); false when it could not be written.
    bool write(std::string_view kind, std::string_view key, std::string_view payload) const;

    const std::string& dir() const { return m_dir; }

private:
    std::string pathOf(std::string_view kind, std::string_view key) const;
    void evict() const;
    std::string m_dir;
};

}  // namespace fp
