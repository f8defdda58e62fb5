#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace fp {

/// Checks an input path before any reader opens it, so that nothing can hang or exhaust memory on it: it must
/// exist and be a readable regular file (a folder only when it is a File Geodatabase, "*.gdb"). FIFOs,
/// devices (/dev/zero), sockets, symlinks to them, symlink loops and broken symlinks are refused with an
/// Error naming `path` and the reason (IsDirectory for a folder). Database connections, URLs and GDAL virtual
/// paths
/// (/vsi...) are not files and pass unchecked.
Status checkInputFile(const std::string& path);

/// Identity of an existing file (device and inode, symlinks followed): two paths with equal identities are
/// the same file, whatever their spelling or hard links.
struct FileIdentity {
    unsigned long long device = 0;
    unsigned long long inode = 0;
    friend bool operator==(const FileIdentity&, const FileIdentity&) = default;
};

/// The identity of `path`, or nothing when it does not exist (or cannot be examined).
std::optional<FileIdentity> fileIdentity(const std::string& path);

/// Refuses to write any of `outputs` when one of them is the same file as one of `inputs` (compared by
/// identity, see FileIdentity; inputs may be "path|layername=x" or non-file sources, which are skipped):
/// InvalidArgument naming the output and the input it would overwrite.
Status checkOutputsAreNotInputs(const std::vector<std::string>& outputs,
                                const std::vector<std::string>& inputs);

}  // namespace fp
