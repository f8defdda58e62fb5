#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"
#include "core/util/temp_files.h"

namespace fp {

/// A video container and codec the `ffmpeg` program writes for an animation.
enum class VideoFormat : uint8_t {
    Mp4,  ///< H.264 (libx264, yuv420p, even sizes only), moov atom first (+faststart) for streaming
    Gif,  ///< one palette for the whole animation: frames kept losslessly on disk (PNG), then mapped to it
};

/// What VideoEncoder::start writes.
struct VideoEncoderOptions {
    std::string outputPath;  ///< the final file; replaced only when finish() succeeds
    VideoFormat format = VideoFormat::Mp4;
    int width = 0;   ///< pixels; even for Mp4
    int height = 0;  ///< pixels; even for Mp4
    int fps = 4;     ///< frames per second, 1..60
    /// The program to run, looked up on PATH like a shell would (posix_spawnp); tests change it to check
    /// what happens when it is missing or fails.
    std::string program = "ffmpeg";
};

/// Checks the options before any work: the sizes (even for MP4) and the frame rate, naming what is wrong
/// (InvalidArgument), and that the output folder exists and is writable (NotFound / PermissionDenied).
Status checkVideoOptions(const VideoEncoderOptions& options);

/// The arguments (without the program name) that make ffmpeg read raw RGBA frames from its stdin and write
/// `options.format` to `tempPath`; for a GIF, the first of two passes, which writes the frames losslessly to
/// gifFramesPath() and their one palette to gifPalettePath() (memory does not grow with the frames).
std::vector<std::string> ffmpegArguments(const VideoEncoderOptions& options, const std::string& tempPath);
/// The GIF's second pass: maps the stored frames to the palette and writes the GIF to `tempPath`.
std::vector<std::string> gifPassArguments(const std::string& tempPath);
/// Where the first GIF pass keeps the frames and the palette: hidden files beside `tempPath`.
std::string gifFramesPath(const std::string& tempPath);
std::string gifPalettePath(const std::string& tempPath);

/// Encodes raw RGBA frames to MP4 or GIF by piping them to an `ffmpeg` child process (spawned directly,
/// never through a shell). ffmpeg writes a hidden temporary file in the output folder, renamed over the
/// output when finish() succeeds; on cancel(), on failure and on destruction before finish() the child is
/// killed and reaped and the temporary file removed, so no half-written video is ever left behind.
/// SIGPIPE is ignored process-wide from the first start() on, so a dying ffmpeg is an error, not a crash.
class VideoEncoder {
public:
    /// Checks the options (see checkVideoOptions) and starts ffmpeg. A missing program is a NotFound error
    /// naming it and how to install it. ffmpeg dies with the calling thread (PR_SET_PDEATHSIG), also when the
    /// process is killed with SIGKILL: call it from a thread that outlives the encoder (the main thread).
    static Result<std::unique_ptr<VideoEncoder>> start(const VideoEncoderOptions& options);
    ~VideoEncoder();
    VideoEncoder(const VideoEncoder&) = delete;
    VideoEncoder& operator=(const VideoEncoder&) = delete;

    /// Sends one frame: width * height * 4 bytes, rows top to bottom. Blocks while ffmpeg is busy. On failure
    /// (ffmpeg exited, wrong size) the encoder is cancelled and the Error carries the end of ffmpeg's log.
    Status addFrame(std::string_view rgba);
    /// Ends the input, waits for ffmpeg and renames the file into place. Fails (and cleans up) when ffmpeg
    /// fails, with the end of its log in the message, or when no frame was sent.
    Status finish();
    /// Kills ffmpeg, reaps it and removes the temporary file. Safe to call more than once.
    void cancel();

    int framesSent() const { return m_frames; }
    const VideoEncoderOptions& options() const { return m_options; }

private:
    VideoEncoder() = default;
    /// Closes our end of the pipe, waits for the child and returns its exit status (-1 when killed).
    int reap();
    /// The GIF's second pass (gifPassArguments), run to its end; its exit status (-1 when killed or not run).
    int runGifPass();
    /// Removes the GIF's frames and palette files.
    void removePassFiles();
    std::string logTail() const;
    Error failure(const std::string& what);

    VideoEncoderOptions m_options;
    std::string m_tempPath;
    TempPathGuard m_tempGuard;      // removes m_tempPath if a signal ends the process first
    TempPathGuard m_passGuards[2];  // and the GIF's frames and palette files
    std::string m_programFile;      // the program found on PATH
    pid_t m_pid = -1;
    int m_stdin = -1;   // write end of ffmpeg's stdin
    int m_stderr = -1;  // an unlinked temporary file ffmpeg's stderr goes to (a pipe could fill and block)
    int m_frames = 0;
    bool m_done = false;
};

}  // namespace fp
