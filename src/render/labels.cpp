#include "render/labels.h"

#include <algorithm>
#include <cmath>

#include "core/util/text.h"
#include "render/text/font_locator.h"
#include "render/text/label_placer.h"
#include "render/text/text_renderer.h"

namespace fp {

namespace {
constexpr double kMetresPerDegree = 111320.0;
}

struct LabelDrawer::Impl {
    explicit Impl(TextRenderer t) : text(std::move(t)) {}
    TextRenderer text;
    LabelPlacer placer;
    /// A label and the boxes it may take, tried in order.
    struct Candidate {
        float priority = 0.f;
        uint32_t firstBox = 0, boxCount = 0;
        uint32_t entry = 0;
    };
    struct Box {
        LabelBox box;
        float textX = 0.f, textY = 0.f;  // the text's centre when this box is taken
    };
    struct Entry {
        const std::string* text;
        const LayerStyle* style;  // null for a place
        ScreenXY dot;
        float sizePx = 0.f;
    };
    struct PlacedText {
        uint32_t entry = 0;
        float x = 0.f, y = 0.f;
    };
    std::vector<Candidate> candidates;
    std::vector<Box> boxes;
    std::vector<uint32_t> order;
    std::vector<Entry> entries;
    std::vector<PlacedText> placedText;
    std::vector<DrawnLabel> drawn;
    // Upper-cased label texts per layer and field, made once rather than every frame.
    struct CachedTexts {
        const VectorLayer* data = nullptr;
        std::string field;
        bool upper = false;
        std::vector<std::string> texts;
    };
    std::unordered_map<uint64_t, CachedTexts> cache;

    const std::vector<std::string>& textsFor(const MapLayer& layer) {
        CachedTexts& c = cache[layer.id];
        const LayerStyle& s = layer.style;
        if (c.data != layer.data.get() || c.field != s.labelField || c.upper != s.labelUppercase) {
            c.data = layer.data.get();
            c.field = s.labelField;
            c.upper = s.labelUppercase;
            c.texts.clear();
            const VectorLayer& d = *layer.data;
            for (size_t f = 0; f < d.featureCount(); ++f) {
                const std::string& v = d.attribute(f, s.labelField);
                c.texts.push_back(s.labelUppercase ? toUpperUtf8(v) : v);
            }
        }
        return c.texts;
    }
};

LabelDrawer::LabelDrawer() = default;
LabelDrawer::~LabelDrawer() = default;

Result<std::unique_ptr<LabelDrawer>> LabelDrawer::create() {
    auto font = findSystemFont();
    if (!font) return font.error();
    auto text = TextRenderer::create(font.value());
    if (!text) return text.error();
    std::unique_ptr<LabelDrawer> d(new LabelDrawer());
    d->m_impl = std::make_unique<Impl>(std::move(text).value());
    return d;
}

const std::vector<DrawnLabel>& LabelDrawer::drawnLabels() const {
    return m_impl->drawn;
}

LabelStats LabelDrawer::draw(const std::vector<LabelSource>& sources, const MapView& view, bool geographicCrs,
                             const std::vector<PlaceLabelItem>& places, const PlaceLabelLook& look,
                             std::span<const LabelBox> obstacles) {
    LabelStats stats;
    Impl& m = *m_impl;
    m.candidates.clear();
    m.boxes.clear();
    m.entries.clear();
    m.placedText.clear();
    m.drawn.clear();
    const MapBBox visible = view.visibleExtent();
    const float ratio = view.pixelRatio;
    for (const auto& src : sources) {
        const MapLayer& layer = *src.layer;
        const LayerStyle& s = layer.style;
        const auto& texts = m.textsFor(layer);
        const auto& anchors = *src.anchors;
        const VectorLayer& data = *layer.data;
        const float size = s.labelSizePx * ratio;
        const MapXY viewCentre = view.center;
        for (size_t f = 0; f < texts.size() && f + 1 < data.labelAnchorStart.size(); ++f) {
            if (texts[f].empty()) continue;
            // The main anchor when on screen, else the on-screen alternative nearest the view's centre.
            const MapXY* chosen = nullptr;
            double bestDist = 0.0;
            for (uint32_t i = data.labelAnchorStart[f];
                 i < data.labelAnchorStart[f + 1] && i < anchors.size(); ++i) {
                const MapXY& a = anchors[i];
                if (!isFinite(a) || !visible.contains(a.x, a.y)) continue;
                if (i == data.labelAnchorStart[f]) {
                    chosen = &a;
                    break;
                }
                double d = std::hypot(a.x - viewCentre.x, a.y - viewCentre.y);
                if (!chosen || d < bestDist) {
                    chosen = &a;
                    bestDist = d;
                }
            }
            if (!chosen) continue;
            const MapXY& a = *chosen;
            ++stats.candidates;
            TextMetrics tm = m.text.measure(texts[f], size);
            // A label much wider than its feature on screen says nothing about that feature: leave it out.
            const double areaDeg2 = f < data.featureAreaDeg2.size() ? data.featureAreaDeg2[f] : 0.0;
            const double unitsPerDeg = geographicCrs ? 1.0 : kMetresPerDegree;
            const double featurePx = std::sqrt(areaDeg2) * unitsPerDeg / view.unitsPerPixel;
            if (areaDeg2 > 0.0 && featurePx < 0.6 * tm.width) continue;
            ScreenXY p = view.toScreen(a);
            const float w = tm.width + 4.f * ratio, h = tm.height() + 2.f * ratio;
            const float cx = static_cast<float>(p.x), cy = static_cast<float>(p.y);
            Impl::Candidate c;
            c.priority = static_cast<float>(s.labelPriority * 100.0 + std::log10(1e-6 + areaDeg2));
            c.firstBox = static_cast<uint32_t>(m.boxes.size());
            c.boxCount = 1;
            c.entry = static_cast<uint32_t>(m.entries.size());
            m.boxes.push_back({{cx - 0.5f * w, cy - 0.5f * h, cx + 0.5f * w, cy + 0.5f * h}, cx, cy});
            m.candidates.push_back(c);
            m.entries.push_back({&texts[f], &s, {}, s.labelSizePx * ratio});
        }
    }
    // Places: the dot with the text beside it, right of the dot first, then left, above and below.
    const float placeSize = look.sizePx * ratio;
    const float dotR = look.dotRadiusPx * ratio, gap = 2.5f * ratio;
    for (const auto& place : places) {
        if (!place.text || place.text->empty() || !isFinite(place.anchor) ||
            !visible.contains(place.anchor.x, place.anchor.y))
            continue;
        ++stats.candidates;
        const ScreenXY p = view.toScreen(place.anchor);
        const float x = static_cast<float>(p.x), y = static_cast<float>(p.y);
        // Capitals and regional seats a step larger, so the hierarchy reads at a glance.
        const float scale = place.importance >= 0.8f ? 1.25f : place.importance >= 0.6f ? 1.1f : 1.f;
        const float textSize = placeSize * scale;
        const TextMetrics tm = m.text.measure(*place.text, textSize);
        const float w = tm.width + 4.f * ratio, h = tm.height() + 2.f * ratio;
        Impl::Candidate c;
        c.priority = 1500.f + 2000.f * place.importance;
        c.firstBox = static_cast<uint32_t>(m.boxes.size());
        c.boxCount = 4;
        c.entry = static_cast<uint32_t>(m.entries.size());
        const float hh = std::max(0.5f * h, dotR);
        // Each box covers the dot and the text; the text's centre comes with it.
        m.boxes.push_back({{x - dotR, y - hh, x + dotR + gap + w, y + hh}, x + dotR + gap + 0.5f * w, y});
        m.boxes.push_back({{x - dotR - gap - w, y - hh, x + dotR, y + hh}, x - dotR - gap - 0.5f * w, y});
        const float half = std::max(0.5f * w, dotR);
        m.boxes.push_back({{x - half, y - dotR - gap - h, x + half, y + dotR}, x, y - dotR - gap - 0.5f * h});
        m.boxes.push_back({{x - half, y - dotR, x + half, y + dotR + gap + h}, x, y + dotR + gap + 0.5f * h});
        m.candidates.push_back(c);
        m.entries.push_back({place.text, nullptr, {x, y}, textSize});
    }
    // Highest priority first; ties keep input order, so the same scene always gives the same labels.
    m.order.resize(m.candidates.size());
    for (size_t i = 0; i < m.order.size(); ++i) m.order[i] = static_cast<uint32_t>(i);
    std::stable_sort(m.order.begin(), m.order.end(), [&](uint32_t a, uint32_t b) {
        return m.candidates[a].priority > m.candidates[b].priority;
    });
    m.placer.reset(static_cast<float>(view.widthPx), static_cast<float>(view.heightPx), 3.f * ratio);
    for (const LabelBox& box : obstacles) m.placer.block(box);
    for (uint32_t i : m.order) {
        const Impl::Candidate& c = m.candidates[i];
        for (uint32_t b = c.firstBox; b < c.firstBox + c.boxCount; ++b) {
            if (!m.placer.tryPlace(m.boxes[b].box)) continue;
            const auto& e = m.entries[c.entry];
            m.drawn.push_back({e.style == nullptr, *e.text, m.boxes[b].box, e.dot});
            m.placedText.push_back({c.entry, m.boxes[b].textX, m.boxes[b].textY});
            break;
        }
    }
    if (m.drawn.empty()) return stats;
    m.text.begin(view.widthPx, view.heightPx);
    for (const auto& p : m.placedText) {
        const auto& e = m.entries[p.entry];
        TextStyle ts;
        ts.sizePx = e.sizePx;
        if (e.style) {
            const LayerStyle& s = *e.style;
            ts.fill = s.labelColor.withAlpha(s.labelColor.a * s.opacity);
            ts.halo = s.labelHalo.withAlpha(s.labelHalo.a * s.opacity);
        } else {
            ts.fill = look.fill;
            ts.halo = look.halo;
        }
        ts.haloWidthPx = 1.6f * ratio;
        m.text.addText(*e.text, p.x, p.y, ts);
    }
    m.text.flush();
    stats.placed = m.drawn.size();
    stats.drawCalls = 1;
    return stats;
}

}  // namespace fp
