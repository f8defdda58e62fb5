#include "ui/panels/image_export_dialog.h"

#include <imgui.h>

#include <algorithm>
#include <filesystem>
#include <iterator>

#include "core/export/export_limits.h"
#include "ui/widgets.h"

namespace fp {

namespace {

const SizePreset kPresets[] = {{"1920 x 1080 (HD)", 1920, 1080, 96.0},
                               {"3840 x 2160 (4K)", 3840, 2160, 192.0},
                               {"A4 landscape, 300 dpi (3508 x 2480)", 3508, 2480, 300.0}};

}  // namespace

void ImageExportDialog::open() {
    m_open = true;
    m_appearing = true;
    m_confirmOverwrite = false;
    if (output.empty()) output = m_settings.lastImagePath.empty() ? "briefing.png" : m_settings.lastImagePath;
}

Result<ExportImage> ImageExportDialog::request() const {
    ExportImage r;
    r.settings = m_settings;
    r.outputPath = output;
    if (output.empty()) return makeError(ErrorCode::InvalidArgument, "Output", "give a file name");
    auto format = imageFormatForPath(output, worldFile);
    if (!format) return makeError(ErrorCode::InvalidArgument, "Output", format.error().message);
    r.settings.format = format.value();
    if (worldFile && r.settings.format != ImageFormat::PngWorldFile)
        return makeError(ErrorCode::InvalidArgument, "World file", "needs a .png output");
    if (Status size = validateExportSize(r.settings.widthPx, r.settings.heightPx); !size)
        return makeError(
            ErrorCode::InvalidArgument, "Size",
            size.error().source + " is not 1.." + std::to_string(kMaxExportSidePx) + " pixels a side");
    if (!(r.settings.dpi >= kMinExportDpi && r.settings.dpi <= kMaxExportDpi))
        return makeError(ErrorCode::InvalidArgument, "DPI",
                         "must be " + std::to_string(static_cast<int>(kMinExportDpi)) + ".." +
                             std::to_string(static_cast<int>(kMaxExportDpi)));
    const std::filesystem::path parent = std::filesystem::path(output).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
        return makeError(ErrorCode::NotFound, "Output", "folder " + parent.string() + " does not exist");
    return r;
}

void ImageExportDialog::submit(CommandList& out) {
    auto req = request();
    if (!req) return;
    std::error_code ec;
    if (!m_confirmOverwrite && std::filesystem::exists(req->outputPath, ec)) {
        m_confirmOverwrite = true;
        return;
    }
    m_confirmOverwrite = false;
    m_settings.lastImagePath = req->outputPath;
    m_status = {};
    out.push_back(std::move(req).value());
}

namespace {

/// The furniture check boxes and texts (title, subtitle, banner, legend, scale bar, ...), `scale` the UI
/// scale.
void drawFurnitureChoices(MapFurniture& f, float scale) {
    const float s = scale;
    ImGui::Separator();
    ImGui::TextDisabled("Furniture");
    ImGui::Checkbox("Title", &f.title);
    ImGui::SameLine(120.f * s);
    ImGui::SetNextItemWidth(240.f * s);
    inputText("##title", f.titleText);
    itemTooltip(
        "Empty: the project's name; an unsaved project showing an area away from its own takes the names of "
        "the incident layers shown");
    ImGui::Checkbox("Subtitle", &f.subtitle);
    ImGui::SameLine(120.f * s);
    ImGui::SetNextItemWidth(240.f * s);
    inputText("##subtitle", f.subtitleText);
    itemTooltip("Empty: the time window's date range");
    ImGui::Checkbox("Banner", &f.banner);
    ImGui::SameLine(120.f * s);
    ImGui::SetNextItemWidth(240.f * s);
    inputText("##banner", f.bannerText);
    itemTooltip("Caveat or classification, at the top and bottom");
    ImGui::Checkbox("Legend", &f.legend);
    ImGui::SameLine(120.f * s);
    ImGui::Checkbox("Scale bar", &f.scaleBar);
    ImGui::SameLine(240.f * s);
    ImGui::Checkbox("North arrow", &f.northArrow);
    ImGui::Checkbox("Time stamp", &f.timestamp);
    ImGui::SameLine(120.f * s);
    ImGui::Checkbox("Attribution", &f.attribution);
    ImGui::SameLine(240.f * s);
    ImGui::Checkbox("Inset map", &f.inset);
}

}  // namespace

void ImageExportDialog::draw(const UiContext& ctx, CommandList& out) {
    if (!m_open) return;
    const float s = ctx.scale;
    centreNextDialog(m_appearing);
    bool open = true;
    if (!ImGui::Begin(title(), &open,
                      ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                          ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    ImGui::BeginDisabled(m_confirmOverwrite);
    ImGui::SetNextItemWidth(320.f * s);
    inputText("Output", output);
    itemTooltip(
        ".png (default), .jpg (JPEG), .tif (GeoTIFF) or .pdf (GeoPDF); GeoTIFF and GeoPDF are georeferenced");
    const auto format = imageFormatForPath(output);
    if (format && format.value() == ImageFormat::Png)
        ImGui::Checkbox("Also a world file (.pgw) and .prj", &worldFile);
    if (format && format.value() == ImageFormat::Jpeg) {
        ImGui::SetNextItemWidth(200.f * s);
        ImGui::SliderInt("JPEG quality", &m_settings.jpegQuality, 1, 100);
    }

    sizePresetCombo(kPresets, m_settings, 320.f * s);
    int wh[2] = {m_settings.widthPx, m_settings.heightPx};
    ImGui::SetNextItemWidth(200.f * s);
    if (ImGui::InputInt2("Pixels", wh)) {
        m_settings.widthPx = wh[0];
        m_settings.heightPx = wh[1];
    }
    itemTooltip(("Custom size, up to " + std::to_string(kMaxExportSidePx) +
                 " a side (large images are drawn in tiles)")
                    .c_str());
    float dpi = static_cast<float>(m_settings.dpi);
    ImGui::SetNextItemWidth(200.f * s);
    if (ImGui::InputFloat("DPI", &dpi, 12.f, 48.f, "%.0f")) m_settings.dpi = dpi;
    itemTooltip("Labels, markers and furniture are sized for this resolution (96 = as on screen)");

    drawFurnitureChoices(m_settings.furniture, s);
    ImGui::EndDisabled();

    ImGui::Separator();
    auto req = request();
    if (!req) {
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Warning, ctx.theme));
        ImGui::TextWrapped("%s", req.error().describe().c_str());
        ImGui::PopStyleColor();
    }
    const bool busy = !m_status.progress.empty();
    if (busy) {
        // An export runs: say what it does, with cycling dots so a long write visibly lives.
        const int dots = 1 + static_cast<int>(ctx.time * 3.0) % 3;
        ImGui::TextUnformatted((m_status.progress + std::string(static_cast<size_t>(dots), '.')).c_str());
    } else if (!m_status.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Error, ctx.theme));
        ImGui::TextWrapped("Export failed: %s", m_status.error.c_str());
        ImGui::PopStyleColor();
    } else if (!m_status.written.empty()) {
        ImGui::TextWrapped("Wrote %s.", m_status.written.c_str());
    }
    if (m_confirmOverwrite) {
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Warning, ctx.theme));
        ImGui::TextWrapped("%s already exists. Replace it?", output.c_str());
        ImGui::PopStyleColor();
        if (ImGui::Button("Replace")) submit(out);
        ImGui::SameLine();
        if (ImGui::Button("Keep it")) m_confirmOverwrite = false;
    } else {
        ImGui::BeginDisabled(!req || busy);
        if (ImGui::Button("Export")) submit(out);
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Close")) open = false;
    }
    ImGui::End();
    if (!open) m_open = false;
}

}  // namespace fp
