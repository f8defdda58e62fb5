#include "core/export/video_encoder.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "core/export/export_limits.h"
#include "core/util/atomic_file.h"

extern char** environ;

namespace fs = std::filesystem;

namespace fp {

namespace {

constexpr int kMaxVideoSide = kMaxExportSidePx;

const char* formatName(VideoFormat f) {
    return f == VideoFormat::Mp4 ? "mp4" : "gif";
}

std::string sizeText(int w, int h) {
    return std::to_string(w) + "x" + std::to_string(h);
}

/// Ignoring SIGPIPE turns a write to a dead ffmpeg into EPIPE, which addFrame reports.
void ignoreSigpipeOnce() {
    static const bool done = [] {
        struct sigaction sa {};
        sa.sa_handler = SIG_IGN;
        sigemptyset(&sa.sa_mask);
        return ::sigaction(SIGPIPE, &sa, nullptr) == 0;
    }();
    (void)done;
}

/// The file exec would run for `program`: itself when it names a path, else the first executable of that
/// name on PATH; empty when there is none. Resolved before fork, so that the child only calls execve.
std::string findProgram(const std::string& program) {
    if (program.empty()) return {};
    if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0 ? program : "";
    const char* path = std::getenv("PATH");
    std::string dirs = path && *path ? path : "/usr/local/bin:/usr/bin:/bin";
    size_t begin = 0;
    while (begin <= dirs.size()) {
        const size_t end = std::min(dirs.find(':', begin), dirs.size());
        const std::string dir = end > begin ? dirs.substr(begin, end - begin) : ".";
        const std::string candidate = dir + "/" + program;
        struct stat st {};
        if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
            ::access(candidate.c_str(), X_OK) == 0)
            return candidate;
        begin = end + 1;
    }
    return {};
}

/// argv for execve: the program's name, then `args`, then NULL; points into the strings given.
std::vector<char*> argvOf(const std::string& program, const std::vector<std::string>& args) {
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    return argv;
}

/// Starts `file` (a resolved path) with `argv`, its stdin from `stdinFd` (/dev/null when < 0), stdout to
/// /dev/null and stderr to `stderrFd`.
Result<pid_t> spawnChild(const std::string& file, const std::vector<char*>& argv, int stdinFd, int stderrFd) {
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0) {
        // The child: only async-signal-safe calls until exec. It dies with us (SIGKILL when the parent
        // thread ends, even by kill -9), runs in its own process group so that a Ctrl+C in the terminal
        // reaches only us, and gets the default SIGPIPE that we ignore.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        ::setpgid(0, 0);
        ::signal(SIGPIPE, SIG_DFL);
        const int devNull = ::open("/dev/null", O_RDWR);
        if (::dup2(stdinFd >= 0 ? stdinFd : devNull, STDIN_FILENO) < 0 || devNull < 0 ||
            ::dup2(devNull, STDOUT_FILENO) < 0 || ::dup2(stderrFd, STDERR_FILENO) < 0)
            ::_exit(127);
        ::execve(file.c_str(), argv.data(), environ);
        ::_exit(127);
    }
    if (pid < 0)
        return makeError(ErrorCode::IoError, file,
                         std::string("cannot start the program: ") + std::strerror(errno));
    return pid;
}

}  // namespace

Status checkVideoOptions(const VideoEncoderOptions& o) {
    const std::string size = sizeText(o.width, o.height);
    if (o.width < 1 || o.height < 1 || o.width > kMaxVideoSide || o.height > kMaxVideoSide)
        return makeError(ErrorCode::InvalidArgument, size,
                         "video size must be 1.." + std::to_string(kMaxVideoSide) + " pixels a side");
    if (o.format == VideoFormat::Mp4 && (o.width % 2 != 0 || o.height % 2 != 0))
        return makeError(ErrorCode::InvalidArgument, size,
                         "MP4 (H.264, yuv420p) needs an even width and height, e.g. " +
                             sizeText(o.width + o.width % 2, o.height + o.height % 2));
    if (o.fps < 1 || o.fps > 60)
        return makeError(ErrorCode::InvalidArgument, std::to_string(o.fps),
                         "frame rate must be 1..60 frames per second");
    return checkWritableOutput(o.outputPath);
}

std::vector<std::string> ffmpegArguments(const VideoEncoderOptions& o, const std::string& tempPath) {
    std::vector<std::string> args = {"-hide_banner",
                                     "-nostats",
                                     "-loglevel",
                                     "error",
                                     "-y",
                                     "-f",
                                     "rawvideo",
                                     "-pix_fmt",
                                     "rgba",
                                     "-s",
                                     sizeText(o.width, o.height),
                                     "-r",
                                     std::to_string(o.fps),
                                     "-i",
                                     "-",
                                     "-an"};
    if (o.format == VideoFormat::Gif) {
        // One palette for all frames keeps colours steady across the animation. The palette is known only
        // after the last frame, so this pass stores the frames losslessly (PNG in Matroska: FFV1 needs
        // 750 MB at 2048x2048) on disk beside the palette, instead of holding every frame in memory until the
        // end; gifPassArguments() then maps them.
        for (const char* a : {"-map", "0:v", "-c:v", "png", "-f", "matroska"}) args.emplace_back(a);
        args.push_back(gifFramesPath(tempPath));
        for (const char* a : {"-map", "0:v", "-vf", "palettegen=reserve_transparent=0:stats_mode=full",
                              "-frames:v", "1", "-c:v", "png", "-f", "image2"})
            args.emplace_back(a);
        args.push_back(gifPalettePath(tempPath));
        return args;
    }
    for (const char* a : {"-c:v", "libx264", "-preset", "fast", "-crf", "20", "-pix_fmt", "yuv420p",
                          "-movflags", "+faststart"})
        args.emplace_back(a);
    args.emplace_back("-f");
    args.emplace_back(formatName(o.format));
    args.push_back(tempPath);
    return args;
}

std::string gifFramesPath(const std::string& tempPath) {
    return tempPath + ".frames.mkv";
}

std::string gifPalettePath(const std::string& tempPath) {
    return tempPath + ".palette.png";
}

std::vector<std::string> gifPassArguments(const std::string& tempPath) {
    // No dithering: its noise would speckle the flat fills of a map.
    return {"-hide_banner",
            "-nostats",
            "-loglevel",
            "error",
            "-y",
            "-i",
            gifFramesPath(tempPath),
            "-i",
            gifPalettePath(tempPath),
            "-lavfi",
            "[0:v][1:v]paletteuse=dither=none",
            "-f",
            "gif",
            tempPath};
}

Result<std::unique_ptr<VideoEncoder>> VideoEncoder::start(const VideoEncoderOptions& options) {
    if (Status s = checkVideoOptions(options); !s) return s.error();
    ignoreSigpipeOnce();
    std::unique_ptr<VideoEncoder> enc(new VideoEncoder());
    enc->m_options = options;

    const fs::path out(options.outputPath);
    const fs::path dir = out.parent_path().empty() ? fs::path(".") : out.parent_path();
    const std::string suffix = std::string(".") + formatName(options.format);
    removeStaleTempSiblings(options.outputPath);  // what a killed earlier export to this file left
    std::string tmpl = (dir / ("." + out.filename().string() + ".XXXXXX" + suffix)).string();
    const int tmpFd = ::mkstemps(tmpl.data(), static_cast<int>(suffix.size()));
    if (tmpFd < 0)
        return makeError(ErrorCode::IoError, options.outputPath,
                         std::string("cannot create a temporary file: ") + std::strerror(errno));
    ::close(tmpFd);
    enc->m_tempPath = tmpl;  // from here on the destructor removes it
    enc->m_tempGuard = TempPathGuard(tmpl);
    if (options.format == VideoFormat::Gif) {
        enc->m_passGuards[0] = TempPathGuard(gifFramesPath(tmpl));
        enc->m_passGuards[1] = TempPathGuard(gifPalettePath(tmpl));
    }

    enc->m_stderr = ::memfd_create("ffmpeg-log", MFD_CLOEXEC);
    int pipeFds[2];
    if (enc->m_stderr < 0 || ::pipe2(pipeFds, O_CLOEXEC) != 0)
        return makeError(ErrorCode::IoError, options.program,
                         std::string("cannot create pipes: ") + std::strerror(errno));
    enc->m_stdin = pipeFds[1];

    const std::vector<std::string> args = ffmpegArguments(options, enc->m_tempPath);
    const std::vector<char*> argv = argvOf(options.program, args);

    const std::string program = findProgram(options.program);
    if (program.empty()) {
        ::close(pipeFds[0]);
        return makeError(ErrorCode::NotFound, options.program,
                         "program not found on PATH; MP4 and GIF export needs it (Debian/Ubuntu: "
                         "apt-get install ffmpeg), or export PNG frames to a folder instead");
    }
    auto pid = spawnChild(program, argv, pipeFds[0], enc->m_stderr);
    ::close(pipeFds[0]);
    if (!pid) return makeError(pid.error().code, options.program, pid.error().message);
    enc->m_pid = pid.value();
    enc->m_programFile = program;
    return enc;
}

VideoEncoder::~VideoEncoder() {
    cancel();
    if (m_stderr >= 0) ::close(m_stderr);
}

Status VideoEncoder::addFrame(std::string_view rgba) {
    if (m_done) return makeError(ErrorCode::Internal, m_options.outputPath, "the encoder has ended");
    const size_t expected = static_cast<size_t>(m_options.width) * m_options.height * 4;
    if (rgba.size() != expected) {
        cancel();
        return makeError(ErrorCode::InvalidArgument, m_options.outputPath,
                         "frame of " + std::to_string(rgba.size()) + " bytes, expected " +
                             std::to_string(expected) + " for " +
                             sizeText(m_options.width, m_options.height));
    }
    size_t done = 0;
    while (done < rgba.size()) {
        const ssize_t n = ::write(m_stdin, rgba.data() + done, rgba.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return failure(std::string(m_options.program) + " stopped reading frames (" +
                           std::strerror(errno) + ")");
        }
        done += static_cast<size_t>(n);
    }
    ++m_frames;
    return {};
}

Status VideoEncoder::finish() {
    if (m_done) return makeError(ErrorCode::Internal, m_options.outputPath, "the encoder has ended");
    if (m_frames == 0) {
        cancel();
        return makeError(ErrorCode::InvalidArgument, m_options.outputPath, "no frames to encode");
    }
    int code = reap();
    if (code == 0 && m_options.format == VideoFormat::Gif) code = runGifPass();
    if (code != 0)
        return failure(m_options.program +
                       (code < 0 ? " was killed" : " failed with exit code " + std::to_string(code)));
    removePassFiles();
    // mkstemps created the file private (0600); a video should get the usual permissions.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(m_tempPath.c_str(), 0666 & ~mask);
    if (::rename(m_tempPath.c_str(), m_options.outputPath.c_str()) != 0)
        return failure(std::string("could not move the video into place: ") + std::strerror(errno));
    m_tempPath.clear();
    m_tempGuard.release();
    m_done = true;
    return {};
}

int VideoEncoder::runGifPass() {
    const std::vector<std::string> args = gifPassArguments(m_tempPath);
    auto pid = spawnChild(m_programFile, argvOf(m_options.program, args), -1, m_stderr);
    if (!pid) return -1;
    m_pid = pid.value();
    return reap();
}

void VideoEncoder::removePassFiles() {
    if (m_options.format != VideoFormat::Gif || m_tempPath.empty()) return;
    ::unlink(gifFramesPath(m_tempPath).c_str());
    ::unlink(gifPalettePath(m_tempPath).c_str());
    for (TempPathGuard& guard : m_passGuards) guard.release();
}

void VideoEncoder::cancel() {
    if (m_pid > 0) ::kill(m_pid, SIGKILL);
    reap();
    removePassFiles();
    if (!m_tempPath.empty()) ::unlink(m_tempPath.c_str());
    m_tempPath.clear();
    m_tempGuard.release();
    m_done = true;
}

int VideoEncoder::reap() {
    if (m_stdin >= 0) ::close(m_stdin);
    m_stdin = -1;
    if (m_pid <= 0) return -1;
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string VideoEncoder::logTail() const {
    if (m_stderr < 0) return {};
    struct stat st {};
    if (::fstat(m_stderr, &st) != 0 || st.st_size <= 0) return {};
    constexpr off_t kTail = 600;
    const off_t from = std::max<off_t>(0, st.st_size - kTail);
    std::string text(static_cast<size_t>(st.st_size - from), '\0');
    const ssize_t n = ::pread(m_stderr, text.data(), text.size(), from);
    text.resize(n > 0 ? static_cast<size_t>(n) : 0);
    // One line for the user: the log's last lines joined, control characters dropped.
    std::string line;
    for (char c : text) {
        if (c == '\n' || c == '\r') {
            if (!line.empty() && line.back() != ' ') line += "; ";
        } else if (static_cast<unsigned char>(c) >= 0x20) {
            line += c;
        }
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == ';')) line.pop_back();
    return line;
}

Error VideoEncoder::failure(const std::string& what) {
    cancel();  // reaps first, so that the log is complete
    const std::string tail = logTail();
    return makeError(ErrorCode::IoError, m_options.outputPath,
                     what + (tail.empty() ? std::string() : ": " + tail));
}

}  // namespace fp
