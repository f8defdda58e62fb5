#include "core/util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/util/temp_files.h"

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

Status writeFileAtomically(const std::string& path, std::string_view bytes) {
    if (Status s = checkWritableOutput(path); !s) return s;
    std::string tmpl =
        (fs::path(parentDir(path)) / ("." + fs::path(path).filename().string() + ".XXXXXX")).string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return ioError(path, "cannot create a temporary file", errno);
    const TempPathGuard guard(tmpl);  // a SIGTERM from here on removes it
    auto fail = [&](const std::string& what) {
        int err = errno;
        ::close(fd);
        ::unlink(tmpl.c_str());
        return ioError(path, what, err);
    };
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("write failed");
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) return fail("could not flush to disk");
    // mkstemp creates 0600; a written image should have the usual permissions.
    mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    if (::close(fd) != 0) {
        int err = errno;
        ::unlink(tmpl.c_str());
        return ioError(path, "close failed", err);
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmpl.c_str());
        return ioError(path, "could not replace the file", err);
    }
    return {};
}

}  // namespace fp
