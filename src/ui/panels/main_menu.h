#pragma once

#include "ui/panel.h"
#include "ui/panels/project_dialogs.h"

namespace fp {

/// The main menu bar: File (New, Open…, Save, Save As…, Recent projects, Add layer…, Add incidents…, Code
/// incidents from text…, Quit), Edit (Undo and Redo, named after the change they make), View (panels and the
/// load report, incident windows, theme, reset view), Map (CRS…, presets), Help (Keys and mouse, About).
class MainMenu : public Panel {
public:
    const char* title() const override { return "##mainmenu"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// Which incident windows are open, for the View menu's check marks (set before each draw).
    void setIncidentPanelsOpen(bool legend, bool table, bool inspector) {
        m_incidentOpen[0] = legend;
        m_incidentOpen[1] = table;
        m_incidentOpen[2] = inspector;
    }

    /// The open project, for Save and the recent list (set before each draw; may be null).
    void setProject(const ProjectInfo* project) { m_project = project; }

private:
    void drawProjectItems(CommandList& out);
    void drawEditItems(CommandList& out);

    const ProjectInfo* m_project = nullptr;
    bool m_incidentOpen[3] = {false, false, false};
};

}  // namespace fp
