#include "render/incidents/density_drawer.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/util/log.h"
#include "render/export/furniture/shape_batch.h"
#include "render/gl/gl_objects.h"
#include "render/incidents/density_grid.h"
#include "render/incidents/incident_badges.h"
#include "render/incidents/incident_gpu.h"
#include "render/incidents/incident_time.h"
#include "render/text/font_locator.h"
#include "render/text/text_renderer.h"

namespace fp {

namespace {

// Hexagons are drawn this much smaller than their cells, so a thin gap of map shows between them.
constexpr float kHexInset = 0.92f;
constexpr float kHexLabelLogicalPx = 11.f;
/// Ramp positions at or below this are not drawn at all (their opacity would round to nothing).
constexpr float kHeatMinShown = 0.002f;

/// Everything a frame's density depends on; the frame is computed again when any of it changes.
struct FrameKey {
    const IncidentStore* data = nullptr;
    std::string crs;
    MapXY center;
    double unitsPerPixel = 0.0;
    int widthPx = 0, heightPx = 0;
    float pixelRatio = 0.f;
    int32_t windowStart = 0, windowEnd = 0;
    IncidentDrawStyle style = IncidentDrawStyle::Heatmap;
    bool weightByFatalities = false;
    std::vector<std::string> hidden;
    friend bool operator==(const FrameKey&, const FrameKey&) = default;
};

/// One layer's density data and its last frame.
struct LayerDensity {
    std::weak_ptr<const IncidentStore> data;  ///< the points' source; expired: the entry is dropped
    std::string crs;
    std::shared_ptr<const DensityPoints> points;  ///< PreparedIncidents::density, shared
    std::vector<uint8_t> categoryVisible;
    std::vector<std::string> hidden;
    FrameKey key;
    bool computed = false;
    HeatGrid heat;
    HexBins hexes;
    DensityScale scale;
    gl::Texture grid;  ///< heat.values, uploaded once per frame computed
    bool uploaded = false;
};

/// The heatmap's colours per grid cell (RGBA8, straight alpha): the density ramp on a square-root scale,
/// the low end fading out so the map shows through where little happened. Colouring the cells here rather
/// than every pixel in the shader costs a software renderer a tenth: a cell is 3 x 3 logical pixels and the
/// kernel is smooth over several cells, so filtering colours instead of values changes no visible pixel.
std::vector<uint8_t> heatColours(const HeatGrid& g) {
    std::vector<uint8_t> rgba(g.values.size() * 4);
    const float toUnit = g.maxValue > 0.f ? 1.f / g.maxValue : 0.f;
    auto byte = [](float v) { return static_cast<uint8_t>(std::lround(std::clamp(v, 0.f, 1.f) * 255.f)); };
    for (size_t i = 0; i < g.values.size(); ++i) {
        const float t = std::sqrt(std::clamp(g.values[i] * toUnit, 0.f, 1.f));
        // Cells with no weight keep the ramp's colour, so filtering towards them fades instead of darkening.
        const Color c = densityRampColor(t);
        uint8_t* out = &rgba[i * 4];
        out[0] = byte(c.r);
        out[1] = byte(c.g);
        out[2] = byte(c.b);
        out[3] = t <= kHeatMinShown ? 0 : byte(kHeatPeakAlpha * std::clamp(t / kHeatFadeEnd, 0.f, 1.f));
    }
    return rgba;
}

/// A hexagon's six corners around its centre (pointy top), `radius` pixels out.
std::vector<PixelXY> hexagonCorners(float x, float y, float radius) {
    std::vector<PixelXY> ring;
    ring.reserve(6);
    for (int i = 0; i < 6; ++i) {
        const double a = M_PI / 180.0 * (60.0 * i - 30.0);
        ring.push_back(
            {x + radius * static_cast<float>(std::cos(a)), y + radius * static_cast<float>(std::sin(a))});
    }
    return ring;
}

}  // namespace

struct DensityDrawer::Impl {
    gl::Program heat;
    gl::VertexArray emptyVao;
    std::optional<ShapeBatch> shapes;
    std::optional<TextRenderer> text;
    bool fontFailed = false;
    std::unordered_map<uint64_t, LayerDensity> layers;

    LayerDensity& layerFor(const IncidentLayer& layer, const PreparedIncidents& p);
    LayerDensity& frameFor(const IncidentLayer& layer, const PreparedIncidents& p, const MapView& view,
                           std::optional<TimeSpan> window, IncidentDrawStyle style);
    size_t drawHeat(LayerDensity& d, const IncidentLayer& layer, const MapView& view);
    size_t drawHexes(const LayerDensity& d, const IncidentLayer& layer, const MapView& view);
    TextRenderer* labelText();
};

DensityDrawer::DensityDrawer() : m_impl(std::make_unique<Impl>()) {}
DensityDrawer::~DensityDrawer() = default;

Result<std::unique_ptr<DensityDrawer>> DensityDrawer::create() {
    std::unique_ptr<DensityDrawer> d(new DensityDrawer());
    Impl& m = *d->m_impl;
    auto heat = gl::Program::fromEmbedded("density_heat.vert", "density_heat.frag");
    if (!heat) return heat.error();
    m.heat = std::move(heat).value();
    auto shapes = ShapeBatch::create();
    if (!shapes) return shapes.error();
    m.shapes.emplace(std::move(shapes).value());
    m.emptyVao = gl::createVertexArray();
    return d;
}

IncidentDrawStyle DensityDrawer::styleFor(const IncidentLayer& layer, const PreparedIncidents& prepared,
                                          const MapView& view, std::optional<TimeSpan> window) {
    if (layer.style.drawStyle != IncidentDrawStyle::Auto || !layer.data) return layer.style.drawStyle;
    const IncidentStore& store = *layer.data;
    double inWindow = static_cast<double>(store.size());
    if (window)
        inWindow = static_cast<double>(store.lowerBoundStart(window->end)) -
                   static_cast<double>(store.lowerBoundStart(window->begin));
    const double share = visibleShare(prepared.prep.extent, view.visibleExtent());
    const double viewportPx = static_cast<double>(view.widthPx) * view.heightPx;
    return effectiveDrawStyle(IncidentDrawStyle::Auto,
                              isDenseView(inWindow * share, viewportPx, view.pixelRatio));
}

LayerDensity& DensityDrawer::Impl::layerFor(const IncidentLayer& layer, const PreparedIncidents& p) {
    for (auto it = layers.begin(); it != layers.end();)
        it = it->second.data.expired() ? layers.erase(it) : std::next(it);
    LayerDensity& d = layers[layer.id];
    if (d.data.lock() != layer.data || d.crs != p.crsDefinition) {
        d = LayerDensity{};
        d.data = layer.data;
        d.crs = p.crsDefinition;
        d.points = p.density ? p.density : std::make_shared<const DensityPoints>();
    }
    if (d.categoryVisible.empty() || d.hidden != layer.style.hiddenCategories) {
        d.hidden = layer.style.hiddenCategories;
        d.categoryVisible = categoryVisibility(*layer.data, d.hidden);
    }
    return d;
}

LayerDensity& DensityDrawer::Impl::frameFor(const IncidentLayer& layer, const PreparedIncidents& p,
                                            const MapView& view, std::optional<TimeSpan> window,
                                            IncidentDrawStyle style) {
    LayerDensity& d = layerFor(layer, p);
    const IncidentTimeUniforms time = incidentTimeUniforms(window, false, false, p.prep.epochBase);
    FrameKey key{layer.data.get(),
                 p.crsDefinition,
                 view.center,
                 view.unitsPerPixel,
                 view.widthPx,
                 view.heightPx,
                 view.pixelRatio,
                 time.windowStart,
                 time.windowEnd,
                 style,
                 layer.style.weightByFatalities,
                 layer.style.hiddenCategories};
    if (d.computed && d.key == key) return d;
    DensityFilter filter;
    filter.windowStart = time.windowStart;
    filter.windowEnd = time.windowEnd;
    filter.categoryVisible = &d.categoryVisible;
    filter.weightByFatalities = layer.style.weightByFatalities;
    d.scale = DensityScale{};
    d.scale.style = style;
    d.scale.weightByFatalities = filter.weightByFatalities;
    if (style == IncidentDrawStyle::Hexbin) {
        d.hexes = binHexagons(*d.points, filter, view);
        d.heat = HeatGrid{};
        d.scale.maxValue = d.hexes.maxValue;
        d.scale.areaPx = 1.5f * std::sqrt(3.f) * d.hexes.radiusPx * d.hexes.radiusPx;
    } else {
        d.heat = computeHeatGrid(*d.points, filter, view);
        d.hexes = HexBins{};
        d.scale.maxValue = d.heat.maxValue;
        d.scale.areaPx = d.heat.cellPx * d.heat.cellPx;
    }
    d.key = std::move(key);
    d.computed = true;
    d.uploaded = false;
    return d;
}

size_t DensityDrawer::Impl::drawHeat(LayerDensity& d, const IncidentLayer& layer, const MapView& view) {
    const HeatGrid& g = d.heat;
    if (g.maxValue <= 0.f) return 0;
    if (!d.grid) d.grid = gl::createTexture();
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, d.grid.id());
    if (!d.uploaded) {
        const std::vector<uint8_t> colours = heatColours(g);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, g.cols, g.rows, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                     colours.data());
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        d.uploaded = true;
    }
    heat.use();
    glUniform1i(heat.uniform("uGrid"), 1);
    glUniform2f(heat.uniform("uGridScale"), static_cast<float>(view.widthPx) / (g.cols * g.cellPx),
                static_cast<float>(view.heightPx) / (g.rows * g.cellPx));
    glUniform1f(heat.uniform("uOpacity"), layer.style.opacity);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glBindVertexArray(emptyVao.id());
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, 0);
    glActiveTexture(GL_TEXTURE0);
    return 1;
}

TextRenderer* DensityDrawer::Impl::labelText() {
    if (!text && !fontFailed) {
        auto font = findSystemFont("DejaVu Sans", true);
        FontAtlasOptions options;
        options.width = 256;
        options.initialHeight = 128;
        options.maxHeight = 256;
        auto created =
            font ? TextRenderer::create(font.value(), options) : Result<TextRenderer>(font.error());
        if (created) {
            text.emplace(std::move(created).value());
        } else {
            fontFailed = true;
            logWarning("hexagon counts are not drawn: " + created.error().describe());
        }
    }
    return text ? &*text : nullptr;
}

size_t DensityDrawer::Impl::drawHexes(const LayerDensity& d, const IncidentLayer& layer,
                                      const MapView& view) {
    const HexBins& h = d.hexes;
    if (h.bins.empty()) return 0;
    ShapeList list;
    for (const HexBin& bin : h.bins) {
        const float t = std::sqrt(bin.value / h.maxValue);
        list.addFan({bin.x, bin.y}, hexagonCorners(bin.x, bin.y, h.radiusPx * kHexInset),
                    densityRampColor(t).withAlpha(kHexbinAlpha * layer.style.opacity));
    }
    shapes->draw(list, view.widthPx, view.heightPx);
    TextRenderer* labels = labelText();
    if (!labels) return 1;
    const float size = kHexLabelLogicalPx * view.pixelRatio;
    // Counts inside their hexagons; a count wider than the hexagon is left out rather than spill over.
    const float room = std::sqrt(3.f) * h.radiusPx * kHexInset - 2.f * view.pixelRatio;
    labels->begin(view.widthPx, view.heightPx);
    for (const HexBin& bin : h.bins) {
        const std::string label = badgeText(static_cast<uint32_t>(std::lround(bin.value)));
        if (labels->measure(label, size).width > room) continue;
        const bool dark = std::sqrt(bin.value / h.maxValue) > 0.55f;
        TextStyle style;
        style.sizePx = size;
        style.fill =
            (dark ? Color::rgb(255, 255, 255) : Color::rgb(40, 20, 10)).withAlpha(layer.style.opacity);
        style.haloWidthPx = 0.f;
        labels->addText(label, bin.x, bin.y, style);
    }
    labels->flush();
    return 2;
}

size_t DensityDrawer::draw(const IncidentLayer& layer, const PreparedIncidents& prepared, const MapView& view,
                           std::optional<TimeSpan> window, IncidentDrawStyle style) {
    LayerDensity& d = m_impl->frameFor(layer, prepared, view, window, style);
    return style == IncidentDrawStyle::Hexbin ? m_impl->drawHexes(d, layer, view)
                                              : m_impl->drawHeat(d, layer, view);
}

DensityScale DensityDrawer::scale(const IncidentLayer& layer, const PreparedIncidents& prepared,
                                  const MapView& view, std::optional<TimeSpan> window,
                                  IncidentDrawStyle style) {
    return m_impl->frameFor(layer, prepared, view, window, style).scale;
}

}  // namespace fp
