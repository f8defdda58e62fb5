#include "ui/main_ui.h"

#include <imgui.h>

#include <filesystem>

#include "ui/scale_bar.h"

namespace fp {

MainUi::MainUi() = default;

Panel& MainUi::panel(PanelId id) {
    switch (id) {
        case PanelId::Layers:
            return m_layers;
        case PanelId::Log:
            return m_logPanel;
        case PanelId::Crs:
            return m_crs;
    }
    return m_layers;
}

const Panel& MainUi::panel(PanelId id) const {
    return const_cast<MainUi*>(this)->panel(id);
}

Panel& MainUi::incidentPanel(IncidentPanelId id) {
    switch (id) {
        case IncidentPanelId::Table:
            return m_incidentTable;
        case IncidentPanelId::Inspector:
            return m_inspector;
        case IncidentPanelId::Legend:
            break;
    }
    return m_incidentLegend;
}

bool MainUi::isIncidentPanelOpen(IncidentPanelId id) const {
    return const_cast<MainUi*>(this)->incidentPanel(id).isOpen();
}
void MainUi::setIncidentPanelOpen(IncidentPanelId id, bool open) {
    incidentPanel(id).setOpen(open);
}

void MainUi::setIncidentStyleSheet(std::shared_ptr<const IncidentStyleSheet> sheet) {
    if (!sheet) return;
    m_sheet = sheet;
    m_incidentLegend.setStyleSheet(sheet);
    m_incidentTable.setStyleSheet(sheet);
    m_inspector.setStyleSheet(sheet);
}

bool MainUi::noteIncidentCommand(const Command& command) {
    if (const auto* show = std::get_if<ShowIncidentPanel>(&command)) {
        Panel& p = incidentPanel(show->panel);
        p.setOpen(show->show);
        if (show->show && show->focus) {
            ImGui::SetWindowFocus(p.title());
            if (show->panel == IncidentPanelId::Legend) m_incidentLegend.focusSourceField();
        }
        return false;
    }
    if (const auto* select = std::get_if<SelectIncident>(&command)) {
        m_selected = select->incident;
        m_inspector.setSelected(m_selected);
        m_incidentTable.setSelected(m_selected);
        if (m_selected.layerId != 0) m_inspector.setOpen(true);
    }
    if (const auto* spread = std::get_if<SpreadIncidentGroup>(&command)) m_groupSpread = spread->layerId != 0;
    return true;
}

bool MainUi::isPanelOpen(PanelId id) const {
    return panel(id).isOpen();
}
void MainUi::setPanelOpen(PanelId id, bool open) {
    panel(id).setOpen(open);
}

bool MainUi::needsRegularFrames() const {
    return m_notifications.size() > 0 || ImGui::GetIO().WantTextInput;
}

void MainUi::notify(LogLevel level, std::string text) {
    m_notifications.push(level, std::move(text), ImGui::GetTime());
}

void MainUi::frame(const MapState& state, const UiMetrics& metrics, CommandList& out) {
    m_log.refresh(Log::instance());
    UiContext ctx{state, m_log, m_theme, metrics.scale, metrics.fbScale, ImGui::GetTime(), {}};
    for (PanelId id : {PanelId::Layers, PanelId::Log, PanelId::Crs})
        ctx.panelOpen[static_cast<size_t>(id)] = isPanelOpen(id);

    CommandList commands;
    m_menu.setIncidentPanelsOpen(m_incidentLegend.isOpen(), m_incidentTable.isOpen(), m_inspector.isOpen());
    m_menu.draw(ctx, commands);
    m_status.draw(ctx, commands);
    m_layers.draw(ctx, commands);
    m_logPanel.draw(ctx, commands);
    m_crs.draw(ctx, commands);
    m_incidentLegend.draw(ctx, commands);
    m_incidentTable.draw(ctx, commands);
    m_inspector.draw(ctx, commands);
    m_notifications.draw(ctx, commands);

    const float margin = 12.f * metrics.scale;
    drawScaleBar(ImGui::GetBackgroundDrawList(), margin,
                 ImGui::GetIO().DisplaySize.y - m_status.height() - margin, state.view(), state.projection(),
                 metrics.scale, metrics.fbScale, m_theme);

    m_incidentPointer.update(ctx, m_hover, *m_sheet, m_groupSpread, commands);
    m_interaction.update(state.view(), commands);
    if (ImGui::GetIO().KeyCtrl && m_keys.q >= 0 && ImGui::IsKeyPressed(m_keys.q, false))
        commands.push_back(Quit{});

    for (Command& command : commands) {
        if (const auto* show = std::get_if<ShowPanel>(&command)) {
            setPanelOpen(show->panel, show->show);
            if (show->show && show->focus) {
                ImGui::SetWindowFocus(panel(show->panel).title());
                if (show->panel == PanelId::Layers) m_layers.focusPathField();
                if (show->panel == PanelId::Crs) m_crs.focusField();
            }
            continue;
        }
        if (!noteIncidentCommand(command)) continue;
        out.push_back(std::move(command));
    }
}

void MainUi::onCommandResult(const Command& command, const Status& status) {
    const std::string error = status.ok() ? std::string() : status.error().describe();
    if (const auto* add = std::get_if<AddLayer>(&command)) {
        m_layers.addLayerFinished(add->path, status.ok(), error);
        const std::string name = std::filesystem::path(add->path).filename().string();
        if (status.ok())
            notify(LogLevel::Info, "Added " + (name.empty() ? add->path : name));
        else
            notify(LogLevel::Error, "Could not add " + (name.empty() ? add->path : name) + "\n" + error);
        return;
    }
    if (const auto* add = std::get_if<AddIncidents>(&command)) {
        m_incidentLegend.addFinished(add->source, status.ok(), error);
        const std::string name = std::filesystem::path(add->source).filename().string();
        const std::string shown = name.empty() || add->source.rfind("PG:", 0) == 0 ? "incidents" : name;
        if (status.ok()) {
            notify(LogLevel::Info, "Added " + shown);
            m_incidentLegend.setOpen(true);
        } else {
            notify(LogLevel::Error, "Could not add " + shown + "\n" + error);
            if (!add->orAsLayers) m_incidentLegend.setOpen(true);
        }
        return;
    }
    if (const auto* crs = std::get_if<SetCrs>(&command)) {
        m_crs.crsFinished(crs->definition, status.ok(), error);
        if (!status.ok()) notify(LogLevel::Error, "Map CRS unchanged\n" + error);
        return;
    }
    if (!status.ok()) notify(LogLevel::Error, error);
}

}  // namespace fp
