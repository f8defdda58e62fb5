#include "render/text/label_placer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fp {

namespace {

bool valid(const LabelBox& b) {
    return std::isfinite(b.x0) && std::isfinite(b.y0) && std::isfinite(b.x1) && std::isfinite(b.y1) &&
           b.x0 <= b.x1 && b.y0 <= b.y1;
}

LabelBox inflate(const LabelBox& b, float by) {
    return {b.x0 - by, b.y0 - by, b.x1 + by, b.y1 + by};
}

}  // namespace

void LabelPlacer::reset(float viewportWidthPx, float viewportHeightPx, float paddingPx) {
    m_width = std::isfinite(viewportWidthPx) ? std::max(0.f, viewportWidthPx) : 0.f;
    m_height = std::isfinite(viewportHeightPx) ? std::max(0.f, viewportHeightPx) : 0.f;
    m_padding = std::isfinite(paddingPx) ? std::max(0.f, paddingPx) : 0.f;
    // Cells about the size of a short label keep both the cells per box and the boxes per cell small.
    m_cellSize = 64.f;
    m_cols = std::max(1, static_cast<int>(std::ceil(m_width / m_cellSize)));
    m_rows = std::max(1, static_cast<int>(std::ceil(m_height / m_cellSize)));
    m_boxes.clear();
    const size_t cells = static_cast<size_t>(m_cols) * m_rows;
    if (m_cells.size() != cells) m_cells.assign(cells, {});
    for (auto& c : m_cells) c.clear();
}

void LabelPlacer::cellRange(const LabelBox& b, int& cx0, int& cy0, int& cx1, int& cy1) const {
    // Boxes reaching past the viewport are clamped into the border cells, so every box has a home.
    auto cell = [this](float v, int count) {
        return std::clamp(static_cast<int>(std::floor(v / m_cellSize)), 0, count - 1);
    };
    cx0 = cell(b.x0, m_cols);
    cx1 = cell(b.x1, m_cols);
    cy0 = cell(b.y0, m_rows);
    cy1 = cell(b.y1, m_rows);
}

bool LabelPlacer::collides(const LabelBox& padded) const {
    int cx0, cy0, cx1, cy1;
    cellRange(padded, cx0, cy0, cx1, cy1);
    for (int cy = cy0; cy <= cy1; ++cy)
        for (int cx = cx0; cx <= cx1; ++cx)
            for (uint32_t i : m_cells[static_cast<size_t>(cy) * m_cols + cx])
                // Touching edges do not count: padded boxes exactly `padding` apart are acceptable.
                if (overlaps(padded, m_boxes[i])) return true;
    return false;
}

void LabelPlacer::insert(const LabelBox& padded) {
    const auto index = static_cast<uint32_t>(m_boxes.size());
    m_boxes.push_back(padded);
    int cx0, cy0, cx1, cy1;
    cellRange(padded, cx0, cy0, cx1, cy1);
    for (int cy = cy0; cy <= cy1; ++cy)
        for (int cx = cx0; cx <= cx1; ++cx) m_cells[static_cast<size_t>(cy) * m_cols + cx].push_back(index);
}

bool LabelPlacer::tryPlace(const LabelBox& box) {
    if (!valid(box)) return false;
    if (box.x0 < 0.f || box.y0 < 0.f || box.x1 > m_width || box.y1 > m_height) return false;
    // Each box carries half the padding, so two padded boxes touch exactly when the gap equals it.
    const LabelBox padded = inflate(box, m_padding * 0.5f);
    if (collides(padded)) return false;
    insert(padded);
    return true;
}

void LabelPlacer::block(const LabelBox& box) {
    if (!valid(box)) return;
    insert(inflate(box, m_padding * 0.5f));
}

std::vector<PlacedLabel> LabelPlacer::place(std::span<const LabelCandidate> candidates, float viewportWidthPx,
                                            float viewportHeightPx, float paddingPx) {
    reset(viewportWidthPx, viewportHeightPx, paddingPx);
    m_order.resize(candidates.size());
    std::iota(m_order.begin(), m_order.end(), size_t{0});
    std::stable_sort(m_order.begin(), m_order.end(), [&](size_t a, size_t b) {
        const LabelCandidate& ca = candidates[a];
        const LabelCandidate& cb = candidates[b];
        // NaN priorities sort last instead of breaking the strict weak ordering.
        const float pa = std::isnan(ca.priority) ? -INFINITY : ca.priority;
        const float pb = std::isnan(cb.priority) ? -INFINITY : cb.priority;
        if (pa != pb) return pa > pb;
        return ca.id < cb.id;
    });
    std::vector<PlacedLabel> placed;
    for (size_t i : m_order) {
        const LabelCandidate& c = candidates[i];
        if (!(c.width >= 0.f) || !(c.height >= 0.f)) continue;
        const LabelBox box{c.centerX - c.width * 0.5f, c.centerY - c.height * 0.5f,
                           c.centerX + c.width * 0.5f, c.centerY + c.height * 0.5f};
        if (tryPlace(box)) placed.push_back({c.id, box});
    }
    return placed;
}

}  // namespace fp
