#include "ui/panels/main_menu.h"

#include <imgui.h>

#include <string>

#include "ui/panels/crs_panel.h"

namespace fp {

namespace {

void panelItem(const char* label, PanelId id, const UiContext& ctx, CommandList& out) {
    const bool open = ctx.isOpen(id);
    if (ImGui::MenuItem(label, nullptr, open)) out.push_back(ShowPanel{id, !open, !open});
}

}  // namespace

void MainMenu::drawProjectItems(CommandList& out) {
    if (ImGui::MenuItem("New project")) out.push_back(NewProject{});
    if (ImGui::MenuItem("Open project\xE2\x80\xA6"))
        out.push_back(ShowProjectDialog{ProjectDialogKind::Open});
    const bool hasRecent = m_project && !m_project->recent.empty();
    if (ImGui::BeginMenu("Recent projects", hasRecent)) {
        for (const RecentProject& recent : m_project->recent) {
            // A moved or deleted file stays listed, greyed, so the user sees what went missing.
            if (ImGui::MenuItem(recent.path.c_str(), recent.exists ? nullptr : "missing", false,
                                recent.exists))
                out.push_back(OpenProject{recent.path});
        }
        ImGui::EndMenu();
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Save project", "Ctrl+S")) {
        if (m_project && !m_project->needsNewPath && !m_project->path.empty())
            out.push_back(SaveProject{});
        else
            out.push_back(ShowProjectDialog{ProjectDialogKind::SaveAs});
    }
    if (ImGui::MenuItem("Save project as\xE2\x80\xA6"))
        out.push_back(ShowProjectDialog{ProjectDialogKind::SaveAs});
}

void MainMenu::drawEditItems(CommandList& out) {
    const bool canUndo = m_project && !m_project->undoName.empty();
    const bool canRedo = m_project && !m_project->redoName.empty();
    const std::string undo = canUndo ? "Undo " + m_project->undoName : std::string("Undo");
    const std::string redo = canRedo ? "Redo " + m_project->redoName : std::string("Redo");
    if (ImGui::MenuItem(undo.c_str(), "Ctrl+Z", false, canUndo)) out.push_back(Undo{});
    if (ImGui::MenuItem(redo.c_str(), "Ctrl+Shift+Z", false, canRedo)) out.push_back(Redo{});
    ImGui::Separator();
    if (ImGui::MenuItem("Add incident on the map")) out.push_back(ArmAddIncident{true});
    if (ImGui::MenuItem("New incident layer")) out.push_back(NewIncidentLayer{});
}

void MainMenu::draw(const UiContext& ctx, CommandList& out) {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        drawProjectItems(out);
        ImGui::Separator();
        if (ImGui::MenuItem("Add layer\xE2\x80\xA6")) out.push_back(ShowPanel{PanelId::Layers, true, true});
        if (ImGui::MenuItem("Add incidents\xE2\x80\xA6"))
            out.push_back(ShowIncidentPanel{IncidentPanelId::Legend, true, true});
        if (ImGui::MenuItem("Code incidents from text\xE2\x80\xA6")) out.push_back(ShowCodeIncidents{});
        ImGui::Separator();
        if (ImGui::MenuItem("Export image\xE2\x80\xA6", "Ctrl+E")) out.push_back(ShowImageExport{});
        if (ImGui::MenuItem("Export animation\xE2\x80\xA6")) out.push_back(ShowAnimationExport{});
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) out.push_back(Quit{});
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Edit")) {
        drawEditItems(out);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        panelItem("Layers", PanelId::Layers, ctx, out);
        panelItem("Log", PanelId::Log, ctx, out);
        panelItem("Load report", PanelId::LoadReport, ctx, out);
        panelItem("Geocoding review", PanelId::GeocodeReview, ctx, out);
        ImGui::Separator();
        const struct {
            const char* label;
            IncidentPanelId id;
            bool open;
        } incidentItems[] = {{"Incidents", IncidentPanelId::Legend, m_incidentOpen[0]},
                             {"Incident table", IncidentPanelId::Table, m_incidentOpen[1]},
                             {"Incident inspector", IncidentPanelId::Inspector, m_incidentOpen[2]}};
        for (const auto& item : incidentItems)
            if (ImGui::MenuItem(item.label, nullptr, item.open))
                out.push_back(ShowIncidentPanel{item.id, !item.open});
        ImGui::Separator();
        if (ImGui::BeginMenu("Theme")) {
            if (ImGui::MenuItem("Dark", nullptr, ctx.theme == Theme::Dark))
                out.push_back(SetTheme{Theme::Dark});
            if (ImGui::MenuItem("Light", nullptr, ctx.theme == Theme::Light))
                out.push_back(SetTheme{Theme::Light});
            ImGui::EndMenu();
        }
        ImGui::Separator();
        if (ImGui::MenuItem("Reset view", "Home")) out.push_back(ResetView{});
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Map")) {
        if (ImGui::MenuItem("CRS\xE2\x80\xA6")) out.push_back(ShowPanel{PanelId::Crs, true, true});
        if (ImGui::MenuItem("Find place\xE2\x80\xA6", "Ctrl+F"))
            out.push_back(ShowPanel{PanelId::PlaceSearch, true, true});
        ImGui::Separator();
        const Crs& current = ctx.state.scene().crs;
        for (const CrsPreset& preset : crsPresets()) {
            const bool active = isPreset(current, preset);
            if (ImGui::MenuItem(preset.label, nullptr, active) && !active)
                out.push_back(SetCrs{preset.definition});
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        panelItem("Keys and mouse", PanelId::KeysHelp, ctx, out);
        panelItem("About Flashpoint", PanelId::About, ctx, out);
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

}  // namespace fp
