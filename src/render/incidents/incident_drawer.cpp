#include "render/incidents/incident_drawer.h"

#include <algorithm>
#include <cmath>
#include <future>
#include <limits>
#include <unordered_map>

#include "core/util/log.h"
#include "render/gl/gl_objects.h"
#include "render/gl/shader_sources.h"
#include "render/incidents/density_grid.h"
#include "render/incidents/incident_drawer_impl.h"
#include "render/incidents/incident_gpu.h"
#include "render/incidents/incident_layout.h"
#include "render/incidents/incident_picker.h"
#include "render/incidents/incident_prep.h"
#include "render/incidents/incident_time.h"
#include "render/text/font_locator.h"
#include "render/text/label_placer.h"
#include "render/text/text_renderer.h"

namespace fp {

namespace {

/// The marker program with `defines` ("#define FP_POINTS\n" ...) after each shader's #version line.
Result<gl::Program> markerVariant(const std::string& defines) {
    std::string vs(embeddedShader("incident_marker.vert")), fs(embeddedShader("incident_marker.frag"));
    for (std::string* src : {&vs, &fs}) {
        const size_t eol = src->find('\n');
        src->insert(eol == std::string::npos ? src->size() : eol + 1, defines);
    }
    return gl::Program::fromSource(vs, fs, "incident_marker " + defines);
}

}  // namespace

IncidentDrawer::IncidentDrawer() : m_impl(std::make_unique<Impl>()), m_sheet(IncidentStyleSheet::shipped()) {}
IncidentDrawer::~IncidentDrawer() {
    for (auto& job : m_impl->jobs) job.second.wait();
}

Result<std::unique_ptr<IncidentDrawer>> IncidentDrawer::create() {
    std::unique_ptr<IncidentDrawer> d(new IncidentDrawer());
    auto marker = markerVariant("");
    if (!marker) return marker.error();
    auto markerSpread = markerVariant("#define FP_SPREAD\n");
    if (!markerSpread) return markerSpread.error();
    auto markerPoints = markerVariant("#define FP_POINTS\n");
    if (!markerPoints) return markerPoints.error();
    GLfloat pointRange[2] = {1.f, 1.f};
    glGetFloatv(GL_ALIASED_POINT_SIZE_RANGE, pointRange);
    d->m_impl->maxPointSize = pointRange[1];
    auto density = DensityDrawer::create();
    if (!density) return density.error();
    d->m_impl->density = std::move(density).value();
    auto ring = gl::Program::fromEmbedded("incident_ring.vert", "incident_ring.frag");
    if (!ring) return ring.error();
    auto line = gl::Program::fromEmbedded("line.vert", "line.frag");
    if (!line) return line.error();
    d->m_impl->marker = std::move(marker).value();
    d->m_impl->markerSpread = std::move(markerSpread).value();
    d->m_impl->markerPoints = std::move(markerPoints).value();
    d->m_impl->ring = std::move(ring).value();
    d->m_impl->line = std::move(line).value();
    d->m_impl->leaderVbo = gl::createBuffer();
    d->m_impl->leaderVao = gl::createVertexArray();
    glBindVertexArray(d->m_impl->leaderVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, d->m_impl->leaderVbo.id());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 4, GL_FLOAT, GL_FALSE, 4 * sizeof(float), nullptr);
    glVertexAttribDivisor(0, 1);
    glBindVertexArray(0);
    return d;
}

void IncidentDrawer::setStyleSheet(std::shared_ptr<const IncidentStyleSheet> sheet) {
    if (sheet) m_sheet = std::move(sheet);
}

void IncidentDrawer::beginSync(const MapScene& scene, const MapProjection& projection) {
    Impl& impl = *m_impl;
    const std::string& crs = projection.crs().definition();
    std::unordered_map<const IncidentStore*, std::shared_ptr<const IncidentStore>> wanted;
    for (const auto& layer : scene.incidentLayers)
        if (layer.data) wanted.emplace(layer.data.get(), layer.data);
    for (auto it = impl.prepared.begin(); it != impl.prepared.end();)
        it = wanted.count(it->first) ? std::next(it) : impl.prepared.erase(it);
    for (auto it = impl.layers.begin(); it != impl.layers.end();) {
        const bool used = std::any_of(scene.incidentLayers.begin(), scene.incidentLayers.end(),
                                      [&](const IncidentLayer& l) { return l.id == it->first; });
        it = used ? std::next(it) : impl.layers.erase(it);
    }
    impl.jobsCrs = crs;
    for (const auto& [ptr, data] : wanted) {
        auto found = impl.prepared.find(ptr);
        if (found != impl.prepared.end() && found->second.crsDefinition == crs) continue;
        const Crs mapCrs = projection.crs();
        // One MapProjection per task: PROJ objects must not be shared between threads.
        impl.jobs.emplace_back(
            data, std::async(std::launch::async, [data, mapCrs] {
                PreparedIncidents p;
                p.crs = mapCrs;
                auto local = MapProjection::create(mapCrs);
                if (!local) return p;
                const std::vector<MapXY> projected = prepareIncidentFrame(*data, local.value(), p.prep);
                p.drawnCount = data->size() - p.prep.projectionFailures;
                p.density =
                    std::make_shared<const DensityPoints>(buildDensityPoints(data, projected, p.prep));
                return p;
            }));
    }
}

void IncidentDrawer::finishSync() {
    Impl& impl = *m_impl;
    for (auto& [data, future] : impl.jobs) {
        PreparedIncidents prepared = future.get();
        prepared.crsDefinition = impl.jobsCrs;
        prepared.data = data;
        if (prepared.prep.projectionFailures > 0)
            logWarning(std::to_string(prepared.prep.projectionFailures) +
                       " incidents lie outside the area where the map CRS is defined and are not drawn");
        impl.prepared[data.get()] = std::move(prepared);
    }
    impl.jobs.clear();
}

bool IncidentDrawer::Impl::ensureMarkers(PreparedIncidents& p) {
    if (p.markersReady) return !p.prep.instances.empty();
    auto projection = MapProjection::create(p.crs);
    if (!projection) return false;
    p.prep = prepareIncidents(*p.data, projection.value());
    uploadIncidents(p);
    p.markersReady = true;
    return !p.prep.instances.empty();
}

bool IncidentDrawer::inReach(const IncidentLayer& layer, const PreparedIncidents& prepared,
                             const MapView& view) const {
    const double scale = layer.style.markerScale * view.pixelRatio;
    // Discs only count once the markers (and with them the discs) are prepared: density draws none.
    const double rings = layer.style.showUncertainty && prepared.markersReady ? prepared.maxRingRadius : 0.0;
    const double reach = (m_sheet->marker().maxSizePx * scale + 8.0) * view.unitsPerPixel + rings;
    const MapBBox& e = prepared.prep.extent;
    return MapBBox::fromCorners(e.minX - reach, e.minY - reach, e.maxX + reach, e.maxY + reach)
        .intersects(view.visibleExtent());
}

PreparedIncidents* IncidentDrawer::shown(const IncidentLayer& layer) const {
    const IncidentStyle& style = layer.style;
    if (!style.visible || !layer.data || style.opacity <= 0.f) return nullptr;
    PreparedIncidents* prepared = m_impl->find(layer);
    return prepared && prepared->drawnCount > 0 ? prepared : nullptr;
}

std::optional<IncidentDrawer::LayerFrame> IncidentDrawer::layerFrame(const MapScene& scene,
                                                                     const IncidentLayer& layer,
                                                                     const MapView& view) {
    PreparedIncidents* shownData = shown(layer);
    if (!shownData) return std::nullopt;
    PreparedIncidents& prepared = *shownData;
    if (!m_impl->ensureMarkers(prepared) || !inReach(layer, prepared, view)) return std::nullopt;
    LayerFrame frame;
    frame.layer = &layer;
    frame.prepared = &prepared;
    frame.scale = layer.style.markerScale * view.pixelRatio;
    const IncidentPrep& prep = prepared.prep;
    const MapBBox visible = view.visibleExtent();
    frame.categories = &m_impl->categoriesFor(layer, *m_sheet);
    frame.time =
        incidentTimeUniforms(scene.timeWindow(), scene.time.fadeByAge, scene.time.showGhosts, prep.epochBase);
    frame.categories->filter.windowStart = frame.time.windowStart;
    frame.categories->filter.windowEnd = frame.time.windowEnd;
    frame.focus = scene.incidentFocus;
    frame.offsetX = static_cast<float>(prep.origin.x - view.center.x);
    frame.offsetY = static_cast<float>(prep.origin.y - view.center.y);
    frame.visible = MapBBox::fromCorners(visible.minX - prep.origin.x, visible.minY - prep.origin.y,
                                         visible.maxX - prep.origin.x, visible.maxY - prep.origin.y);
    return frame;
}

size_t IncidentDrawer::drawDiscs(const LayerFrame& frame, const MapView& view) {
    const IncidentPrep& prep = frame.prep();
    const IncidentStyle& style = frame.layer->style;
    const double viewportPx = static_cast<double>(view.widthPx) * view.heightPx;
    const float fade = style.showUncertainty && !prep.rings.empty()
                           ? discFade(*frame.prepared, view.visibleExtent(), view.unitsPerPixel, viewportPx)
                           : 0.f;
    if (fade <= 0.f) return 0;
    std::vector<InstanceSegment>& segments = m_impl->segments;
    segments.clear();
    // Quads reach 2 px past the disc (see incident_ring.vert).
    prep.ringRanges.collect(frame.time.windowStart, frame.time.windowEnd, frame.visible,
                            2.0 * view.unitsPerPixel, segments);
    if (segments.empty()) return 0;
    const UncertaintyStyle& look = m_sheet->uncertainty();
    const gl::Program& program = m_impl->ring;
    program.use();
    glUniform2f(program.uniform("uOffset"), frame.offsetX, frame.offsetY);
    glUniform1f(program.uniform("uUnitsPerPixel"), static_cast<float>(view.unitsPerPixel));
    glUniform2f(program.uniform("uViewportPx"), static_cast<float>(view.widthPx),
                static_cast<float>(view.heightPx));
    glUniform1i(program.uniform("uCategories"), 0);
    glUniform2i(program.uniform("uTimeWindow"), frame.time.windowStart, frame.time.windowEnd);
    glUniform3f(program.uniform("uFade"), frame.time.fadeEnd, frame.time.fadeInvLength,
                frame.time.fadeOldest);
    glUniform1f(program.uniform("uMarkerRadiusPx"), 0.5f * m_sheet->marker().sizePx * frame.scale);
    glUniform1f(program.uniform("uFillOpacity"), look.fillOpacity);
    glUniform1f(program.uniform("uStrokeOpacity"), look.strokeOpacity);
    glUniform1f(program.uniform("uStrokePx"), look.strokeWidthPx * view.pixelRatio);
    glUniform1f(program.uniform("uOpacity"), style.opacity * fade);
    glBindVertexArray(frame.prepared->ringVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, frame.prepared->ringVbo.id());
    for (const InstanceSegment& s : segments) {
        pointRingAttributes(s.first);
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(s.count));
    }
    pointRingAttributes(0);
    return segments.size();
}

size_t IncidentDrawer::drawLeaders(const LayerFrame& frame, const MapView& view) {
    // Thin lines from the place to each spread-apart member: CPU work for this one group only.
    const IncidentPrep& prep = frame.prep();
    const IncidentGroup& group = prep.groups[frame.focus.spreadGroup];
    const double upp = view.unitsPerPixel;
    const float spacing = spreadSpacingPx(*frame.layer, view);
    std::vector<float> segments;
    segments.reserve(static_cast<size_t>(group.count) * 4);
    for (uint32_t rank = 0; rank < group.count; ++rank) {
        const IncidentInstance& inst = prep.instances[prep.groupMembers[group.firstMember + rank]];
        if (!frame.categories->filter.shows(inst)) continue;
        const SpiderOffset o = spiderOffset(inst.rank, inst.groupSize, spacing);
        segments.insert(segments.end(), {group.x, group.y, static_cast<float>(inst.x + o.x * upp),
                                         static_cast<float>(inst.y + o.y * upp)});
    }
    if (segments.empty()) return 0;
    glBindBuffer(GL_ARRAY_BUFFER, m_impl->leaderVbo.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(segments.size() * sizeof(float)), segments.data(),
                 GL_STREAM_DRAW);
    const gl::Program& program = m_impl->line;
    program.use();
    glUniform2f(program.uniform("uOffset"), frame.offsetX, frame.offsetY);
    glUniform1f(program.uniform("uUnitsPerPixel"), static_cast<float>(upp));
    glUniform2f(program.uniform("uViewportPx"), static_cast<float>(view.widthPx),
                static_cast<float>(view.heightPx));
    glUniform1f(program.uniform("uHalfWidthPx"), 0.6f * view.pixelRatio);
    const Color& c = m_sheet->marker().outline;
    glUniform4f(program.uniform("uColor"), c.r, c.g, c.b, c.a * 0.8f * frame.layer->style.opacity);
    glBindVertexArray(m_impl->leaderVao.id());
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(segments.size() / 4));
    return 1;
}

float IncidentDrawer::spreadSpacingPx(const IncidentLayer& layer, const MapView& view) const {
    return (m_sheet->marker().sizePx * 1.5f + 6.f) * layer.style.markerScale * view.pixelRatio;
}

size_t IncidentDrawer::draw(const MapScene& scene, const MapView& view) {
    size_t calls = 0;
    const std::optional<TimeSpan> window = scene.timeWindow();
    std::vector<LayerFrame> badgeLayers;
    for (const IncidentLayer& layer : scene.incidentLayers) {
        const PreparedIncidents* prepared = shown(layer);
        if (!prepared) continue;
        if (const IncidentDrawStyle style = DensityDrawer::styleFor(layer, *prepared, view, window);
            style != IncidentDrawStyle::Markers) {
            if (inReach(layer, *prepared, view))
                calls += m_impl->density->draw(layer, *prepared, view, window, style);
            continue;
        }
        std::optional<LayerFrame> frame = layerFrame(scene, layer, view);
        if (!frame) continue;
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, frame->categories->texture.id());
        calls += drawDiscs(*frame, view);
        const IncidentPrep& prep = frame->prep();
        const bool spread =
            frame->focus.spreadLayer == layer.id && frame->focus.spreadGroup < prep.groups.size();
        if (spread) calls += drawLeaders(*frame, view);
        calls += drawMarkers(*frame, view, spread);
        if (!prep.largestGroups.empty()) badgeLayers.push_back(*frame);
    }
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
    return calls + drawBadges(badgeLayers, view);
}

std::vector<IncidentHit> IncidentDrawer::pick(const MapScene& scene, const MapView& view, ScreenXY pointer,
                                              size_t maxHits, size_t* total) const {
    std::vector<IncidentHit> hits;
    size_t all = 0;
    const MapXY point = view.toMap(pointer);
    const std::optional<TimeSpan> window = scene.timeWindow();
    const IncidentFocus& focus = scene.incidentFocus;
    for (auto it = scene.incidentLayers.rbegin(); it != scene.incidentLayers.rend(); ++it) {
        const IncidentLayer& layer = *it;
        PreparedIncidents* p = shown(layer);
        if (!p || DensityDrawer::styleFor(layer, *p, view, window) != IncidentDrawStyle::Markers) continue;
        if (!m_impl->ensureMarkers(*p)) continue;
        IncidentFilter filter;
        filter.categoryVisible = categoryVisibility(*layer.data, layer.style.hiddenCategories);
        // Ghosts are never picked: only the window counts.
        const IncidentTimeUniforms time = incidentTimeUniforms(window, false, false, p->prep.epochBase);
        filter.windowStart = time.windowStart;
        filter.windowEnd = time.windowEnd;
        IncidentPickQuery q;
        q.point = point;
        q.unitsPerPixel = view.unitsPerPixel;
        const float scale = layer.style.markerScale * view.pixelRatio;
        q.minDiameterPx = m_sheet->markerDiameterPx(0) * scale;
        q.maxDiameterPx = m_sheet->markerDiameterPx(kMaxSizeClass) * scale;
        q.slopPx = 3.f * view.pixelRatio;
        if (focus.spreadLayer == layer.id) q.spreadGroup = focus.spreadGroup;
        q.spreadSpacingPx = spreadSpacingPx(layer, view);
        q.maxHits = maxHits > hits.size() ? maxHits - hits.size() : 0;
        IncidentPickResult r = pickIncidents(p->prep, filter, q);
        all += r.total;
        for (const IncidentPickHit& h : r.hits) {
            if (hits.size() >= maxHits) break;
            hits.push_back({layer.id, h.storeIndex, h.group, h.groupSize, h.spread});
        }
    }
    if (total) *total = all;
    return hits;
}

std::optional<DensityScale> IncidentDrawer::densityScale(const IncidentLayer& layer, const MapView& view,
                                                         std::optional<TimeSpan> window) {
    const PreparedIncidents* p = m_impl->find(layer);
    if (!p) return std::nullopt;
    const IncidentDrawStyle style = DensityDrawer::styleFor(layer, *p, view, window);
    if (style == IncidentDrawStyle::Markers) return std::nullopt;
    return m_impl->density->scale(layer, *p, view, window, style);
}

bool IncidentDrawer::markersPrepared(const IncidentLayer& layer) const {
    const PreparedIncidents* p = m_impl->find(layer);
    return p && p->markersReady;
}

std::optional<MapXY> IncidentDrawer::position(const IncidentLayer& layer, uint32_t index) const {
    PreparedIncidents* p = m_impl->find(layer);
    if (!p || !m_impl->ensureMarkers(*p) || index >= p->prep.instanceOf.size() ||
        p->prep.instanceOf[index] == kNoIncident)
        return std::nullopt;
    return p->prep.position(p->prep.instanceOf[index]);
}

}  // namespace fp
