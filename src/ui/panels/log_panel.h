#pragma once

#include <string>
#include <vector>

#include "ui/panel.h"

namespace fp {

/// Every retained log entry, coloured by level, with level and text filters, auto-scroll, copy and clear.
class LogPanel : public Panel {
public:
    LogPanel() { m_open = false; }
    const char* title() const override { return "Log"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// Whether entries of `level` are listed (Debug is hidden at first).
    bool showsLevel(LogLevel level) const { return m_show[static_cast<int>(level)]; }

private:
    void rebuild(const LogSnapshot& log);

    bool m_show[4] = {false, true, true, true};
    bool m_autoScroll = true;
    std::string m_filter;
    uint64_t m_builtGeneration = ~uint64_t{0};
    bool m_dirty = true;
    std::vector<size_t> m_visible;     ///< indices into the snapshot of entries passing the filters
    std::vector<std::string> m_lines;  ///< one line per snapshot entry, newlines flattened
};

}  // namespace fp
