// The export legend: category rows with counts in the window, and the colour scales of density layers.

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "render/export/furniture/furniture_layout.h"
#include "render/export/furniture/glyphs.h"

namespace fp::furniture {

namespace {

constexpr int kRampSteps = 32;  // rectangles per legend ramp: finer than the eye tells apart at its width

/// Sizes of the legend's parts, from the pixel ratio and fonts.
struct LegendMetrics {
    explicit LegendMetrics(LayoutBuilder& b)
        : size(13.f * b.k),
          lineH(b.lineHeight(size, false)),
          row(std::max(lineH, 14.f * b.k) + 5.f * b.k),
          headSize(13.f * b.k),
          headH(b.lineHeight(headSize, true)),
          glyph(6.f * b.k),
          nameX(b.pad + 2.f * glyph + 6.f * b.k),
          captionSize(12.f * b.k),
          captionH(b.lineHeight(captionSize, false)),
          tickSize(11.f * b.k),
          tickH(b.lineHeight(tickSize, false)),
          barH(10.f * b.k),
          scaleH(captionH + 3.f * b.k + barH + 2.f * b.k + tickH + 6.f * b.k),
          scaleMinW(160.f * b.k) {}
    const float size, lineH, row, headSize, headH, glyph, nameX;
    const float captionSize, captionH, tickSize, tickH, barH, scaleH, scaleMinW;
};

/// One category row as shown: a category, or the sum of those that did not fit.
struct LegendLine {
    std::string name, count, widest;  // widest: the count column's width does not vary in time
    bool none = false;                // no incident of it in the window
};

/// The first `rows` entries as lines, plus one line summing up the rest.
std::vector<LegendLine> legendLines(const std::vector<LegendEntry>& entries, size_t rows) {
    std::vector<LegendLine> lines;
    for (size_t i = 0; i < rows; ++i)
        lines.push_back({entries[i].name, std::to_string(entries[i].count), std::to_string(entries[i].total),
                         entries[i].count == 0});
    if (const size_t rest = entries.size() - rows; rest > 0) {
        size_t n = 0, total = 0;
        for (size_t i = rows; i < entries.size(); ++i) {
            n += entries[i].count;
            total += entries[i].total;
        }
        lines.push_back(
            {std::to_string(rest) + " more categories", std::to_string(n), std::to_string(total), n == 0});
    }
    return lines;
}

std::string legendNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, v >= 10.0 || v == 0.0 ? "%.0f" : v >= 1.0 ? "%.1f" : "%.2f", v);
    return buf;
}

std::string groundLength(double metres) {
    char buf[32];
    if (metres >= 10000.0)
        std::snprintf(buf, sizeof buf, "%.0f km", metres / 1000.0);
    else if (metres >= 1000.0)
        std::snprintf(buf, sizeof buf, "%.1f km", metres / 1000.0);
    else
        std::snprintf(buf, sizeof buf, "%.0f m", metres);
    return buf;
}

/// Draws one density scale: caption, ramp bar and its three tick labels, in a block from (x, y) `w` wide.
void addDensityScale(LayoutBuilder& b, const LegendMetrics& m, const DensityLegend& legend, float x, float y,
                     float w) {
    const DensityCaption c = densityCaption(legend);
    b.text(c.caption, x, y + 0.5f * m.captionH, m.captionSize, false, kInk);
    const float barY = y + m.captionH + 3.f * b.k;
    const bool heat = legend.scale.style != IncidentDrawStyle::Hexbin;
    for (int i = 0; i < kRampSteps; ++i) {
        const float t = (i + 0.5f) / kRampSteps;
        const float alpha = heat ? heatmapAlpha(t) : kHexbinAlpha;
        b.out.over.addRect(x + w * i / kRampSteps, barY, x + w * (i + 1) / kRampSteps, barY + m.barH,
                           densityRampColor(t).withAlpha(alpha));
    }
    const float tickY = barY + m.barH + 2.f * b.k + 0.5f * m.tickH;
    const float lowW = b.width(c.low, m.tickSize, false), highW = b.width(c.high, m.tickSize, false);
    b.text(c.low, x, tickY, m.tickSize, false, kInkSoft);
    b.text(c.high, x + w - highW, tickY, m.tickSize, false, kInkSoft);
    // Centred under its value, kept clear of the end labels (left out when the ramp is too short for it).
    const float middleW = b.width(c.middle, m.tickSize, false), gap = 4.f * b.k;
    const float left = x + lowW + gap, right = x + w - highW - gap;
    if (!c.middle.empty() && middleW <= right - left)
        b.text(c.middle, std::clamp(x + w * c.middleAt - 0.5f * middleW, left, right - middleW), tickY,
               m.tickSize, false, kInkSoft);
}

}  // namespace

DensityCaption densityCaption(const DensityLegend& legend) {
    const DensityScale& s = legend.scale;
    const std::string what = s.weightByFatalities ? "Fatalities" : "Incidents";
    const double mpp = legend.metresPerPixel;
    const bool ground = std::isfinite(mpp) && mpp > 0.0;
    double factor = 1.0;  // legend units per value
    std::string caption;
    if (s.style == IncidentDrawStyle::Hexbin) {
        caption = what + " per hexagon";
        // A hexagon's area is 1.5 sqrt(3) r^2; across its flat sides it is sqrt(3) r.
        const double radiusPx = std::sqrt(s.areaPx / (1.5 * std::sqrt(3.0)));
        if (ground) caption += " (" + groundLength(std::sqrt(3.0) * radiusPx * mpp) + " across)";
    } else if (ground) {
        const double cellKm2 = s.areaPx * mpp * mpp / 1e6;
        factor = 1.0 / cellKm2;
        std::string unit = "km\u00b2";
        for (const auto& [scale, name] : {std::pair{100.0, "100 km\u00b2"}, {10000.0, "10,000 km\u00b2"}})
            if (s.maxValue * factor < 1.0) {
                factor = scale / cellKm2;
                unit = name;
            }
        caption = what + " per " + unit;
    } else {
        caption = what + " per " + legendNumber(std::sqrt(s.areaPx)) + " px square";
    }
    if (!legend.layerName.empty()) caption = legend.layerName + ": " + caption;
    // Colours follow sqrt(value / max): the ramp's middle is a quarter of its top.
    if (s.style != IncidentDrawStyle::Hexbin)
        return {caption, "0", legendNumber(0.25 * s.maxValue * factor), legendNumber(s.maxValue * factor)};
    const double top = std::round(s.maxValue);
    const double middle = std::max(1.0, std::round(0.25 * top));
    DensityCaption out{caption, "0", "", std::to_string(static_cast<long long>(top))};
    if (middle < top) {
        out.middle = std::to_string(static_cast<long long>(middle));
        out.middleAt = static_cast<float>(std::sqrt(middle / top));
    }
    return out;
}

void placeLegend(LayoutBuilder& b, const LegendContent& content, const IncidentStyleSheet& sheet,
                 FreeSpace& space) {
    const std::vector<LegendEntry>& entries = content.entries;
    if (entries.empty() && content.densities.empty()) return;
    const LegendMetrics m(b);
    const float k = b.k, pad = b.pad;
    const std::string head = "Incidents";
    const float scalesH = m.scaleH * static_cast<float>(content.densities.size());
    // As many rows as fit between the title and the scale bar; the rest are summed up in one row.
    const float room = space.leftBottom - space.leftTop - 2.f * pad - m.headH - 4.f * k - scalesH;
    size_t rows = std::min(entries.size(), static_cast<size_t>(std::max(0.f, room / m.row)));
    if (rows < entries.size() && rows > 0) --rows;
    const std::vector<LegendLine> lines = legendLines(entries, rows);
    float nameW = b.width(head, m.headSize, true) - m.nameX + pad, countW = 0.f;
    for (const LegendLine& line : lines) {
        nameW = std::max(nameW, b.width(line.name, m.size, false));
        countW = std::max(countW, b.width(line.widest, m.size, false));
    }
    float w = m.nameX + nameW + 12.f * k + countW + pad;
    for (const DensityLegend& d : content.densities)
        w = std::max(
            w, 2.f * pad + std::max(m.scaleMinW, b.width(densityCaption(d).caption, m.captionSize, false)));
    const float h = 2.f * pad + m.headH + 4.f * k + m.row * static_cast<float>(lines.size()) + scalesH;
    const LabelBox box{b.margin, space.leftBottom - h, b.margin + w, space.leftBottom};
    if (!b.claimPanel("legend", box)) return;
    b.text(head, box.x0 + pad, box.y0 + pad + 0.5f * m.headH, m.headSize, true, kInk);
    float y = box.y0 + pad + m.headH + 4.f * k + 0.5f * m.row;
    for (size_t i = 0; i < lines.size(); ++i, y += m.row) {
        const LegendLine& line = lines[i];
        // A category with nothing in the window keeps its row, greyed, so rows do not jump between
        // animation frames.
        const Color ink = line.none ? kInkFaint : kInk;
        if (i < rows)
            addMarkerGlyph(b.out.over, {box.x0 + pad + m.glyph, y}, m.glyph, entries[i].shape,
                           line.none ? entries[i].color.withAlpha(0.3f) : entries[i].color,
                           sheet.marker().outline.withAlpha(line.none ? 0.3f : 1.f), 1.2f * k);
        b.text(line.name, box.x0 + m.nameX, y, m.size, false, ink);
        b.text(line.count, box.x1 - pad - b.width(line.count, m.size, false), y, m.size, false, ink);
    }
    float scaleY = y - 0.5f * m.row;
    for (const DensityLegend& d : content.densities) {
        addDensityScale(b, m, d, box.x0 + pad, scaleY, w - 2.f * pad);
        scaleY += m.scaleH;
    }
}

}  // namespace fp::furniture
