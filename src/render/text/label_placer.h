#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace fp {

/// Axis-aligned box in screen pixels, top-left origin: x0 <= x1, y0 <= y1.
struct LabelBox {
    float x0 = 0.f, y0 = 0.f, x1 = 0.f, y1 = 0.f;
};

/// True when `a` and `b` share some area; touching edges do not count.
inline bool overlaps(const LabelBox& a, const LabelBox& b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/// A label that would like to be drawn.
struct LabelCandidate {
    uint64_t id = 0;       ///< caller's key, returned for accepted labels
    float centerX = 0.f;   ///< box centre, pixels from the viewport's left
    float centerY = 0.f;   ///< box centre, pixels from the viewport's top
    float width = 0.f;     ///< box size, pixels (e.g. TextMetrics::width plus halo)
    float height = 0.f;    ///< (e.g. TextMetrics::height() plus halo)
    float priority = 0.f;  ///< higher is placed first
};

/// A label that won its place.
struct PlacedLabel {
    uint64_t id = 0;
    LabelBox box;  ///< without padding
};

/// Greedy collision-free label placement. Candidates are tried by priority, highest first, ties broken by
/// ascending id and then input order, so the same set gives the same answer in any order. A candidate is
/// accepted when its box lies wholly inside the viewport and is at least `paddingPx` away from every box
/// accepted before it. A uniform grid keeps each test local: a few thousand candidates take well under a
/// millisecond. Keep one instance to reuse its memory between frames.
class LabelPlacer {
public:
    /// An empty placer for an empty viewport; call reset() or place() before use.
    LabelPlacer() { reset(0.f, 0.f); }
    /// Clears all placed boxes for a viewport of the given size, pixels.
    void reset(float viewportWidthPx, float viewportHeightPx, float paddingPx = 2.f);
    /// Accepts `box` if it fits (inside the viewport, clear of placed boxes by the padding) and records it.
    /// Boxes with NaN, infinite or negative extents are rejected.
    bool tryPlace(const LabelBox& box);
    /// Records an obstacle that later labels must avoid (a legend, a point symbol); it may lie partly
    /// outside the viewport.
    void block(const LabelBox& box);
    /// reset() then places `candidates` in priority order; returns the accepted ones in that order.
    std::vector<PlacedLabel> place(std::span<const LabelCandidate> candidates, float viewportWidthPx,
                                   float viewportHeightPx, float paddingPx = 2.f);
    /// Boxes accepted or blocked since reset(), padded by half the padding on each side.
    const std::vector<LabelBox>& placedBoxes() const { return m_boxes; }

private:
    void insert(const LabelBox& padded);
    bool collides(const LabelBox& padded) const;
    void cellRange(const LabelBox& b, int& cx0, int& cy0, int& cx1, int& cy1) const;

    float m_width = 0.f;
    float m_height = 0.f;
    float m_padding = 0.f;
    float m_cellSize = 64.f;
    int m_cols = 0;
    int m_rows = 0;
    std::vector<LabelBox> m_boxes;
    std::vector<std::vector<uint32_t>> m_cells;  // indices into m_boxes, row-major
    std::vector<size_t> m_order;
};

}  // namespace fp
