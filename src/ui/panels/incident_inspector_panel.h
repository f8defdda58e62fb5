#pragma once

#include <memory>

#include "core/model/incident_style_sheet.h"
#include "ui/panel.h"

namespace fp {

/// Every field of the selected incident: title, description, category and sub-category, actors, time (as
/// given and the span it covers), place, administrative areas, coordinates with their precision and
/// uncertainty radius, casualties, tags, and its sources, whose links open in the browser (OpenUrl). Buttons
/// fly to the incident and clear the selection.
class IncidentInspectorPanel : public Panel {
public:
    IncidentInspectorPanel() { m_open = false; }
    const char* title() const override { return "Incident"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    void setStyleSheet(std::shared_ptr<const IncidentStyleSheet> sheet) { m_sheet = std::move(sheet); }
    void setSelected(const IncidentRef& selected) { m_selected = selected; }
    const IncidentRef& selected() const { return m_selected; }

private:
    std::shared_ptr<const IncidentStyleSheet> m_sheet = IncidentStyleSheet::shipped();
    IncidentRef m_selected;
};

/// True for links the inspector offers to open: http:// or https:// with no spaces or control characters.
bool isOpenableUrl(const std::string& url);

}  // namespace fp
