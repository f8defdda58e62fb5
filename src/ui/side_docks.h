#pragma once

#include <array>
#include <cstddef>

namespace fp {

/// A rectangle in ImGui units (y down).
struct UiRect {
    float x = 0.f, y = 0.f, w = 0.f, h = 0.f;
    float right() const { return x + w; }
    float bottom() const { return y + h; }
};

enum class DockSide { Left, Right };

/// The side bars at the window's left and right edges, between the menu bar and the timeline. Each holds its
/// open panels stacked top to bottom and a narrow handle strip on its map side: the strip's arrow button
/// collapses the bar to the strip alone (the map gets the room), dragging the strip resizes the bar. The
/// panels never float over the map: the map is the rectangle the bars leave (mapRect). Dear ImGui 1.86 has
/// no docking, so the bars are laid out here and each docked panel's window is pinned to its slot.
class SideDocks {
public:
    /// Handle strip width, logical pixels.
    static constexpr float kHandleWidth = 18.f;
    static constexpr float kDefaultWidth = 360.f;
    static constexpr float kMinWidth = 220.f;
    /// Share of the window width one expanded bar may take at most, so the map keeps room.
    static constexpr float kMaxShare = 0.34f;

    /// Lays out this frame's bars in the band from `top` to `bottom` of a display `displayWidth` wide, for
    /// `leftPanels` and `rightPanels` open panels on each side (a side without any has no bar). `scale`:
    /// ImGui units per logical pixel.
    void layout(float displayWidth, float top, float bottom, float scale, int leftPanels, int rightPanels);

    /// Where the `index`-th open panel (top to bottom) of `side` goes; empty (w = 0) while the bar is
    /// collapsed.
    UiRect slot(DockSide side, int index) const;
    /// The whole bar of `side`, handle strip included (w = 0: no bar).
    UiRect bar(DockSide side) const { return m_bars[idx(side)]; }
    /// The rectangle left for the map.
    UiRect mapRect() const { return m_map; }

    bool collapsed(DockSide side) const { return m_collapsed[idx(side)]; }
    void setCollapsed(DockSide side, bool collapsed) { m_collapsed[idx(side)] = collapsed; }
    /// Panel width of an expanded bar, logical pixels (before the kMaxShare limit).
    float width(DockSide side) const { return m_width[idx(side)]; }
    void setWidth(DockSide side, float logicalPx);
    /// Share of the right bar's height its first panel takes when it holds two or more.
    void setFirstShare(float share) { m_firstShare = share; }

    /// Draws the handle strips of the bars laid out (call inside an ImGui frame, after layout()).
    void drawHandles();

    /// Pins the window `title` to `rect` for this frame (call right before the panel's own Begin, which then
    /// appends to it): no moving, resizing or collapsing, an opaque background. Clears `open` when the user
    /// closed it with its title bar's button.
    static void pinWindow(const char* title, const UiRect& rect, bool& open);

private:
    static std::size_t idx(DockSide side) { return side == DockSide::Left ? 0 : 1; }
    void drawHandle(DockSide side);

    std::array<float, 2> m_width{kDefaultWidth, kDefaultWidth};
    std::array<bool, 2> m_collapsed{false, false};
    std::array<UiRect, 2> m_bars{};
    std::array<int, 2> m_panels{0, 0};
    float m_scale = 1.f;
    float m_firstShare = 0.45f;
    UiRect m_map;
};

}  // namespace fp
