#pragma once
// IncidentDrawer's state, shared by incident_drawer.cpp (sync, discs, leaders, picking) and
// incident_drawer_passes.cpp (markers, badges).

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "render/gl/gl_objects.h"
#include "render/incidents/density_drawer.h"
#include "render/incidents/incident_drawer.h"
#include "render/incidents/incident_gpu.h"
#include "render/incidents/incident_prep.h"
#include "render/incidents/incident_time.h"
#include "render/text/label_placer.h"
#include "render/text/text_renderer.h"

namespace fp {

struct IncidentDrawer::Impl {
    gl::Program marker;        // quads, no spread group
    gl::Program markerSpread;  // quads with the spider layout
    gl::Program markerPoints;  // point sprites, no spread group
    gl::Program ring, line;
    float maxPointSize = 1.f;
    std::unique_ptr<DensityDrawer> density;
    gl::Buffer leaderVbo;
    gl::VertexArray leaderVao;
    std::unordered_map<const IncidentStore*, PreparedIncidents> prepared;
    std::unordered_map<uint64_t, LayerCategories> layers;
    std::vector<std::pair<std::shared_ptr<const IncidentStore>, std::future<PreparedIncidents>>> jobs;
    std::string jobsCrs;
    std::optional<TextRenderer> badgeText;
    bool badgeFontFailed = false;
    LabelPlacer placer;
    std::vector<InstanceSegment> segments;  // this pass's, reused between passes and frames
    std::vector<GLint> segmentFirsts;
    std::vector<GLsizei> segmentCounts;

    PreparedIncidents* find(const IncidentLayer& layer) {
        auto it = prepared.find(layer.data.get());
        return it == prepared.end() ? nullptr : &it->second;
    }
    /// Prepares and uploads `p`'s markers unless done (synchronously: the first frame that draws or picks the
    /// layer as markers waits for it). False when it has none to draw.
    bool ensureMarkers(PreparedIncidents& p);
    LayerCategories& categoriesFor(const IncidentLayer& layer, const IncidentStyleSheet& sheet) {
        LayerCategories& lc = layers[layer.id];
        if (lc.data != layer.data.get() || lc.sheet != &sheet || lc.hidden != layer.style.hiddenCategories ||
            !lc.texture) {
            lc.data = layer.data.get();
            lc.sheet = &sheet;
            lc.hidden = layer.style.hiddenCategories;
            lc.filter.categoryVisible = categoryVisibility(*layer.data, lc.hidden);
            uploadCategories(lc, *layer.data, sheet);
        }
        return lc;
    }
};

/// One layer's view of this frame: its data, the uniforms and bounds every pass of it shares.
struct IncidentDrawer::LayerFrame {
    const IncidentLayer* layer = nullptr;
    const PreparedIncidents* prepared = nullptr;
    LayerCategories* categories = nullptr;
    IncidentTimeUniforms time;
    IncidentFocus focus;
    float scale = 1.f;                   ///< marker scale times the pixel ratio
    float offsetX = 0.f, offsetY = 0.f;  ///< layer origin minus view centre, map units
    MapBBox visible;                     ///< the view, in map units from the layer origin
    const IncidentPrep& prep() const { return prepared->prep; }
};

}  // namespace fp
