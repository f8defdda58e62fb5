#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/model/incident_style_sheet.h"
#include "render/gl/gl_objects.h"
#include "render/incidents/incident_picker.h"
#include "render/incidents/incident_prep.h"

namespace fp {

struct DensityPoints;

/// GPU buffers and CPU indexes of one IncidentStore in one CRS. Made in two stages: the frame (origin,
/// extent, epochBase, projectionFailures of `prep`) and the density points, which every drawing style needs,
/// when the data or CRS changes; the markers (the rest of `prep`, the buffers) only when a frame first draws
/// or picks the layer as markers: a dense layer drawn as a heatmap or hexagonal bins never pays for them.
struct PreparedIncidents {
    std::string crsDefinition;
    Crs crs;
    std::shared_ptr<const IncidentStore> data;  ///< pinned, so its address is not reused while cached
    IncidentPrep prep;                          ///< the frame only until markersReady
    size_t drawnCount = 0;                      ///< incidents that project
    std::shared_ptr<const DensityPoints> density;
    bool markersReady = false;
    double maxRingRadius = 0.0;  ///< map units
    double ringArea = 0.0;       ///< sum of the discs' areas, map units squared
    gl::Buffer markerVbo, ringVbo;
    gl::VertexArray markerVao, ringVao;
    gl::VertexArray markerPointVao;  ///< the same markers, one vertex each (divisor 0), for point sprites
};

/// Uploads the preparation's instances and discs into VAOs laid out as IncidentInstance and
/// UncertaintyInstance (shaders/incident_marker.vert, incident_ring.vert); fills the disc totals.
void uploadIncidents(PreparedIncidents& p);

/// Points the bound marker VAO's attributes (quads or point sprites) at instance `first` of the buffer bound
/// to GL_ARRAY_BUFFER, so a draw starting at 0 draws from there (GL 3.3 has no base instance).
void pointMarkerAttributes(uint32_t first);
/// The same for the bound disc VAO and UncertaintyInstance `first`.
void pointRingAttributes(uint32_t first);

/// Share (0..1) of `extent` inside `visible`; 1 when the extent has no area.
double visibleShare(const MapBBox& extent, const MapBBox& visible);

/// Size factor (0..1) for a layer's markers in this view. Markers keep their size until, by an O(1)
/// estimate (visible incidents times the smallest marker's area, over the on-screen part of the layer's
/// extent in pixels, at least a quarter and at most all of the viewport), they would cover that area more
/// than 1.5 times over; beyond that they shrink with 1/sqrt(overdraw), so their total area stays at 1.5
/// times it, down to `minDiameterPx` for the smallest class. A dense layer seen from afar then shows where
/// incidents are instead of a solid mass, at a fraction of the fill cost.
float markerShrink(const PreparedIncidents& p, const MapBBox& visible, double unitsPerPixel,
                   double viewportPx, float diameterPx, float minDiameterPx);

/// Per incident layer: its category texture and the same category visibility for picking.
struct LayerCategories {
    const IncidentStore* data = nullptr;
    const IncidentStyleSheet* sheet = nullptr;
    std::vector<std::string> hidden;
    gl::Texture texture;
    IncidentFilter filter;
};

/// 1 per store category unless its name is in `hidden`.
std::vector<uint8_t> categoryVisibility(const IncidentStore& store, const std::vector<std::string>& hidden);

/// (Re)creates the layer's category texture, 256 texels wide, two rows per 256 categories: row 2b holds the
/// colour of category 256 b + x, row 2b + 1 its shape (red) and visibility (green). Uses lc.filter.
void uploadCategories(LayerCategories& lc, const IncidentStore& store, const IncidentStyleSheet& sheet);

/// Opacity factor (0..1) for a layer's uncertainty discs in this view, from an O(1) estimate of their
/// overdraw: the discs' total area in pixels times the share of the layer's extent on screen, over the
/// viewport's area. Full up to 1.5, none from 4.
float discFade(const PreparedIncidents& p, const MapBBox& visible, double unitsPerPixel, double viewportPx);

}  // namespace fp
