#include "core/util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

namespace fs = std::filesystem;

namespace fp {

namespace {
Error ioError(const std::string& path, const std::string& what, int err) {
    ErrorCode code = err == EACCES || err == EPERM || err == EROFS ? ErrorCode::PermissionDenied
                     : err == ENOENT                               ? ErrorCode::NotFound
                                                                   : ErrorCode::IoError;
    return makeError(code, path, what + ": " + std::strerror(err));
}

std::string parentDir(const std::string& path) {
    fs::path parent = fs::path(path).parent_path();
    return parent.empty() ? "." : parent.string();
}
}  // namespace

Status checkWritableOutput(const std::string& path) {
    if (path.empty()) return makeError(ErrorCode::InvalidArgument, "output", "no output file given");
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return makeError(ErrorCode::IsDirectory, path, "is a directory, not a file name");
    const std::string dir = parentDir(path);
    if (!fs::is_directory(dir, ec))
        return makeError(ErrorCode::NotFound, path, "folder " + dir + " does not exist");
    if (::access(dir.c_str(), W_OK) != 0) return ioError(path, "cannot write into folder " + dir, errno);
    return {};
}

Result<AtomicFileWriter> AtomicFileWriter::open(const std::string& path) {
    if (Status s = checkWritableOutput(path); !s) return s.error();
    removeStaleTempSiblings(path);  // what a killed earlier write of this file left
    std::string tmpl =
        (fs::path(parentDir(path)) / ("." + fs::path(path).filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return ioError(path, "cannot create a temporary file", errno);
    return AtomicFileWriter(path, std::move(tmpl), fd);
}

AtomicFileWriter::AtomicFileWriter(AtomicFileWriter&& o) noexcept
    : m_path(std::move(o.m_path)),
      m_tmp(std::move(o.m_tmp)),
      m_fd(std::exchange(o.m_fd, -1)),
      m_tmpGuard(std::move(o.m_tmpGuard)) {}

AtomicFileWriter::~AtomicFileWriter() {
    discard();
}

void AtomicFileWriter::discard() {
    if (m_fd < 0) return;
    ::close(m_fd);
    ::unlink(m_tmp.c_str());
    m_fd = -1;
    m_tmpGuard.release();
}

Status AtomicFileWriter::write(std::string_view bytes) {
    if (m_fd < 0) return makeError(ErrorCode::IoError, m_path, "write after the file was closed");
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(m_fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            discard();
            return ioError(m_path, "write failed", err);
        }
        done += static_cast<size_t>(n);
    }
    return {};
}

Status AtomicFileWriter::commit() {
    if (m_fd < 0) return makeError(ErrorCode::IoError, m_path, "commit after the file was closed");
    if (::fsync(m_fd) != 0) {
        const int err = errno;
        discard();
        return ioError(m_path, "could not flush to disk", err);
    }
    // mkstemp creates 0600; a written file should have the usual permissions.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(m_fd, 0666 & ~mask);
    // Renamed while still open and locked (TempPathGuard), so no cleaner ever takes it for a stale one.
    const int renamed = ::rename(m_tmp.c_str(), m_path.c_str());
    const int err = errno;
    if (renamed != 0) ::unlink(m_tmp.c_str());
    const int fd = std::exchange(m_fd, -1);
    const int closed = ::close(fd);
    const int closeErr = errno;
    m_tmpGuard.release();
    if (renamed == 0 && closed != 0) return ioError(m_path, "close failed", closeErr);
    if (renamed != 0) return ioError(m_path, "could not replace the file", err);
    return {};
}

Status writeFileAtomically(const std::string& path, std::string_view bytes) {
    auto file = AtomicFileWriter::open(path);
    if (!file) return file.error();
    if (Status s = file.value().write(bytes); !s) return s;
    return file.value().commit();
}

}  // namespace fp
