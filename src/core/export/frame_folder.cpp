#include "core/export/frame_folder.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <utility>

namespace fs = std::filesystem;

namespace fp {

namespace {

/// A frame's name as frameName() writes it: "frame_" + at least five digits + ".png".
bool isFrameName(std::string_view s) {
    constexpr std::string_view prefix = "frame_", suffix = ".png";
    if (s.size() < prefix.size() + 5 + suffix.size() || s.substr(0, prefix.size()) != prefix ||
        s.substr(s.size() - suffix.size()) != suffix)
        return false;
    for (size_t i = prefix.size(); i < s.size() - suffix.size(); ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

/// True when `path` is a frames.csv this writer wrote: its header, then "N,frame_NNNNN.png,date" lines.
bool isOwnFramesCsv(const fs::path& path) {
    std::error_code ec;
    if (fs::file_size(path, ec) > (64u << 20) || ec) return false;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    std::string text;
    char buf[65536];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
    std::fclose(f);
    constexpr std::string_view header = "frame,file,date\n";
    if (text.rfind(header, 0) != 0) return false;
    size_t at = header.size();
    while (at < text.size()) {
        const size_t end = text.find('\n', at);
        if (end == std::string::npos) return false;
        const std::string_view line(text.data() + at, end - at);
        const size_t c1 = line.find(','), c2 = line.find(',', c1 == std::string_view::npos ? 0 : c1 + 1);
        if (c1 == std::string_view::npos || c2 == std::string_view::npos ||
            !isFrameName(line.substr(c1 + 1, c2 - c1 - 1)))
            return false;
        at = end + 1;
    }
    return true;
}

/// Why `entry` of an existing target folder is not part of a previous export (which finish() may replace),
/// or empty when it is: only regular files named exactly as this writer names them count.
std::string whyNotExportFile(const fs::directory_entry& entry) {
    const std::string name = entry.path().filename().string();
    std::error_code ec;
    const fs::file_status st = entry.symlink_status(ec);
    const bool regular = !ec && fs::is_regular_file(st);
    if (name == "frames.csv" || isFrameName(name)) {
        if (fs::is_directory(st)) return name + " is a folder, not a frame of a previous export";
        if (!regular) return name + " is not a regular file";
        if (name == "frames.csv" && !isOwnFramesCsv(entry.path()))
            return "frames.csv was not written by Flashpoint";
        return {};
    }
    return "it holds other files (" + name + ")";
}

/// The target folder without a trailing slash: "out/" is the folder "out".
fs::path normalTarget(const std::string& dir) {
    fs::path p = fs::path(dir).lexically_normal();
    return p.has_filename() ? p : p.parent_path();
}

fs::path parentOf(const fs::path& target) {
    return target.parent_path().empty() ? fs::path(".") : target.parent_path();
}

/// Deletes a previous export set aside by finish(): its frames and frames.csv one by one, then the folder if
/// that emptied it. Never a recursive delete: a file it does not recognise stays, with the folder.
void removeOldExport(const std::string& folder) {
    std::error_code ec;
    std::vector<fs::path> ours;
    for (const auto& entry : fs::directory_iterator(folder, ec))
        if (whyNotExportFile(entry).empty()) ours.push_back(entry.path());
    for (const auto& p : ours) fs::remove(p, ec);
    fs::remove(folder, ec);
}

Status writeWhole(const std::string& path, std::string_view bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        return makeError(ErrorCode::IoError, path, std::string("cannot create: ") + std::strerror(errno));
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            return makeError(ErrorCode::IoError, path, std::string("write failed: ") + std::strerror(err));
        }
        done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0)
        return makeError(ErrorCode::IoError, path, std::string("write failed: ") + std::strerror(errno));
    return {};
}

}  // namespace

std::string FrameFolderWriter::frameName(size_t index, const char* extension) {
    char name[40];
    std::snprintf(name, sizeof name, "frame_%05zu.%s", index + 1, extension);
    return name;
}

Status FrameFolderWriter::checkTarget(const std::string& dir) {
    if (dir.empty()) return makeError(ErrorCode::InvalidArgument, "output", "no output folder given");
    std::error_code ec;
    const fs::path target = normalTarget(dir);
    if (fs::exists(target, ec)) {
        if (!fs::is_directory(target, ec))
            return makeError(ErrorCode::InvalidArgument, dir, "exists and is not a folder");
        for (const auto& entry : fs::directory_iterator(target, ec))
            if (const std::string why = whyNotExportFile(entry); !why.empty())
                return makeError(
                    ErrorCode::InvalidArgument, dir,
                    "cannot replace this folder: " + why +
                        "; Flashpoint only replaces its own frames. Choose a new or empty folder");
        if (ec) return makeError(ErrorCode::PermissionDenied, dir, "cannot list the folder: " + ec.message());
    }
    // The temporary folder is created beside the target, so its parent must take new entries.
    const fs::path parent = parentOf(target);
    if (!fs::is_directory(parent, ec))
        return makeError(ErrorCode::NotFound, dir, "folder " + parent.string() + " does not exist");
    if (::access(parent.c_str(), W_OK) != 0)
        return makeError(ErrorCode::PermissionDenied, dir,
                         "cannot write into folder " + parent.string() + ": " + std::strerror(errno));
    return {};
}

Result<FrameFolderWriter> FrameFolderWriter::start(const std::string& dir) {
    if (Status s = checkTarget(dir); !s) return s.error();
    const fs::path target = normalTarget(dir);
    const fs::path parent = parentOf(target);
    removeStaleTempSiblings(target.string());  // what a killed earlier export to this folder left
    std::string tmpl = (parent / ("." + target.filename().string() + ".XXXXXX")).string();
    if (!::mkdtemp(tmpl.data()))
        return makeError(ErrorCode::IoError, dir,
                         std::string("cannot create a temporary folder: ") + std::strerror(errno));
    FrameFolderWriter w;
    w.m_target = target.string();
    w.m_temp = tmpl;
    w.m_tempGuard = TempPathGuard(tmpl, true);
    // mkdtemp makes it private (0700); frames are ordinary files for everyone the umask allows.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(w.m_temp.c_str(), 0777 & ~mask);
    return w;
}

FrameFolderWriter::FrameFolderWriter(FrameFolderWriter&& other) noexcept
    : m_target(std::move(other.m_target)),
      m_temp(std::exchange(other.m_temp, std::string())),
      m_tempGuard(std::move(other.m_tempGuard)),
      m_files(std::move(other.m_files)),
      m_labels(std::move(other.m_labels)) {}

FrameFolderWriter::~FrameFolderWriter() {
    cancel();
}

Status FrameFolderWriter::addFrame(std::string_view encoded, const std::string& dateLabel,
                                   const char* extension) {
    if (m_temp.empty()) return makeError(ErrorCode::Internal, m_target, "the frame folder has ended");
    const std::string name = frameName(m_labels.size(), extension);
    if (Status s = writeWhole((fs::path(m_temp) / name).string(), encoded); !s)
        return makeError(s.error().code, (fs::path(m_target) / name).string(), s.error().message);
    m_files.push_back(name);
    m_labels.push_back(dateLabel);
    return {};
}

Status FrameFolderWriter::finish() {
    if (m_temp.empty()) return makeError(ErrorCode::Internal, m_target, "the frame folder has ended");
    if (m_labels.empty()) {
        cancel();
        return makeError(ErrorCode::InvalidArgument, m_target, "no frames to write");
    }
    std::string csv = "frame,file,date\n";
    for (size_t i = 0; i < m_labels.size(); ++i)
        csv += std::to_string(i + 1) + "," + m_files[i] + "," + m_labels[i] + "\n";
    if (Status s = writeWhole((fs::path(m_temp) / "frames.csv").string(), csv); !s) {
        cancel();
        return s;
    }
    std::error_code ec;
    // A previous export in the target is set aside first, and removed only once the new one is in place.
    // The target is checked again: files may have been put there while the frames were drawn.
    std::string old;
    if (fs::exists(m_target, ec)) {
        if (Status s = checkTarget(m_target); !s) {
            cancel();
            return s;
        }
        old = m_temp + ".old";
        if (::rename(m_target.c_str(), old.c_str()) != 0) {
            const int err = errno;
            cancel();
            return makeError(ErrorCode::IoError, m_target,
                             std::string("cannot replace the folder: ") + std::strerror(err));
        }
    }
    if (::rename(m_temp.c_str(), m_target.c_str()) != 0) {
        const int err = errno;
        if (!old.empty()) ::rename(old.c_str(), m_target.c_str());
        cancel();
        return makeError(ErrorCode::IoError, m_target,
                         std::string("cannot move the frames into place: ") + std::strerror(err));
    }
    m_temp.clear();
    m_tempGuard.release();
    if (!old.empty()) removeOldExport(old);
    return {};
}

void FrameFolderWriter::cancel() {
    if (m_temp.empty()) return;
    std::error_code ec;
    fs::remove_all(m_temp, ec);
    m_temp.clear();
    m_tempGuard.release();
}

}  // namespace fp
