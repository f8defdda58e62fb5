#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"
#include "core/util/temp_files.h"

namespace fp {

/// Writes an animation's frames as numbered image files into a folder, all or nothing: the files go into a
/// hidden temporary folder beside the target, which is renamed to the target by finish(). cancel(), a
/// failure or destruction before finish() removes the temporary folder, leaving the target as it was.
/// Besides frame_00001.png, frame_00002.png, ... finish() writes frames.csv (frame,file,date).
class FrameFolderWriter {
public:
    /// Checks that the target can be written: its parent folder exists and is writable, and the target is
    /// new, an empty folder, or a folder holding only a previous export (frame_*.png and frames.csv), which
    /// finish() replaces. Anything else in it is an InvalidArgument error: Flashpoint never deletes files it
    /// did not write.
    static Status checkTarget(const std::string& dir);
    /// checkTarget, then creates the temporary folder.
    static Result<FrameFolderWriter> start(const std::string& dir);
    FrameFolderWriter(FrameFolderWriter&& other) noexcept;
    FrameFolderWriter& operator=(FrameFolderWriter&&) = delete;
    ~FrameFolderWriter();

    /// Writes the next frame's encoded bytes as frame_NNNNN.<extension> and remembers its date label for
    /// frames.csv. An IoError names the file (disk full, ...); the caller should then cancel().
    Status addFrame(std::string_view encoded, const std::string& dateLabel, const char* extension = "png");
    /// Writes frames.csv and moves the folder into place (replacing a previous export there).
    Status finish();
    /// Removes the temporary folder and everything in it. Safe to call more than once.
    void cancel();

    const std::string& target() const { return m_target; }
    size_t framesWritten() const { return m_labels.size(); }
    /// The name of frame `index` (0-based): frame_00001.png for 0.
    static std::string frameName(size_t index, const char* extension = "png");

private:
    FrameFolderWriter() = default;
    std::string m_target;
    std::string m_temp;         // empty once finished or cancelled
    TempPathGuard m_tempGuard;  // removes m_temp if a signal ends the process first
    std::vector<std::string> m_files;
    std::vector<std::string> m_labels;
};

}  // namespace fp
