#include "ui/panels/geocoded_copy_dialog.h"

#include <imgui.h>

#include <filesystem>

#include "core/io/incidents/geocoded_copy.h"
#include "ui/widgets.h"

namespace fp {

namespace {

std::string lowerExtension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

/// "2 rows still held (1 ambiguous, 1 unmatched, 0 skipped) are written without coordinates", from the
/// layer's review list; empty when the layer has no held rows.
std::string heldText(const MapState& state, uint64_t layerId) {
    for (const auto& review : state.geocodeReviews().layers()) {
        if (review.layerId != layerId) continue;
        size_t ambiguous = 0, unmatched = 0, skipped = 0;
        for (const auto& row : review.summary.pending) {
            if (row.skipped)
                ++skipped;
            else
                ++(row.result.outcome == GeocodeOutcome::Ambiguous ? ambiguous : unmatched);
        }
        const size_t held = review.summary.pending.size();
        const size_t resolved = review.summary.ambiguous + review.summary.unmatched - held;
        return std::to_string(review.summary.geocoded) + " rows geocoded on load, " +
               std::to_string(resolved) + " resolved in review. " + std::to_string(held) + " still held (" +
               std::to_string(ambiguous) + " ambiguous, " + std::to_string(unmatched) + " unmatched, " +
               std::to_string(skipped) + " skipped) are written without coordinates.";
    }
    return "Every place name of this layer was matched.";
}

}  // namespace

void GeocodedCopyDialog::open(uint64_t layerId, std::string layerName, std::string source) {
    const bool sameLayer = m_open && layerId == m_layerId;
    m_open = true;
    m_appearing = true;
    m_confirm = Confirm::None;
    m_error.clear();
    if (sameLayer) return;
    m_layerId = layerId;
    m_layerName = std::move(layerName);
    m_source = std::move(source);
    output = defaultGeocodedCopyPath(m_source, "csv");
}

void GeocodedCopyDialog::finished(const Status& status) {
    m_confirm = Confirm::None;
    if (status.ok()) {
        m_error.clear();
        m_open = false;
    } else {
        m_error = status.error().describe();
    }
}

Result<SaveGeocodedCopy> GeocodedCopyDialog::request() const {
    if (output.empty()) return makeError(ErrorCode::InvalidArgument, "Output", "give a file name");
    const std::string ext = lowerExtension(output);
    if (ext != ".csv" && ext != ".gpkg")
        return makeError(ErrorCode::InvalidArgument, "Output",
                         (ext.empty() ? std::string("no extension") : "unknown extension '" + ext + "'") +
                             ": use .csv or .gpkg (GeoPackage)");
    const std::filesystem::path parent = std::filesystem::path(output).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
        return makeError(ErrorCode::NotFound, "Output", "folder " + parent.string() + " does not exist");
    return SaveGeocodedCopy{m_layerId, output, false, false};
}

void GeocodedCopyDialog::submit(CommandList& out) {
    auto req = request();
    if (!req) return;
    std::error_code ec;
    if (sameFile(output, m_source)) {
        m_confirm = Confirm::OverwriteSource;
        return;
    }
    if (std::filesystem::exists(output, ec)) {
        m_confirm = Confirm::Replace;
        return;
    }
    m_error.clear();
    out.push_back(std::move(req).value());
}

void GeocodedCopyDialog::answer(bool yes, CommandList& out) {
    const Confirm asked = m_confirm;
    m_confirm = Confirm::None;
    if (!yes || asked == Confirm::None) return;
    auto req = request();
    if (!req) return;
    req.value().replaceExisting = true;
    req.value().overwriteSource = asked == Confirm::OverwriteSource;
    m_error.clear();
    out.push_back(std::move(req).value());
}

// Longer than a page on purpose: one form read top to bottom (output, format, overwrite, summary, buttons).
void GeocodedCopyDialog::draw(const UiContext& ctx, CommandList& out) {
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
    ImGui::Text("Layer: %s", m_layerName.c_str());
    ImGui::TextDisabled("Source: %s", m_source.c_str());
    ImGui::PushTextWrapPos(440.f * s);
    ImGui::TextUnformatted(heldText(ctx.state, m_layerId).c_str());
    ImGui::TextDisabled(
        "Every row and column of the source is kept; added columns say how each row was located.");
    ImGui::PopTextWrapPos();
    ImGui::Separator();
    ImGui::SetNextItemWidth(360.f * s);
    inputText("Output", output);
    itemTooltip(".csv (text, with lon/lat columns) or .gpkg (GeoPackage, points in EPSG:4326)");
    ImGui::SameLine();
    const bool gpkg = lowerExtension(output) == ".gpkg";
    if (ImGui::SmallButton(gpkg ? "Use CSV" : "Use GeoPackage"))
        output = std::filesystem::path(output).replace_extension(gpkg ? ".csv" : ".gpkg").string();

    auto req = request();
    if (!req) {
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Warning, ctx.theme));
        ImGui::TextWrapped("%s", req.error().describe().c_str());
        ImGui::PopStyleColor();
    }
    if (!m_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Error, ctx.theme));
        ImGui::PushTextWrapPos(440.f * s);
        ImGui::TextWrapped("Not saved: %s", m_error.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    if (m_busy) ImGui::TextDisabled("Writing the copy\xE2\x80\xA6");
    ImGui::BeginDisabled(!req || m_busy);
    if (ImGui::Button("Save")) submit(out);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Close")) open = false;

    const char* replaceId = "Replace file?";
    const char* sourceId = "Overwrite the original source?";
    if (m_confirm == Confirm::Replace && !ImGui::IsPopupOpen(replaceId)) ImGui::OpenPopup(replaceId);
    if (m_confirm == Confirm::OverwriteSource && !ImGui::IsPopupOpen(sourceId)) ImGui::OpenPopup(sourceId);
    // Over the middle of the window, where the eye is (ImGui would put a modal at the screen's top left).
    centreNextWindow();
    if (ImGui::BeginPopupModal(replaceId, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::Text("%s already exists.", output.c_str());
        ImGui::TextUnformatted("Replace it with the geocoded copy?");
        if (ImGui::Button("Replace")) {
            answer(true, out);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Keep it") || m_confirm != Confirm::Replace) {
            answer(false, out);
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    centreNextWindow();
    if (ImGui::BeginPopupModal(sourceId, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Error, ctx.theme));
        ImGui::Text("%s is the original source of this layer.", output.c_str());
        ImGui::PopStyleColor();
        ImGui::PushTextWrapPos(440.f * s);
        ImGui::TextUnformatted(
            "Writing the copy over it replaces the original file: its rows are kept, but columns are added "
            "and coordinates filled in. This cannot be undone. Save under another name unless you are sure.");
        ImGui::PopTextWrapPos();
        if (ImGui::Button("Overwrite the original")) {
            answer(true, out);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel") || m_confirm != Confirm::OverwriteSource) {
            answer(false, out);
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    ImGui::End();
    if (!open) m_open = false;
}

}  // namespace fp
