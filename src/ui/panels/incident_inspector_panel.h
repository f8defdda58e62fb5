#pragma once

#include <memory>

#include "core/model/incident_style_sheet.h"
#include "ui/panel.h"
#include "ui/panels/incident_editor.h"

namespace fp {

/// Every field of the selected incident: title, description, category and sub-category, actors, time (as
/// given and the span it covers), place, administrative areas, coordinates with their precision and
/// uncertainty radius, casualties, tags, and its sources, whose links open in the browser (OpenUrl). Buttons
/// fly to the incident and clear the selection. "Edit" turns the fields into a form (IncidentEditor) for a
/// layer that can be edited; "Delete" removes the incident; "Copy to own layer" copies it into a new layer of
/// the user's own (the way to edit incidents of a read-only source).
class IncidentInspectorPanel : public Panel {
public:
    IncidentInspectorPanel() { m_open = false; }
    const char* title() const override { return "Incident"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    void setStyleSheet(std::shared_ptr<const IncidentStyleSheet> sheet) { m_sheet = std::move(sheet); }
    void setSelected(const IncidentRef& selected) { m_selected = selected; }
    const IncidentRef& selected() const { return m_selected; }
    /// Shows the form instead of the read-only fields (an incident just added opens in it).
    void setEditing(bool editing) { m_editing = editing; }
    bool editing() const { return m_editing; }

private:
    std::shared_ptr<const IncidentStyleSheet> m_sheet = IncidentStyleSheet::shipped();
    IncidentRef m_selected;
    IncidentEditor m_editor;
    bool m_editing = false;

    /// The Edit/Done, Delete and Copy to own layer buttons.
    void drawEditButtons(const IncidentLayer& layer, CommandList& out);
    /// Categories to offer: the style sheet's, then the layer's others.
    std::vector<std::string> categoryChoices(const IncidentStore& store) const;
};

/// True for links the inspector offers to open: http:// or https:// with no spaces or control characters.
bool isOpenableUrl(const std::string& url);

}  // namespace fp
