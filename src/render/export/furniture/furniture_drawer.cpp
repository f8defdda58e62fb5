#include "render/export/furniture/furniture_drawer.h"

#include "core/export/furniture_content.h"
#include "render/export/furniture/furniture_layout.h"
#include "render/gl/gl.h"
#include "render/text/font_locator.h"

namespace fp {

struct FurnitureDrawer::Impl {
    Impl(TextRenderer r, TextRenderer b, ShapeBatch s)
        : regular(std::move(r)), bold(std::move(b)), shapes(std::move(s)) {}
    TextRenderer regular;
    TextRenderer bold;
    ShapeBatch shapes;
};

FurnitureDrawer::FurnitureDrawer() = default;
FurnitureDrawer::~FurnitureDrawer() = default;

Result<std::unique_ptr<FurnitureDrawer>> FurnitureDrawer::create() {
    auto regularFont = findSystemFont();
    if (!regularFont) return regularFont.error();
    auto boldFont = findSystemFont("DejaVu Sans", true);
    if (!boldFont) return boldFont.error();
    auto regular = TextRenderer::create(regularFont.value());
    if (!regular) return regular.error();
    auto bold = TextRenderer::create(boldFont.value());
    if (!bold) return bold.error();
    auto shapes = ShapeBatch::create();
    if (!shapes) return shapes.error();
    std::unique_ptr<FurnitureDrawer> d(new FurnitureDrawer());
    d->m_impl = std::make_unique<Impl>(std::move(regular).value(), std::move(bold).value(),
                                       std::move(shapes).value());
    return d;
}

namespace {

using namespace furniture;

/// The legend's rows and scales: categories of the layers drawn as markers, a scale per density layer.
LegendContent legendContent(const MapScene& scene, const MapState& state, const MapView& view,
                            const IncidentStyleSheet& sheet, IncidentDrawer* incidents) {
    LegendContent content;
    MapScene markers = scene;  // the scene without the layers drawn as density
    markers.incidentLayers.clear();
    size_t shown = 0;
    for (const IncidentLayer& layer : scene.incidentLayers) {
        if (!layer.style.visible || !layer.data) continue;
        ++shown;
        const auto scale =
            incidents ? incidents->densityScale(layer, view, scene.timeWindow()) : std::nullopt;
        if (!scale) {
            markers.incidentLayers.push_back(layer);
            continue;
        }
        content.densities.push_back(
            {layer.name, *scale, groundMetresPerPixelAtCenter(view, state.projection())});
    }
    content.entries = content.densities.empty() ? legendEntries(scene, sheet) : legendEntries(markers, sheet);
    if (shown < 2)
        for (DensityLegend& d : content.densities) d.layerName.clear();
    return content;
}

}  // namespace

FurnitureLayout FurnitureDrawer::layout(const MapState& state, const MapView& view, const MapFurniture& f,
                                        const IncidentStyleSheet& sheet, const std::string& defaultTitle,
                                        IncidentDrawer* incidents) {
    FurnitureLayout out;
    LayoutBuilder b(m_impl->regular, m_impl->bold, out, view);
    const MapScene scene = sceneShown(state.scene(), visibleGeoBBox(view, state.projection()));
    // Banners first: everything else sits between them. Then the top corners, the bottom left and the
    // bottom right, each column growing inwards; a part that would overlap one placed before is dropped.
    FreeSpace space = placeBanners(b, f);
    const float stampWidth = placeTimestamp(b, f.timestamp ? timestampText(scene) : "", space);
    const std::string title = f.title ? (f.titleText.empty() ? defaultTitle : f.titleText) : "";
    const std::string subtitle =
        f.subtitle ? (f.subtitleText.empty() ? defaultSubtitle(scene) : f.subtitleText) : "";
    placeTitle(b, title, subtitle, stampWidth, space);
    if (f.northArrow) placeNorthArrow(b, trueNorthAngle(view, state.projection()), space);
    if (f.scaleBar) placeScaleBar(b, groundMetresPerPixelAtCenter(view, state.projection()), space);
    if (f.legend) placeLegend(b, legendContent(scene, state, view, sheet, incidents), sheet, space);
    if (f.attribution) placeAttribution(b, attributionLines(scene), space);
    if (f.inset) placeInset(b, state, view, space);
    return out;
}

void FurnitureDrawer::draw(const FurnitureLayout& layout, MapRenderer& renderer, const MapView& view,
                           const DrawPlacement& placement) {
    const int targetHeight = placement.targetHeightPx > 0 ? placement.targetHeightPx : view.heightPx;
    auto fullViewport = [&] {
        glViewport(placement.offsetX, targetHeight - placement.offsetY - view.heightPx, view.widthPx,
                   view.heightPx);
    };
    fullViewport();
    m_impl->shapes.draw(layout.under, view.widthPx, view.heightPx);
    if (layout.inset) {
        const InsetMap& inset = *layout.inset;
        renderer.draw(
            inset.scene, inset.view,
            DrawPlacement{placement.offsetX + inset.x, placement.offsetY + inset.y, targetHeight, true});
        fullViewport();
    }
    m_impl->shapes.draw(layout.over, view.widthPx, view.heightPx);
    for (bool bold : {false, true}) {
        TextRenderer& text = bold ? m_impl->bold : m_impl->regular;
        text.begin(view.widthPx, view.heightPx);
        for (const auto& t : layout.texts)
            if (t.bold == bold) text.addText(t.text, t.x, t.y, t.style);
        text.flush();
    }
}

}  // namespace fp
