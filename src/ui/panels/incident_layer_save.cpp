#include "ui/panels/incident_layer_save.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cctype>
#include <filesystem>

#include "core/io/incidents/incident_write_back.h"
#include "core/util/secrets.h"

namespace fs = std::filesystem;

namespace fp {

namespace {

void tooltip(const std::string& text) {
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
}

}  // namespace

std::string defaultSaveAsPath(const IncidentLayer& layer) {
    std::string stem;
    for (char c : layer.name) stem += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
    if (layer.source.empty() || isDatabaseSource(layer.source)) return stem + ".gpkg";
    const fs::path source(layer.source);
    return (source.parent_path() / (source.stem().string() + "-edited.gpkg")).string();
}

void IncidentLayerSaveButtons::draw(const IncidentLayer& layer, float scale, CommandList& out) {
    const bool unsaved = hasUnsavedEdits(layer);
    const std::string problem = writeBackProblem(layer.source, layer.loadOptions, layer.format);
    if (unsaved && problem.empty()) {
        if (ImGui::SmallButton("Save edits")) out.push_back(SaveIncidentLayer{layer.id, {}, false});
        tooltip("Write the edits back into " + layer.source);
        ImGui::SameLine();
    }
    if (ImGui::SmallButton("Save as\xE2\x80\xA6")) {
        m_path = defaultSaveAsPath(layer);
        m_pathFor = layer.id;
        m_replace = false;
        ImGui::OpenPopup("##saveAs");
    }
    tooltip(problem.empty() || !unsaved ? "Save these incidents as a new GeoPackage, CSV or GeoJSON file"
                                        : problem + ": save the edits as a new file");
    ImGui::SameLine();
    if (ImGui::SmallButton("Copy to own layer")) out.push_back(CopyIncidentsToOwnLayer{layer.id, {}});
    tooltip("Copy every incident into a new layer of your own, to edit them");
    if (ImGui::BeginPopup("##saveAs")) {
        ImGui::TextUnformatted("Save incidents as (.gpkg, .csv or .geojson):");
        ImGui::SetNextItemWidth(420.f * scale);
        const bool entered = ImGui::InputText("##path", &m_path, ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::Checkbox("Replace the file if it exists", &m_replace);
        if ((ImGui::Button("Save") || entered) && m_pathFor == layer.id && !m_path.empty()) {
            out.push_back(SaveIncidentLayer{layer.id, m_path, m_replace});
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

}  // namespace fp
