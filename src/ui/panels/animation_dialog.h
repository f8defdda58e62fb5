#pragma once

#include <string>

#include "core/export/export_settings.h"
#include "core/util/result.h"
#include "ui/panel.h"

namespace fp {

/// How the app's animation job is doing, shown by the dialog (set by the app before each UI frame).
struct AnimationExportStatus {
    bool running = false;
    size_t framesDone = 0;
    size_t frameCount = 0;
    std::string dateLabel;   ///< the date of the last rendered frame
    std::string error;       ///< why the last export failed, empty otherwise
    std::string written;     ///< the output of the last export that finished, empty otherwise
    bool cancelled = false;  ///< the last export was cancelled (nothing was written)
};

/// File > Export animation…: output path (.mp4, .gif or a folder of PNG frames), first and last date, step,
/// window, fade, ghosts, frame rate and size, defaulting to the data's time range and the current playback
/// and time settings. Validates as the user types (frame count and length, or what is wrong); asks before
/// replacing an existing output; Export emits ExportAnimation. While the app renders, shows a progress bar
/// with the frame and its date, and Cancel (CancelAnimationExport); errors stay in the dialog.
class AnimationDialog : public Panel {
public:
    AnimationDialog() { m_open = false; }
    const char* title() const override { return "Export animation"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// Opens the dialog with defaults from `state` (data time range, playback step, time window, fade and
    /// ghosts) and from the export settings (fps, size, last output path). Keeps what the user typed when
    /// it was opened before on the same data.
    void open(const MapState& state);
    void setStatus(AnimationExportStatus status) { m_status = std::move(status); }
    const AnimationExportStatus& status() const { return m_status; }
    /// Frame rate, size and the remembered output path (ExportSettings::lastAnimationPath).
    const ExportSettings& exportSettings() const { return m_settings; }
    void setExportSettings(const ExportSettings& settings) { m_settings = settings; }

    /// The form as a command, or what is wrong with it (naming the field). Used by Export and by tests.
    Result<ExportAnimation> request() const;
    /// Frames the form asks for, 0 when it is invalid.
    size_t frameCount() const;

    // The form's fields, as typed (tests set them directly).
    std::string output;
    std::string from;
    std::string to;
    std::string step = "1d";
    std::string window = "1w";  ///< 12h, 7d, 1w, 1m, cumulative or all
    bool fade = false;
    bool ghosts = false;

    /// True while asking whether to replace an existing output.
    bool confirmingOverwrite() const { return m_confirmOverwrite; }

private:
    void drawForm(const UiContext& ctx, CommandList& out);
    void drawProgress(const UiContext& ctx, CommandList& out);

    ExportSettings m_settings;
    AnimationExportStatus m_status;
    TimeSpan m_initialisedFor{};  // the data range the defaults were taken from
    bool m_initialised = false;
    bool m_confirmOverwrite = false;
    bool m_appearing = false;
};

/// "7d", "1w", "1m", "12h", "cumulative", "all": the text parseWindowLength reads back to `spec`.
std::string formatWindowLength(const TimeWindowSpec& spec);

}  // namespace fp
