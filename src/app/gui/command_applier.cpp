#include "app/gui/command_applier.h"

#include <cmath>

#include "core/project/default_scene.h"
#include "core/util/log.h"

namespace fp {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

constexpr double kMinGroundMetresPerPixel = 0.01;
constexpr double kMaxGroundMetresPerPixel = 40000.0;

void zoom(MapState& state, const Zoom& z) {
    MapView next = state.view();
    next.zoomAbout(z.anchor, z.factor);
    const double ground = groundMetresPerPixelAtCenter(next, state.projection());
    // Outside the projection's domain the ground scale is undefined: allow zooming in, never out.
    if (std::isfinite(ground) ? (z.factor > 1.0 && ground < kMinGroundMetresPerPixel) ||
                                    (z.factor < 1.0 && ground > kMaxGroundMetresPerPixel)
                              : z.factor < 1.0)
        return;
    state.view() = next;
}

Status addLayers(MapState& state, const std::string& path) {
    auto ids = state.addLayers(path);
    if (!ids) return ids.error();
    // A layer far from what is on screen would look like nothing happened: bring it into view.
    GeoBBox added;
    for (uint64_t id : ids.value())
        if (const MapLayer* layer = state.scene().find(id); layer && layer->data)
            added.extend(layer->data->extent);
    const MapBBox projected = projectGeoBBox(added, state.projection());
    if (!projected.empty() && !projected.intersects(state.view().visibleExtent())) state.frame(added);
    return {};
}

Status layerMissing(uint64_t id) {
    return makeError(ErrorCode::NotFound, "layer " + std::to_string(id), "the layer no longer exists");
}

}  // namespace

Status applyCommand(MapState& state, const Command& command) {
    return std::visit(Overloaded{
                          [&](const Pan& p) -> Status {
                              state.view().panByPixels(p.dx, p.dy);
                              return {};
                          },
                          [&](const Zoom& z) -> Status {
                              zoom(state, z);
                              return {};
                          },
                          [&](const ResetView&) -> Status {
                              state.frame(defaultFocusBBox());
                              return {};
                          },
                          [&](const SetLayerStyle& s) -> Status {
                              MapLayer* layer = state.scene().find(s.layerId);
                              if (!layer) return layerMissing(s.layerId);
                              layer->style = s.style;
                              return {};
                          },
                          [&](const MoveLayer& m) -> Status {
                              // Moving past either end is a harmless no-op, not an error.
                              if (!state.scene().find(m.layerId)) return layerMissing(m.layerId);
                              state.scene().move(m.layerId, m.direction);
                              return {};
                          },
                          [&](const RemoveLayer& r) -> Status {
                              const MapLayer* layer = state.scene().find(r.layerId);
                              if (!layer) return layerMissing(r.layerId);
                              const std::string name = !layer->name.empty() ? layer->name
                                                       : layer->data        ? layer->data->displayName
                                                                            : std::string("layer");
                              state.scene().remove(r.layerId);
                              logInfo("Removed layer " + name);
                              return {};
                          },
                          [&](const ZoomToLayer& z) -> Status {
                              const MapLayer* layer = state.scene().find(z.layerId);
                              if (!layer) return layerMissing(z.layerId);
                              if (layer->data && !layer->data->extent.empty())
                                  state.frame(layer->data->extent);
                              return {};
                          },
                          [&](const AddLayer& a) -> Status { return addLayers(state, a.path); },
                          [&](const SetCrs& c) -> Status { return state.setCrs(c.definition); },
                          [&](const ClearLog&) -> Status {
                              Log::instance().clear();
                              return {};
                          },
                          [&](const SetTheme&) -> Status { return {}; },
                          [&](const ShowPanel&) -> Status { return {}; },
                          [&](const Quit&) -> Status { return {}; },
                      },
                      command);
}

}  // namespace fp
