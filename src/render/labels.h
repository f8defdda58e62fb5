#pragma once

#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model/map_scene.h"
#include "core/model/map_view.h"
#include "core/util/result.h"
#include "render/text/label_placer.h"

namespace fp {

/// The labelled features of one layer: its style and attributes, and its anchors in map units.
struct LabelSource {
    const MapLayer* layer = nullptr;
    const std::vector<MapXY>* anchors = nullptr;
};

/// A gazetteer place to label: a dot at the anchor and its name beside it (right, else left, above, below).
struct PlaceLabelItem {
    MapXY anchor;                       ///< map units
    const std::string* text = nullptr;  ///< must outlive draw()
    float importance = 0.f;             ///< placeImportance in [0, 1]; decides the label's priority
};

/// How place labels look. Sizes are logical pixels.
struct PlaceLabelLook {
    float sizePx = 11.f;
    Color fill = Color::rgb(40, 36, 32);
    Color halo = Color::rgb(255, 255, 255).withAlpha(0.85f);
    float dotRadiusPx = 3.f;  ///< outer radius; the outer 1.5 px are a halo ring
};

/// A label placed by the last draw(), for tests and for the caller to draw place dots.
struct DrawnLabel {
    bool isPlace = false;
    std::string text;
    LabelBox box;  ///< everything the label covers (for a place: its dot and text), screen pixels
    ScreenXY dot;  ///< a place's dot centre, screen pixels (unused for area labels)
};

struct LabelStats {
    size_t candidates = 0;
    size_t placed = 0;
    size_t drawCalls = 0;
};

/// Places feature labels without overlaps (higher style priority and larger features first) and draws them
/// with a halo. Needs a current GL context for its whole life.
class LabelDrawer {
public:
    /// Loads the system label font (Latin with diacritics and Cyrillic).
    static Result<std::unique_ptr<LabelDrawer>> create();
    ~LabelDrawer();

    /// Draws the labels of `sources` (bottom layer first) and of `places` into the bound framebuffer for
    /// `view`. Both kinds go through one placer by priority, so no two labels overlap: area labels by layer
    /// priority (labelPriority * 100 + log10 of the area), places at 1500 + 2000 * importance (capitals above
    /// Kosovo's district names, towns above Serbia's). Place dots are not drawn here (see drawnLabels()).
    LabelStats draw(const std::vector<LabelSource>& sources, const MapView& view, bool geographicCrs,
                    const std::vector<PlaceLabelItem>& places = {}, const PlaceLabelLook& look = {},
                    std::span<const LabelBox> obstacles = {});
    /// The labels the last draw() placed, in placement order.
    const std::vector<DrawnLabel>& drawnLabels() const;

private:
    LabelDrawer();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace fp
