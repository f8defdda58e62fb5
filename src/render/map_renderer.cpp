#include "render/map_renderer.h"

#include <cmath>
#include <future>

#include "core/places/place_labels.h"
#include "core/util/log.h"
#include "render/base_map_cache.h"
#include "render/gl/gl_objects.h"
#include "render/labels.h"
#include "render/prep/layer_geometry_cache.h"

namespace fp {

namespace {

/// GPU buffers of one layer's data in one CRS.
struct LayerBuffers {
    std::string crsDefinition;
    std::shared_ptr<const VectorLayer>
        data;  // pinned, so its address cannot be reused by new data while cached
    MapXY origin;
    MapBBox extent;
    std::vector<MapXY> labelAnchors;
    gl::VertexArray fillVao;
    gl::Buffer fillVbo, fillEbo;
    gl::Buffer lineVbo;
    std::vector<gl::VertexArray>
        lineVaos;  // one per level of detail: instanced attributes cannot take an offset
    std::vector<LayerGeometry::Lod> lods;
    gl::VertexArray pointVao;
    gl::Buffer pointVbo;
    GLsizei pointCount = 0;
};

void setColor(GLint location, const Color& c, float opacity) {
    glUniform4f(location, c.r, c.g, c.b, c.a * opacity);
}

}  // namespace

struct MapRenderer::Impl {
    gl::Program fill, line, point;
    std::unordered_map<const VectorLayer*, LayerBuffers> layers;
    std::unique_ptr<LabelDrawer> labels;
    // Place labels: the query cache, its anchors in the map CRS and the frame's dots.
    std::optional<MapProjection> placeProjection;
    std::string placeCrs;
    PlaceLabelCache placeCache;
    uint64_t placeGeneration = ~uint64_t{0};
    std::vector<PlaceLabelItem> placeItems;
    gl::VertexArray dotVao;
    gl::Buffer dotVbo;
    std::vector<float> dotPositions;

    std::vector<PlaceLabelItem>& placeLabelsFor(const MapScene& scene, const MapView& view);
    void drawDots(const MapView& view, const PlaceLabelLook& look);
    std::unique_ptr<IncidentDrawer> incidents;
    BaseMapCache baseCache;
    FrameStats baseStats;  // of the base map the cache holds
};

MapRenderer::MapRenderer() : m_impl(std::make_unique<Impl>()) {}
MapRenderer::~MapRenderer() = default;

const std::vector<DrawnLabel>& MapRenderer::drawnLabels() const {
    return m_impl->labels->drawnLabels();
}

IncidentDrawer& MapRenderer::incidents() {
    return *m_impl->incidents;
}
const IncidentDrawer& MapRenderer::incidents() const {
    return *m_impl->incidents;
}

Result<std::unique_ptr<MapRenderer>> MapRenderer::create() {
    std::unique_ptr<MapRenderer> r(new MapRenderer());
    auto fill = gl::Program::fromEmbedded("fill.vert", "fill.frag");
    if (!fill) return fill.error();
    auto line = gl::Program::fromEmbedded("line.vert", "line.frag");
    if (!line) return line.error();
    auto point = gl::Program::fromEmbedded("point.vert", "point.frag");
    if (!point) return point.error();
    r->m_impl->fill = std::move(fill).value();
    r->m_impl->line = std::move(line).value();
    r->m_impl->point = std::move(point).value();
    auto labels = LabelDrawer::create();
    if (!labels) return labels.error();
    r->m_impl->labels = std::move(labels).value();
    auto incidents = IncidentDrawer::create();
    if (!incidents) return incidents.error();
    r->m_impl->incidents = std::move(incidents).value();
    return r;
}

namespace {

void uploadFill(LayerBuffers& b, const LayerGeometry& geom) {
    b.fillVao = gl::createVertexArray();
    glBindVertexArray(b.fillVao.id());
    b.fillVbo = gl::createBuffer();
    glBindBuffer(GL_ARRAY_BUFFER, b.fillVbo.id());
    glBufferData(GL_ARRAY_BUFFER, geom.fillVertices.size() * sizeof(float), geom.fillVertices.data(),
                 GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
    b.fillEbo = gl::createBuffer();
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, b.fillEbo.id());
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, geom.fillIndices.size() * sizeof(uint32_t), geom.fillIndices.data(),
                 GL_STATIC_DRAW);
}

/// A VAO reading a per-instance attribute of `components` floats from `vbo`, starting at instance `first`.
gl::VertexArray instanceVao(const gl::Buffer& vbo, int components, size_t first) {
    gl::VertexArray vao = gl::createVertexArray();
    glBindVertexArray(vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, vbo.id());
    glEnableVertexAttribArray(0);
    const GLsizei stride = components * static_cast<GLsizei>(sizeof(float));
    glVertexAttribPointer(0, components, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<const void*>(first * static_cast<size_t>(stride)));
    glVertexAttribDivisor(0, 1);
    return vao;
}

gl::Buffer uploadArray(const std::vector<float>& data) {
    gl::Buffer vbo = gl::createBuffer();
    glBindBuffer(GL_ARRAY_BUFFER, vbo.id());
    glBufferData(GL_ARRAY_BUFFER, data.size() * sizeof(float), data.data(), GL_STATIC_DRAW);
    return vbo;
}

}  // namespace

std::vector<PlaceLabelItem>& MapRenderer::Impl::placeLabelsFor(const MapScene& scene, const MapView& view) {
    if (!placeProjection || placeCrs != scene.crs.definition()) {
        placeItems.clear();
        return placeItems;
    }
    const MapProjection& proj = *placeProjection;
    const GeoBBox viewBox = visibleGeoBBox(view, proj);
    // Thresholds are per logical pixel, so an export at 2x shows the same places as the screen.
    const double metresPerPixel = groundMetresPerPixelAtCenter(view, proj) * view.pixelRatio;
    placeCache.update(scene.gazetteer, viewBox, metresPerPixel, scene.placeLabels);
    if (placeCache.generation() != placeGeneration) {
        placeGeneration = placeCache.generation();
        placeItems.clear();
        for (const PlaceLabel& l : placeCache.labels())
            placeItems.push_back({proj.project(l.position), &l.text, l.importance});
    }
    return placeItems;
}

void MapRenderer::Impl::drawDots(const MapView& view, const PlaceLabelLook& look) {
    dotPositions.clear();
    for (const DrawnLabel& l : labels->drawnLabels()) {
        if (!l.isPlace) continue;
        const MapXY m = view.toMap(l.dot);
        dotPositions.push_back(static_cast<float>(m.x - view.center.x));
        dotPositions.push_back(static_cast<float>(m.y - view.center.y));
    }
    if (dotPositions.empty()) return;
    if (!dotVbo.id()) {
        dotVbo = gl::createBuffer();
        dotVao = instanceVao(dotVbo, 2, 0);
    }
    glBindBuffer(GL_ARRAY_BUFFER, dotVbo.id());
    glBufferData(GL_ARRAY_BUFFER, dotPositions.size() * sizeof(float), dotPositions.data(), GL_STREAM_DRAW);
    point.use();
    glUniform2f(point.uniform("uOffset"), 0.f, 0.f);
    glUniform1f(point.uniform("uUnitsPerPixel"), static_cast<float>(view.unitsPerPixel));
    glUniform2f(point.uniform("uViewportPx"), static_cast<float>(view.widthPx),
                static_cast<float>(view.heightPx));
    glUniform1f(point.uniform("uRadiusPx"), look.dotRadiusPx * view.pixelRatio);
    setColor(point.uniform("uColor"), look.fill, 1.f);
    setColor(point.uniform("uStroke"), look.halo, 1.f);
    glBindVertexArray(dotVao.id());
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(dotPositions.size() / 2));
    glBindVertexArray(0);
}

void MapRenderer::sync(const MapScene& scene, const MapProjection& projection) {
    const std::string& crs = projection.crs().definition();
    std::unordered_map<const VectorLayer*, std::shared_ptr<const VectorLayer>> wanted;
    for (const auto& layer : scene.layers)
        if (layer.data) wanted.emplace(layer.data.get(), layer.data);
    for (auto it = m_impl->layers.begin(); it != m_impl->layers.end();) {
        if (!wanted.count(it->first))
            it = m_impl->layers.erase(it);
        else
            ++it;
    }
    // Incident preparation runs on its own workers alongside the layers' below.
    m_impl->incidents->beginSync(scene, projection);
    // Projection and tessellation are CPU work: run them in parallel, one MapProjection per task because PROJ
    // objects must not be shared between threads. GL uploads stay on this (the context's) thread.
    std::vector<std::pair<std::shared_ptr<const VectorLayer>, std::future<LayerGeometry>>> jobs;
    for (const auto& [ptr, data] : wanted) {
        auto found = m_impl->layers.find(ptr);
        if (found != m_impl->layers.end() && found->second.crsDefinition == crs) continue;
        const Crs mapCrs = projection.crs();
        jobs.emplace_back(data, std::async(std::launch::async, [data, mapCrs] {
                              auto local = MapProjection::create(mapCrs);
                              return local ? preparedLayerGeometry(*data, local.value()) : LayerGeometry{};
                          }));
    }
    for (auto& [data, future] : jobs) {
        LayerGeometry geom = future.get();
        if (geom.tessellationFailures > 0) {
            logWarning(data->displayName + ": " + std::to_string(geom.tessellationFailures) +
                       " polygons could not be filled (outlines are still drawn)");
        }
        if (geom.projectionFailures > 0) {
            logWarning(data->displayName + ": " + std::to_string(geom.projectionFailures) +
                       " vertices lie outside the area where " + projection.crs().name() + " is defined");
        }
        LayerBuffers b;
        b.crsDefinition = crs;
        b.data = data;
        b.origin = geom.origin;
        b.extent = geom.extent;
        b.labelAnchors = std::move(geom.labelAnchors);
        uploadFill(b, geom);
        b.lineVbo = uploadArray(geom.lineSegments);
        for (const auto& lod : geom.lods) b.lineVaos.push_back(instanceVao(b.lineVbo, 4, lod.segmentStart));
        b.lods = geom.lods;
        b.pointVbo = uploadArray(geom.pointPositions);
        b.pointVao = instanceVao(b.pointVbo, 2, 0);
        b.pointCount = static_cast<GLsizei>(geom.pointPositions.size() / 2);
        glBindVertexArray(0);
        m_impl->layers[data.get()] = std::move(b);
    }
    m_impl->incidents->finishSync();
    if (crs != m_impl->placeCrs) {
        auto places = MapProjection::create(projection.crs());
        m_impl->placeProjection.reset();
        if (places) m_impl->placeProjection.emplace(std::move(places).value());
        m_impl->placeCrs = crs;
        m_impl->placeGeneration = ~uint64_t{0};  // anchors must be projected again
    }
}

int MapRenderer::maxViewportSize() {
    GLint dims[2] = {0, 0};
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, dims);
    return std::min(dims[0], dims[1]);
}

FrameStats MapRenderer::draw(const MapScene& scene, const MapView& view) {
    return draw(scene, view, DrawPlacement{});
}

FrameStats MapRenderer::draw(const MapScene& scene, const MapView& view, const DrawPlacement& placement) {
    const int targetHeight = placement.targetHeightPx > 0 ? placement.targetHeightPx : view.heightPx;
    // GL counts viewport rows from the bottom; the placement from the top.
    const int viewportY = targetHeight - placement.offsetY - view.heightPx;
    glViewport(placement.offsetX, viewportY, view.widthPx, view.heightPx);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_MULTISAMPLE);
    glEnable(GL_BLEND);
    // Straight alpha in, correct coverage out: the framebuffer's alpha stays meaningful for PNG export.
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    // Clearing and the stencil work of the passes below stay inside the view's rectangle, so a map drawn
    // into part of a framebuffer (an inset) leaves the rest alone.
    const bool scissor = placement.targetHeightPx > 0;
    if (scissor) {
        glEnable(GL_SCISSOR_TEST);
        glScissor(placement.offsetX, viewportY, view.widthPx, view.heightPx);
    }
    const auto& places = m_impl->placeLabelsFor(scene, view);
    FrameStats stats = drawBaseMap(scene, view, placement, places);
    // Incidents above the labels: a place name's halo must never hide an incident at that place. They follow
    // the scene's time state and selection every frame.
    stats.drawCalls += m_impl->incidents->draw(scene, view);
    if (scissor) glDisable(GL_SCISSOR_TEST);
    return stats;
}

FrameStats MapRenderer::drawBaseMap(const MapScene& scene, const MapView& view,
                                    const DrawPlacement& placement,
                                    const std::vector<PlaceLabelItem>& places) {
    Impl& impl = *m_impl;
    // Only whole-framebuffer frames are kept (tiles and insets of exports are one-offs).
    const bool whole = placement.targetHeightPx <= 0 && placement.offsetX == 0 && placement.offsetY == 0 &&
                       placement.clear && placement.labelObstacles.empty();
    if (!whole) return drawBaseLayers(scene, view, placement, places);
    const BaseMapKey key = currentBaseMapKey(scene, view, impl.placeGeneration);
    switch (impl.baseCache.plan(key)) {
        case BaseMapCache::Step::Copy:
            if (impl.baseCache.copyToTarget()) return impl.baseStats;
            break;
        case BaseMapCache::Step::Capture:
            if (!impl.baseCache.beginCapture(key)) break;
            impl.baseStats = drawBaseLayers(scene, view, placement, places);
            if (impl.baseCache.endCapture(key)) return impl.baseStats;
            glViewport(0, 0, view.widthPx, view.heightPx);
            break;
        case BaseMapCache::Step::Draw:
            break;
    }
    return drawBaseLayers(scene, view, placement, places);
}

FrameStats MapRenderer::drawBaseLayers(const MapScene& scene, const MapView& view,
                                       const DrawPlacement& placement,
                                       const std::vector<PlaceLabelItem>& places) {
    FrameStats stats;
    if (placement.clear) {
        const Color& bg = scene.background;
        glClearColor(bg.r, bg.g, bg.b, bg.a);
        glClear(GL_COLOR_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    } else {
        glClear(GL_STENCIL_BUFFER_BIT);
    }
    stats.drawCalls += drawVectorLayers(scene, view);
    std::vector<LabelSource> sources;
    for (const auto& layer : scene.layers) {
        if (!layer.style.visible || layer.style.labelField.empty()) continue;
        auto it = m_impl->layers.find(layer.data.get());
        if (it == m_impl->layers.end()) continue;
        sources.push_back({&layer, &it->second.labelAnchors});
    }
    PlaceLabelLook look;
    look.sizePx = scene.placeLabels.sizePx;
    LabelStats ls =
        m_impl->labels->draw(sources, view, scene.crs.isGeographic(), places, look, placement.labelObstacles);
    m_impl->drawDots(view, look);
    stats.labelCandidates = ls.candidates;
    stats.labelsPlaced = ls.placed;
    stats.drawCalls += ls.drawCalls;
    return stats;
}

size_t MapRenderer::drawVectorLayers(const MapScene& scene, const MapView& view) {
    size_t drawCalls = 0;
    const double upp = view.unitsPerPixel;
    const float vw = static_cast<float>(view.widthPx), vh = static_cast<float>(view.heightPx);
    const MapBBox visible = view.visibleExtent();
    for (const auto& layer : scene.layers) {
        if (!layer.style.visible) continue;
        auto it = m_impl->layers.find(layer.data.get());
        if (it == m_impl->layers.end()) continue;
        const LayerBuffers& b = it->second;
        if (b.extent.empty() || !b.extent.intersects(visible)) continue;
        const LayerStyle& s = layer.style;
        // Offsets are computed in double on the CPU, so float32 on the GPU only holds layer-local numbers.
        const float ox = static_cast<float>(b.origin.x - view.center.x);
        const float oy = static_cast<float>(b.origin.y - view.center.y);

        // The coarsest level of detail whose simplification stays under half a pixel.
        const size_t level = lodIndexFor(b.lods, upp);
        const LayerGeometry::Lod lod = b.lods.empty() ? LayerGeometry::Lod{} : b.lods[level];
        const bool filled = s.filled && lod.fillIndexCount > 0 && s.fill.a * s.opacity > 0.f;
        if (filled) {
            m_impl->fill.use();
            glUniform2f(m_impl->fill.uniform("uOffset"), ox, oy);
            glUniform2f(m_impl->fill.uniform("uScale"), static_cast<float>(2.0 / (vw * upp)),
                        static_cast<float>(2.0 / (vh * upp)));
            setColor(m_impl->fill.uniform("uColor"), s.fill, s.opacity);
            glBindVertexArray(b.fillVao.id());
            // An opaque fill replaces what is under it: without blending a software renderer need not read
            // the framebuffer, and the result is the same.
            const bool opaque = s.fill.a * s.opacity >= 1.f;
            if (opaque) glDisable(GL_BLEND);
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(lod.fillIndexCount), GL_UNSIGNED_INT,
                           reinterpret_cast<const void*>(lod.fillIndexStart * sizeof(uint32_t)));
            if (opaque) glEnable(GL_BLEND);
            ++drawCalls;
        }
        auto drawEdges = [&](float halfWidthPx, const Color& color) {
            m_impl->line.use();
            glUniform2f(m_impl->line.uniform("uOffset"), ox, oy);
            glUniform1f(m_impl->line.uniform("uUnitsPerPixel"), static_cast<float>(upp));
            glUniform2f(m_impl->line.uniform("uViewportPx"), vw, vh);
            glUniform1f(m_impl->line.uniform("uHalfWidthPx"), halfWidthPx);
            setColor(m_impl->line.uniform("uColor"), color, s.opacity);
            glBindVertexArray(b.lineVaos[level].id());
            glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(lod.segmentCount));
            ++drawCalls;
        };
        const float halfWidth = 0.5f * s.outlineWidthPx * view.pixelRatio;
        const bool outlined = lod.segmentCount > 0 && s.outlineWidthPx > 0.f && s.outline.a * s.opacity > 0.f;
        // Fills are rasterised without multisampling, so their edges would be stairs: a one-pixel antialiased
        // line in the fill's colour smooths them (MapLibre's fill-antialias), unless an opaque outline at
        // least a pixel wide covers them anyway.
        if (filled && lod.segmentCount > 0 && !(outlined && halfWidth >= 0.5f && s.outline.a >= 1.f))
            drawEdges(0.5f, s.fill);
        if (outlined) drawEdges(halfWidth, s.outline);
        if (b.pointCount > 0) {
            m_impl->point.use();
            glUniform2f(m_impl->point.uniform("uOffset"), ox, oy);
            glUniform1f(m_impl->point.uniform("uUnitsPerPixel"), static_cast<float>(upp));
            glUniform2f(m_impl->point.uniform("uViewportPx"), vw, vh);
            glUniform1f(m_impl->point.uniform("uRadiusPx"), (2.5f + s.outlineWidthPx) * view.pixelRatio);
            setColor(m_impl->point.uniform("uColor"), s.fill.withAlpha(1.f), s.opacity);
            setColor(m_impl->point.uniform("uStroke"), s.outline, s.opacity);
            glBindVertexArray(b.pointVao.id());
            glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, b.pointCount);
            ++drawCalls;
        }
    }
    glBindVertexArray(0);
    return drawCalls;
}

}  // namespace fp
