#include "render/labels.h"

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
    std::vector<LabelCandidate> candidates;
    struct Entry {
        const std::string* text;
        const LayerStyle* style;
    };
    std::vector<Entry> entries;
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

LabelStats LabelDrawer::draw(const std::vector<LabelSource>& sources, const MapView& view,
                             bool geographicCrs) {
    LabelStats stats;
    Impl& m = *m_impl;
    m.candidates.clear();
    m.entries.clear();
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
            LabelCandidate c;
            c.id = m.entries.size();
            c.centerX = static_cast<float>(p.x);
            c.centerY = static_cast<float>(p.y);
            c.width = tm.width + 4.f * ratio;
            c.height = tm.height() + 2.f * ratio;
            c.priority = static_cast<float>(s.labelPriority * 100.0 + std::log10(1e-6 + areaDeg2));
            m.candidates.push_back(c);
            m.entries.push_back({&texts[f], &s});
        }
    }
    auto placed = m.placer.place(m.candidates, static_cast<float>(view.widthPx),
                                 static_cast<float>(view.heightPx), 3.f * ratio);
    if (placed.empty()) return stats;
    m.text.begin(view.widthPx, view.heightPx);
    for (const auto& p : placed) {
        const auto& e = m.entries[p.id];
        const LayerStyle& s = *e.style;
        TextStyle ts;
        ts.sizePx = s.labelSizePx * ratio;
        ts.fill = s.labelColor.withAlpha(s.labelColor.a * s.opacity);
        ts.halo = s.labelHalo.withAlpha(s.labelHalo.a * s.opacity);
        ts.haloWidthPx = 1.6f * ratio;
        m.text.addText(*e.text, 0.5f * (p.box.x0 + p.box.x1), 0.5f * (p.box.y0 + p.box.y1), ts);
    }
    m.text.flush();
    stats.placed = placed.size();
    stats.drawCalls = 1;
    return stats;
}

}  // namespace fp
