#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/project/map_state.h"
#include "core/util/log.h"
#include "ui/commands.h"
#include "ui/side_docks.h"

namespace fp {

class LocationDescriber;

/// A copy of the retained log entries, refreshed only when the log changes, shared by the panels of a frame.
struct LogSnapshot {
    std::vector<LogEntry> entries;
    uint64_t generation = ~uint64_t{0};
    size_t warnings = 0;  ///< among the retained entries
    size_t errors = 0;

    /// Copies the log's entries if it changed since the last call; cheap otherwise.
    void refresh(const Log& log);
};

/// What a panel may read while drawing one frame. Nothing here is mutable: changes go out as commands.
struct UiContext {
    const MapState& state;
    const LogSnapshot& log;
    Theme theme = Theme::Light;
    float scale = 1.f;    ///< ImGui units per logical pixel (HiDPI content scale / framebuffer scale)
    float fbScale = 1.f;  ///< physical (framebuffer) pixels per ImGui unit
    double time = 0.0;    ///< seconds, ImGui::GetTime()
    std::array<bool, kPanelCount> panelOpen{};  ///< indexed by PanelId
    /// Reverse geocoding for tooltips and the inspector (owned by MainUi); null in panels' own tests.
    LocationDescriber* locations = nullptr;
    /// The part of the window the map shows in (between the menu, the side bars and the timeline); empty
    /// (w = 0) before the first layout: then the whole display.
    UiRect map;

    bool isOpen(PanelId id) const { return panelOpen[static_cast<size_t>(id)]; }
};

/// One ImGui window (or bar) of the GUI: reads the context, appends commands, makes no other change.
class Panel {
public:
    virtual ~Panel() = default;
    /// Window title and ImGui ID (stable: ImGui keeps window positions by it).
    virtual const char* title() const = 0;
    /// Draws the panel for this frame when open; appends what the user asked for to `out`.
    virtual void draw(const UiContext& ctx, CommandList& out) = 0;

    bool isOpen() const { return m_open; }
    void setOpen(bool open) { m_open = open; }

protected:
    bool m_open = true;
};

}  // namespace fp
