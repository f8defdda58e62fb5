#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/model/incident_style_sheet.h"
#include "ui/panel.h"

namespace fp {

/// Columns of the incidents table, in display order.
enum class IncidentColumn { Date, Title, Category, Place, Casualties, Precision };
inline constexpr int kIncidentColumnCount = 6;

/// Which rows of a store the table lists, and in what order.
struct IncidentTableQuery {
    std::string search;                         ///< case-insensitive, in id, title, place and category
    std::vector<std::string> hiddenCategories;  ///< categories left out of the table
    IncidentColumn sortColumn = IncidentColumn::Date;
    bool ascending = true;
    friend bool operator==(const IncidentTableQuery&, const IncidentTableQuery&) = default;
};

/// Store rows matching `query`, sorted by its column (ties keep time order). O(n log n); the panel calls it
/// only when the query or the data changes.
std::vector<uint32_t> queryIncidents(const IncidentStore& store, const IncidentTableQuery& query);

/// The incidents table: a layer chooser (with several incident layers), a text search, a category filter and
/// a sortable table of date, title, category, place, casualties and location precision. Only the visible
/// rows are drawn (a million rows scroll smoothly). Clicking a row selects the incident and flies to it.
class IncidentTablePanel : public Panel {
public:
    IncidentTablePanel() { m_open = false; }
    const char* title() const override { return "Incident table"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    void setStyleSheet(std::shared_ptr<const IncidentStyleSheet> sheet) { m_sheet = std::move(sheet); }
    /// The selected incident, highlighted in the table.
    void setSelected(const IncidentRef& selected) { m_selected = selected; }

    /// The search text (tests and keyboard shortcuts set it too).
    const std::string& search() const { return m_query.search; }
    void setSearch(std::string text) { m_query.search = std::move(text); }
    const IncidentTableQuery& query() const { return m_query; }
    /// Layer the table lists (0 before the first frame with incidents) and its rows in display order.
    uint64_t layerId() const { return m_layerId; }
    const std::vector<uint32_t>& rows() const { return m_rows; }
    /// Store row under the mouse in the last frame, or -1; column header under the mouse, or -1.
    int64_t hoveredRow() const { return m_hoveredRow; }
    int hoveredHeader() const { return m_hoveredHeader; }

private:
    void drawFilters(const IncidentLayer& layer, const UiContext& ctx);
    void drawTable(const IncidentLayer& layer, CommandList& out);

    std::shared_ptr<const IncidentStyleSheet> m_sheet = IncidentStyleSheet::shipped();
    IncidentRef m_selected;
    uint64_t m_layerId = 0;
    IncidentTableQuery m_query;
    // The query and data m_rows were made for.
    IncidentTableQuery m_rowsQuery;
    const IncidentStore* m_rowsData = nullptr;
    uint64_t m_rowsLayer = 0;
    std::vector<uint32_t> m_rows;
    int64_t m_hoveredRow = -1;
    int m_hoveredHeader = -1;
};

}  // namespace fp
