#pragma once

#include <string>

#include "core/export/export_settings.h"
#include "core/util/result.h"
#include "ui/panel.h"

namespace fp {

/// How the app's last still export went, shown by the dialog (set by the app after it exported).
struct ImageExportStatus {
    std::string error;     ///< why the last export failed, empty otherwise
    std::string written;   ///< the file of the last export that succeeded, empty otherwise
    std::string progress;  ///< what a running export does now ("Writing F"); empty when none runs
};

/// File > Export image… (Ctrl+E): size preset or custom size (up to kMaxExportSidePx a side), DPI, format
/// (PNG, JPEG with quality, GeoTIFF, GeoPDF, PNG + world file), the furniture parts and their texts, and the
/// output path (remembered in ExportSettings::lastImagePath). Asks before replacing an existing file; Export
/// emits ExportImage; errors stay in the dialog, and closing it never changes the map.
class ImageExportDialog : public Panel {
public:
    ImageExportDialog() { m_open = false; }
    const char* title() const override { return "Export image"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// Opens the dialog, keeping what was typed before.
    void open();
    void setStatus(ImageExportStatus status) { m_status = std::move(status); }
    const ImageExportStatus& status() const { return m_status; }
    const ExportSettings& exportSettings() const { return m_settings; }
    ExportSettings& exportSettings() { return m_settings; }

    /// The form as a command, or what is wrong with it (naming the field). Used by Export and by tests.
    Result<ExportImage> request() const;
    /// Asks for the export as the Export button does: emits the command, or starts asking before replacing
    /// an existing file (answered by the Replace button).
    void submit(CommandList& out);
    bool confirmingOverwrite() const { return m_confirmOverwrite; }

    std::string output;      ///< as typed
    bool worldFile = false;  ///< with a .png: also a .pgw world file and a .prj

private:
    ExportSettings m_settings;
    ImageExportStatus m_status;
    bool m_confirmOverwrite = false;
    bool m_appearing = false;
};

}  // namespace fp
