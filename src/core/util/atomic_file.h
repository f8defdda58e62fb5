#pragma once

#include <string>
#include <string_view>

#include "core/util/result.h"
#include "core/util/temp_files.h"

namespace fp {

/// Writes `bytes` to `path` so that readers see either the old file or the complete new one, never a part:
/// a temporary file in the same folder, flushed to disk, then renamed over `path`. On any failure the
/// temporary file is removed, `path` is untouched, and the Error names the path and the reason (missing
/// folder, permission denied, disk full, ...).
Status writeFileAtomically(const std::string& path, std::string_view bytes);

/// A file written in pieces that appears under its name only when complete: the pieces go to a temporary file
/// in the same folder, which commit() flushes to disk and renames over `path`. Destroyed uncommitted (an
/// error, a cancel), it removes the temporary file and leaves `path` untouched. Errors name `path`.
class AtomicFileWriter {
public:
    /// Creates the temporary file (checkWritableOutput first).
    static Result<AtomicFileWriter> open(const std::string& path);
    AtomicFileWriter(AtomicFileWriter&& o) noexcept;
    AtomicFileWriter& operator=(AtomicFileWriter&&) = delete;
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    ~AtomicFileWriter();

    /// Appends `bytes`.
    Status write(std::string_view bytes);
    /// Flushes, closes and renames the file into place; the writer is done afterwards.
    Status commit();
    const std::string& path() const { return m_path; }

private:
    AtomicFileWriter(std::string path, std::string tmp, int fd)
        : m_path(std::move(path)), m_tmp(std::move(tmp)), m_fd(fd), m_tmpGuard(m_tmp) {}
    void discard();
    std::string m_path, m_tmp;
    int m_fd = -1;
    TempPathGuard m_tmpGuard;  // a SIGTERM while the file is open removes the temporary file
};

/// Checks that a file could be created at `path` (its folder exists and is writable) before expensive work.
Status checkWritableOutput(const std::string& path);

}  // namespace fp
