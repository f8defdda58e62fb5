#pragma once

#include <string>
#include <vector>

#include "core/io/load_report.h"
#include "ui/panel.h"

namespace fp {

/// One row problem as the load report lists it.
struct LoadReportRow {
    std::string file;
    int64_t row = -1;  ///< 1-based, -1 when the problem is not about one row
    std::string field;
    std::string reason;
};

/// Rows not loaded over `reports` (LoadReport::featuresSkipped).
size_t rowsNotLoaded(const std::vector<LoadReport>& reports);

/// The "Load report" window: the summary of the last load (MapState::lastReports(), incidents or vector
/// layers) and every row problem in a table of file, row, field and reason, with a filter box (any column,
/// any case) and a button copying the listed rows to the clipboard as tab-separated text.
class LoadReportPanel : public Panel {
public:
    LoadReportPanel() { m_open = false; }
    const char* title() const override { return "Load report"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// Shows `reports` from now on (a copy: the state keeps only the last load's).
    void setReports(std::vector<LoadReport> reports);
    const std::vector<LoadReport>& reports() const { return m_reports; }
    void setFilter(std::string filter) {
        m_filter = std::move(filter);
        m_dirty = true;
    }
    const std::string& filter() const { return m_filter; }
    /// The rows the filter lets through, in load order (refreshed by draw and by this call).
    const std::vector<const LoadReportRow*>& visibleRows();
    const std::vector<LoadReportRow>& allRows() const { return m_rows; }
    /// The listed rows as the Copy button puts them on the clipboard: a header, then one tab-separated line
    /// per row.
    std::string copyText();

private:
    void refilter();

    std::vector<LoadReport> m_reports;
    std::vector<LoadReportRow> m_rows;
    std::vector<const LoadReportRow*> m_visible;
    std::string m_filter;
    bool m_dirty = true;
};

}  // namespace fp
