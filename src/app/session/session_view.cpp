// The Session's view commands: pan, zoom, Home, zoom to a layer, fly to an incident or a place.
#include <algorithm>
#include <cmath>

#include "app/session/session.h"
#include "core/geo/framing.h"
#include "core/util/log.h"

namespace fp {

namespace {

constexpr double kMinGroundMetresPerPixel = 0.01;
constexpr double kMaxGroundMetresPerPixel = 40000.0;
/// Ground scale a fly-to an exact place zooms in to.
constexpr double kExactPlaceMetresPerPixel = 20.0;
/// Share of the view's shorter side an uncertainty disc (or a place's radius) fills after a fly-to.
constexpr double kFlyToFill = 0.8;

}  // namespace

Status Session::on(const Pan& pan) {
    m_state.panByPixels(pan.dx, pan.dy);
    return {};
}

Status Session::on(const Zoom& zoom) {
    MapView next = m_state.view();
    next.zoomAbout(zoom.anchor, zoom.factor);
    const double ground = groundMetresPerPixelAtCenter(next, m_state.projection());
    // Zooms beyond sensible ground scales are ignored. Outside the projection's domain the ground scale is
    // undefined: zooming in is allowed, never out.
    const bool beyond = std::isfinite(ground) ? (zoom.factor > 1.0 && ground < kMinGroundMetresPerPixel) ||
                                                    (zoom.factor < 1.0 && ground > kMaxGroundMetresPerPixel)
                                              : zoom.factor < 1.0;
    if (!beyond) m_state.setView(next);
    return {};
}

Status Session::on(const ResetView&) {
    frameHome();
    return {};
}

Status Session::on(const ZoomToLayer& zoom) {
    if (const IncidentLayer* incidents = m_state.scene().findIncidentLayer(zoom.layerId)) {
        if (incidents->data && !incidents->data->empty())
            frameArea(withRoomAroundPlace(incidents->data->extent()));
        return {};
    }
    const MapLayer* layer = m_state.scene().find(zoom.layerId);
    if (!layer)
        return makeError(ErrorCode::NotFound, "layer " + std::to_string(zoom.layerId),
                         "the layer no longer exists");
    if (layer->data && !layer->data->extent.empty()) frameArea(layer->data->extent);
    return {};
}

void Session::frameArea(const GeoBBox& box) {
    fitUncovered([&] { m_state.frame(box); });
    // A layer far from the map's area in a CRS meant for that area (the default UTM zone) folds and
    // stretches.
    warnIfCrsUnsuited(box);
}

void Session::warnIfCrsUnsuited(const GeoBBox& area) {
    if (auto why = crsUnsuitedFor(m_state.scene().crs, area); why && m_crsWarnings.insert(*why).second)
        logWarning(*why);
}

void Session::bringIntoView(const GeoBBox& added) {
    const GeoBBox box = withRoomAroundPlace(added);
    const MapBBox projected = projectGeoBBox(box, m_state.projection());
    if (!projected.empty() && !projected.intersects(m_state.view().visibleExtent())) frameArea(box);
}

void Session::centreOn(MapXY at, double radiusMetres) {
    fitUncovered([&] {
        MapView view = m_state.view();
        view.center = at;
        const double target =
            radiusMetres > 0.0
                ? 2.0 * radiusMetres / (kFlyToFill * std::max(1, std::min(view.widthPx, view.heightPx)))
                : kExactPlaceMetresPerPixel;
        const double ground = groundMetresPerPixelAtCenter(view, m_state.projection());
        if (std::isfinite(ground) && ground > target) view.unitsPerPixel *= target / ground;
        m_state.setView(view);
    });
}

Status Session::on(const FlyToIncident& fly) {
    const IncidentRef& ref = fly.incident;
    const IncidentLayer* layer = m_state.scene().findIncidentLayer(ref.layerId);
    if (!layer || !layer->data || ref.index >= layer->data->size())
        return makeError(ErrorCode::NotFound, "incident", "the incident is no longer loaded");
    const IncidentStore& store = *layer->data;
    const MapXY at = m_state.projection().project({store.lon()[ref.index], store.lat()[ref.index]});
    if (!isFinite(at))
        return makeError(ErrorCode::ProjectionFailed, std::string(store.id(ref.index)),
                         "the incident lies outside the area the map CRS covers");
    centreOn(at,
             uncertaintyRadiusMetres(static_cast<LocationPrecision>(store.locationPrecision()[ref.index])));
    return {};
}

Status Session::on(const FlyToPlace& place) {
    const MapXY at =
        isValidLonLat(place.position) ? m_state.projection().project(place.position) : MapXY{NAN, NAN};
    if (!isFinite(at))
        return makeError(ErrorCode::ProjectionFailed, place.name,
                         "the place lies outside the area the map CRS covers");
    centreOn(at, place.radiusMetres);
    return {};
}

Status Session::on(const SelectIncident& select) {
    IncidentSelection selection = m_state.selection();
    selection.selectedLayer = select.incident.layerId;
    selection.selectedIndex = select.incident.index;
    m_state.setSelection(selection);
    return {};
}

Status Session::on(const SpreadIncidentGroup& spread) {
    IncidentSelection selection = m_state.selection();
    selection.spreadLayer = spread.layerId;
    selection.spreadGroup = spread.group;
    m_state.setSelection(selection);
    return {};
}

}  // namespace fp
