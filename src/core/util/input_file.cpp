#include "core/util/input_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/util/secrets.h"

namespace fp {

namespace {

/// Not a file on this machine's disk: a database, a URL or a GDAL virtual path.
bool isNonFileSource(const std::string& path) {
    return isDatabaseSource(path) || path.rfind("/vsi", 0) == 0 || path.find("://") != std::string::npos;
}

/// What a non-regular file is, for the message ("a named pipe (FIFO)", ...).
const char* kindOf(mode_t mode) {
    if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

Error statError(const std::string& path, int err) {
    if (err == ELOOP)
        return makeError(ErrorCode::NotFound, path, "symbolic link loop: the link never reaches a file");
    if (err == EACCES)
        return makeError(ErrorCode::PermissionDenied, path, "cannot read file: permission denied");
    if (err == ENAMETOOLONG) return makeError(ErrorCode::InvalidArgument, path, "the path is too long");
    if (err == ENOTDIR)
        return makeError(ErrorCode::NotFound, path, "file not found (a part of the path is not a folder)");
    if (err != ENOENT)
        return makeError(ErrorCode::IoError, path,
                         std::string("cannot examine the file: ") + std::strerror(err));
    struct stat link {};
    if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode))
        return makeError(ErrorCode::NotFound, path, "broken symbolic link: what it points to does not exist");
    return makeError(ErrorCode::NotFound, path, "file not found");
}

/// A File Geodatabase is a folder whose name ends in ".gdb" (any case; "x.gdb/" too).
bool isGeodatabaseFolder(std::string path) {
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    if (path.size() < 4) return false;
    std::string ext = path.substr(path.size() - 4);
    for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return ext == ".gdb";
}

std::string withoutLayerSuffix(const std::string& source) {
    const size_t bar = source.find('|');
    return bar == std::string::npos ? source : source.substr(0, bar);
}

}  // namespace

Status checkInputFile(const std::string& path) {
    if (path.empty()) return makeError(ErrorCode::InvalidArgument, "(empty path)", "no file given");
    if (isNonFileSource(path)) return {};
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return statError(path, errno);
    if (S_ISDIR(st.st_mode)) {
        if (isGeodatabaseFolder(path)) return {};
        return makeError(ErrorCode::IsDirectory, path, "is a directory, not a data file");
    }
    if (!S_ISREG(st.st_mode))
        return makeError(
            ErrorCode::InvalidArgument, path,
            std::string("is ") + kindOf(st.st_mode) + ", not a regular file: give a file to read");
    if (::access(path.c_str(), R_OK) != 0) return statError(path, errno);
    return {};
}

std::optional<FileIdentity> fileIdentity(const std::string& path) {
    struct stat st {};
    if (path.empty() || ::stat(path.c_str(), &st) != 0) return std::nullopt;
    return FileIdentity{static_cast<unsigned long long>(st.st_dev),
                        static_cast<unsigned long long>(st.st_ino)};
}

Status checkOutputsAreNotInputs(const std::vector<std::string>& outputs,
                                const std::vector<std::string>& inputs) {
    for (const auto& output : outputs) {
        const auto out = fileIdentity(output);
        if (!out) continue;  // a new file cannot be an input
        for (const auto& source : inputs) {
            if (isNonFileSource(source)) continue;
            const std::string input = withoutLayerSuffix(source);
            if (fileIdentity(input) == out)
                return makeError(ErrorCode::InvalidArgument, output,
                                 "is an input of this command (" + scrubSecrets(input) +
                                     "); writing there would destroy it: choose another output name");
        }
    }
    return {};
}

}  // namespace fp
