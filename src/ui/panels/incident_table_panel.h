#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/model/incident_style_sheet.h"
#include "core/time/window_filter.h"
#include "ui/panel.h"
#include "ui/timeline/incident_time_cache.h"

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
/// While the map shows a time window, "In window only" (on by default) lists just the incidents the window
/// shows, filtered by WindowRowFilter in O(incidents near the window) and, during playback, at most five
/// times a second.
class IncidentTablePanel : public Panel {
public:
    IncidentTablePanel() { m_open = false; }
    const char* title() const override { return "Incident table"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    void setStyleSheet(std::shared_ptr<const IncidentStyleSheet> sheet) { m_sheet = std::move(sheet); }
    /// Window counts shared with the other panels; without it the table does not filter by time.
    void setTimeCache(IncidentTimeCache* cache) { m_cache = cache; }
    bool inWindowOnly() const { return m_inWindowOnly; }
    void setInWindowOnly(bool on) { m_inWindowOnly = on; }
    /// True while the listed rows lag behind the window (throttled during playback): the app should keep
    /// drawing frames until they catch up.
    bool filterPending() const { return m_filterPending; }
    /// The selected incident, highlighted in the table.
    void setSelected(const IncidentRef& selected) { m_selected = selected; }

    /// The search text (tests and keyboard shortcuts set it too).
    const std::string& search() const { return m_query.search; }
    void setSearch(std::string text) { m_query.search = std::move(text); }
    const IncidentTableQuery& query() const { return m_query; }
    /// Layer the table lists (0 before the first frame with incidents) and its rows in display order (only
    /// those in the window when filtering by it).
    uint64_t layerId() const { return m_layerId; }
    const std::vector<uint32_t>& rows() const { return m_filtering ? m_shown : m_rows; }
    /// Store row under the mouse in the last frame, or -1; column header under the mouse, or -1.
    int64_t hoveredRow() const { return m_hoveredRow; }
    int hoveredHeader() const { return m_hoveredHeader; }

private:
    void drawFilters(const IncidentLayer& layer, const UiContext& ctx);
    void drawTable(const IncidentLayer& layer, CommandList& out);
    void updateWindowFilter(const UiContext& ctx, const IncidentLayer& layer);

    std::shared_ptr<const IncidentStyleSheet> m_sheet = IncidentStyleSheet::shipped();
    IncidentRef m_selected;
    uint64_t m_layerId = 0;
    IncidentTableQuery m_query;
    // The query and data m_rows were made for.
    IncidentTableQuery m_rowsQuery;
    const IncidentStore* m_rowsData = nullptr;
    uint64_t m_rowsLayer = 0;
    std::vector<uint32_t> m_rows;
    // "In window only": m_shown holds the rows of m_rows in m_shownWindow.
    IncidentTimeCache* m_cache = nullptr;
    bool m_inWindowOnly = true;
    bool m_filtering = false;
    bool m_filterValid = false;  // m_filter knows the current m_rows
    bool m_filterPending = false;
    WindowRowFilter m_filter;
    std::vector<uint32_t> m_shown;
    std::optional<TimeSpan> m_shownWindow;
    double m_filterTime = 0.0;
    int64_t m_hoveredRow = -1;
    int m_hoveredHeader = -1;
};

}  // namespace fp
