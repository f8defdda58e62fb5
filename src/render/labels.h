#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model/map_scene.h"
#include "core/model/map_view.h"
#include "core/util/result.h"

namespace fp {

/// The labelled features of one layer: its style and attributes, and its anchors in map units.
struct LabelSource {
    const MapLayer* layer = nullptr;
    const std::vector<MapXY>* anchors = nullptr;
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

    /// Draws the labels of `sources` (bottom layer first) into the bound framebuffer for `view`.
    LabelStats draw(const std::vector<LabelSource>& sources, const MapView& view, bool geographicCrs);

private:
    LabelDrawer();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace fp
