#include "render/incidents/incident_drawer.h"

#include <algorithm>
#include <cmath>
#include <future>
#include <limits>
#include <unordered_map>

#include "core/util/log.h"
#include "render/gl/gl_objects.h"
#include "render/gl/shader_sources.h"
#include "render/incidents/density_drawer.h"
#include "render/incidents/incident_badges.h"
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

constexpr size_t kMaxBadges = 300;
// Shrunk markers never get smaller than this (smallest size class, physical pixels)...
constexpr float kMinShrunkDiameterPx = 2.5f;
// ...and are drawn as point sprites (one vertex each instead of four) when their quads are at most this big.
constexpr float kPointSpriteMaxPx = 8.f;

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
    std::vector<std::pair<std::shared_ptr<const IncidentStore>, std::future<IncidentPrep>>> jobs;
    std::string jobsCrs;
    std::optional<TextRenderer> badgeText;
    bool badgeFontFailed = false;
    LabelPlacer placer;

    const PreparedIncidents* find(const IncidentLayer& layer) const {
        auto it = prepared.find(layer.data.get());
        return it == prepared.end() ? nullptr : &it->second;
    }
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
    Impl& m = *m_impl;
    const std::string& crs = projection.crs().definition();
    std::unordered_map<const IncidentStore*, std::shared_ptr<const IncidentStore>> wanted;
    for (const auto& layer : scene.incidentLayers)
        if (layer.data) wanted.emplace(layer.data.get(), layer.data);
    for (auto it = m.prepared.begin(); it != m.prepared.end();)
        it = wanted.count(it->first) ? std::next(it) : m.prepared.erase(it);
    for (auto it = m.layers.begin(); it != m.layers.end();) {
        const bool used = std::any_of(scene.incidentLayers.begin(), scene.incidentLayers.end(),
                                      [&](const IncidentLayer& l) { return l.id == it->first; });
        it = used ? std::next(it) : m.layers.erase(it);
    }
    m.jobsCrs = crs;
    for (const auto& [ptr, data] : wanted) {
        auto found = m.prepared.find(ptr);
        if (found != m.prepared.end() && found->second.crsDefinition == crs) continue;
        const Crs mapCrs = projection.crs();
        // One MapProjection per task: PROJ objects must not be shared between threads.
        m.jobs.emplace_back(data, std::async(std::launch::async, [data, mapCrs] {
                                auto local = MapProjection::create(mapCrs);
                                return local ? prepareIncidents(*data, local.value()) : IncidentPrep{};
                            }));
    }
}

void IncidentDrawer::finishSync() {
    Impl& m = *m_impl;
    for (auto& [data, future] : m.jobs) {
        PreparedIncidents p;
        p.crsDefinition = m.jobsCrs;
        p.data = data;
        p.prep = future.get();
        if (p.prep.projectionFailures > 0)
            logWarning(std::to_string(p.prep.projectionFailures) +
                       " incidents lie outside the area where the map CRS is defined and are not drawn");
        uploadIncidents(p);
        m.prepared[data.get()] = std::move(p);
    }
    m.jobs.clear();
}

size_t IncidentDrawer::drawLeaders(const IncidentPrep& prep, const IncidentFilter& filter,
                                   const IncidentLayer& layer, const MapView& view, float ox, float oy) {
    // Thin lines from the place to each spread-apart member: CPU work for this one group only.
    Impl& m = *m_impl;
    const IncidentGroup& g = prep.groups[m_focus.spreadGroup];
    const double upp = view.unitsPerPixel;
    const float spacing = spreadSpacingPx(layer, view);
    std::vector<float> segments;
    segments.reserve(static_cast<size_t>(g.count) * 4);
    for (uint32_t r = 0; r < g.count; ++r) {
        const IncidentInstance& inst = prep.instances[prep.groupMembers[g.firstMember + r]];
        if (!filter.shows(inst)) continue;
        const SpiderOffset o = spiderOffset(inst.rank, inst.groupSize, spacing);
        segments.insert(segments.end(),
                        {static_cast<float>(g.x), static_cast<float>(g.y),
                         static_cast<float>(inst.x + o.x * upp), static_cast<float>(inst.y + o.y * upp)});
    }
    if (segments.empty()) return 0;
    glBindBuffer(GL_ARRAY_BUFFER, m.leaderVbo.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(segments.size() * sizeof(float)), segments.data(),
                 GL_STREAM_DRAW);
    const gl::Program& l = m.line;
    l.use();
    glUniform2f(l.uniform("uOffset"), ox, oy);
    glUniform1f(l.uniform("uUnitsPerPixel"), static_cast<float>(upp));
    glUniform2f(l.uniform("uViewportPx"), static_cast<float>(view.widthPx),
                static_cast<float>(view.heightPx));
    glUniform1f(l.uniform("uHalfWidthPx"), 0.6f * view.pixelRatio);
    const Color& c = m_sheet->marker().outline;
    glUniform4f(l.uniform("uColor"), c.r, c.g, c.b, c.a * 0.8f * layer.style.opacity);
    glBindVertexArray(m.leaderVao.id());
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(segments.size() / 4));
    return 1;
}

float IncidentDrawer::spreadSpacingPx(const IncidentLayer& layer, const MapView& view) const {
    return (m_sheet->marker().sizePx * 1.5f + 6.f) * layer.style.markerScale * view.pixelRatio;
}

size_t IncidentDrawer::draw(const MapScene& scene, const MapView& view) {
    Impl& m = *m_impl;
    const IncidentStyleSheet& sheet = *m_sheet;
    const MarkerMetrics& mm = sheet.marker();
    const UncertaintyStyle& us = sheet.uncertainty();
    const double upp = view.unitsPerPixel;
    const float vw = static_cast<float>(view.widthPx), vh = static_cast<float>(view.heightPx);
    const MapBBox visible = view.visibleExtent();
    size_t calls = 0;
    struct BadgeLayer {
        const IncidentLayer* layer;
        const PreparedIncidents* p;
        const IncidentFilter* filter;
    };
    std::vector<BadgeLayer> badgeLayers;

    for (const IncidentLayer& layer : scene.incidentLayers) {
        const IncidentStyle& s = layer.style;
        if (!s.visible || !layer.data || s.opacity <= 0.f) continue;
        const PreparedIncidents* p = m.find(layer);
        if (!p || p->prep.instances.empty()) continue;
        const float scale = s.markerScale * view.pixelRatio;
        const double reach =
            (mm.maxSizePx * scale + 8.0) * upp + (s.showUncertainty ? p->maxRingRadius : 0.0);
        MapBBox extent = p->prep.extent;
        extent = MapBBox::fromCorners(extent.minX - reach, extent.minY - reach, extent.maxX + reach,
                                      extent.maxY + reach);
        if (!extent.intersects(visible)) continue;
        if (const IncidentDrawStyle style = DensityDrawer::styleFor(layer, *p, view, m_window);
            style != IncidentDrawStyle::Markers) {
            calls += m.density->draw(layer, *p, view, m_window, style);
            continue;
        }
        LayerCategories& lc = m.categoriesFor(layer, sheet);
        const IncidentPrep& prep = p->prep;
        const float ox = static_cast<float>(prep.origin.x - view.center.x);
        const float oy = static_cast<float>(prep.origin.y - view.center.y);
        const IncidentTimeUniforms tu =
            incidentTimeUniforms(m_window, m_fadeByAge, m_showGhosts, prep.epochBase);
        lc.filter.windowStart = tu.windowStart;
        lc.filter.windowEnd = tu.windowEnd;
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, lc.texture.id());

        const float fade = s.showUncertainty && !prep.rings.empty()
                               ? discFade(*p, visible, upp, static_cast<double>(vw) * vh)
                               : 0.f;
        if (fade > 0.f) {
            const gl::Program& r = m.ring;
            r.use();
            glUniform2f(r.uniform("uOffset"), ox, oy);
            glUniform1f(r.uniform("uUnitsPerPixel"), static_cast<float>(upp));
            glUniform2f(r.uniform("uViewportPx"), vw, vh);
            glUniform1i(r.uniform("uCategories"), 0);
            glUniform2i(r.uniform("uTimeWindow"), tu.windowStart, tu.windowEnd);
            glUniform3f(r.uniform("uFade"), tu.fadeEnd, tu.fadeInvLength, tu.fadeOldest);
            glUniform1f(r.uniform("uMarkerRadiusPx"), 0.5f * mm.sizePx * scale);
            glUniform1f(r.uniform("uFillOpacity"), us.fillOpacity);
            glUniform1f(r.uniform("uStrokeOpacity"), us.strokeOpacity);
            glUniform1f(r.uniform("uStrokePx"), us.strokeWidthPx * view.pixelRatio);
            glUniform1f(r.uniform("uOpacity"), s.opacity * fade);
            glBindVertexArray(p->ringVao.id());
            glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(prep.rings.size()));
            ++calls;
        }

        const bool spread = m_focus.spreadLayer == layer.id && m_focus.spreadGroup < prep.groups.size();
        if (spread) {
            calls += drawLeaders(prep, lc.filter, layer, view, ox, oy);
            glActiveTexture(GL_TEXTURE0);
            glBindTexture(GL_TEXTURE_2D, lc.texture.id());
        }

        // Dense views: smaller markers (O(1) estimate), as point sprites once they are only a few pixels.
        const float d0 = sheet.markerDiameterPx(0) * scale;
        const float shrink = markerShrink(*p, visible, upp, static_cast<double>(vw) * vh, d0,
                                          kMinShrunkDiameterPx * view.pixelRatio);
        const float selectedSpan =
            sheet.markerDiameterPx(kMaxSizeClass) * scale + 12.f + 2.f * mm.outlineWidthPx * view.pixelRatio;
        const bool points = !spread && shrink < 1.f && d0 * shrink + 2.f <= kPointSpriteMaxPx &&
                            selectedSpan <= m.maxPointSize;
        const gl::Program& mk = spread ? m.markerSpread : points ? m.markerPoints : m.marker;
        mk.use();
        glUniform1f(mk.uniform("uShrink"), shrink);
        glUniform2f(mk.uniform("uOffset"), ox, oy);
        glUniform1f(mk.uniform("uUnitsPerPixel"), static_cast<float>(upp));
        glUniform2f(mk.uniform("uViewportPx"), vw, vh);
        glUniform1i(mk.uniform("uCategories"), 0);
        glUniform2f(mk.uniform("uDiameterPx"), sheet.markerDiameterPx(0) * scale,
                    sheet.markerDiameterPx(kMaxSizeClass) * scale);
        glUniform1f(mk.uniform("uOutlinePx"), mm.outlineWidthPx * view.pixelRatio);
        glUniform1f(mk.uniform("uHollowPx"), mm.hollowWidthPx * view.pixelRatio);
        glUniform2i(mk.uniform("uTimeWindow"), tu.windowStart, tu.windowEnd);
        glUniform3f(mk.uniform("uFade"), tu.fadeEnd, tu.fadeInvLength, tu.fadeOldest);
        glUniform2f(mk.uniform("uGhostStyle"), kGhostAlpha, kGhostColourShare);
        glUniform1ui(mk.uniform("uSpreadGroup"), spread ? m_focus.spreadGroup : kNoIncident);
        glUniform1f(mk.uniform("uSpreadSpacingPx"), spreadSpacingPx(layer, view));
        int selected = -1;
        if (m_focus.selectedLayer == layer.id && m_focus.selectedIndex < prep.instanceOf.size() &&
            prep.instanceOf[m_focus.selectedIndex] != kNoIncident)
            selected = static_cast<int>(prep.instanceOf[m_focus.selectedIndex]);
        glUniform1i(mk.uniform("uSelected"), selected);
        const Color& o = mm.outline;
        glUniform4f(mk.uniform("uOutline"), o.r, o.g, o.b, o.a);
        glUniform1f(mk.uniform("uOpacity"), s.opacity);
        // The shader antialiases every edge itself and the quad's border is transparent: per-sample coverage
        // would add nothing but cost (about 15% of the marker pass on llvmpipe).
        glDisable(GL_MULTISAMPLE);
        if (points) glEnable(GL_PROGRAM_POINT_SIZE);
        glBindVertexArray(points ? p->markerPointVao.id() : p->markerVao.id());
        // Ghosts first, so that every in-window marker lies above them.
        for (const int ghosts : {1, 0}) {
            if (ghosts == 1 && !tu.ghosts) continue;
            glUniform1i(mk.uniform("uGhosts"), ghosts);
            if (points)
                glDrawArrays(GL_POINTS, 0, static_cast<GLsizei>(prep.instances.size()));
            else
                glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(prep.instances.size()));
            ++calls;
        }
        if (points) glDisable(GL_PROGRAM_POINT_SIZE);
        glEnable(GL_MULTISAMPLE);
        if (!prep.largestGroups.empty()) badgeLayers.push_back({&layer, p, &lc.filter});
    }
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
    if (badgeLayers.empty()) return calls;

    // Count badges: at the upper right of each group's place, placed without overlaps, biggest counts first.
    if (!m.badgeText && !m.badgeFontFailed) {
        auto font = findSystemFont("DejaVu Sans", true);
        FontAtlasOptions options;
        options.width = 256;
        options.initialHeight = 256;
        options.maxHeight = 512;
        auto text = font ? TextRenderer::create(font.value(), options) : Result<TextRenderer>(font.error());
        if (text) {
            m.badgeText.emplace(std::move(text).value());
        } else {
            m.badgeFontFailed = true;
            logWarning("incident count badges are not drawn: " + text.error().describe());
        }
    }
    if (!m.badgeText) return calls;
    const BadgeStyle& bs = sheet.badge();
    struct Badge {
        std::string text;
        float x, y;
        float opacity;
    };
    std::vector<Badge> badges;
    std::vector<LabelCandidate> candidates;
    for (const BadgeLayer& bl : badgeLayers) {
        const IncidentPrep& prep = bl.p->prep;
        const MapBBox rel = MapBBox::fromCorners(visible.minX - prep.origin.x, visible.minY - prep.origin.y,
                                                 visible.maxX - prep.origin.x, visible.maxY - prep.origin.y);
        const uint32_t skip = m_focus.spreadLayer == bl.layer->id ? m_focus.spreadGroup : kNoIncident;
        const float scale = bl.layer->style.markerScale * view.pixelRatio;
        const float size = bs.sizePx * view.pixelRatio;
        const float offset = 0.5f * sheet.markerDiameterPx(0) * scale * 0.8f;
        for (const BadgeCandidate& b : collectBadges(prep, *bl.filter, rel, skip)) {
            const IncidentGroup& g = prep.groups[b.group];
            const ScreenXY at = view.toScreen({prep.origin.x + g.x, prep.origin.y + g.y});
            const std::string text = badgeText(b.count);
            const TextMetrics tm = m.badgeText->measure(text, size);
            LabelCandidate c;
            c.id = badges.size();
            c.width = tm.width + 4.f * view.pixelRatio;
            c.height = tm.height();
            c.centerX = static_cast<float>(at.x) + offset + 0.5f * c.width;
            c.centerY = static_cast<float>(at.y) - offset - 0.5f * c.height + 2.f * view.pixelRatio;
            c.priority = static_cast<float>(b.count);
            candidates.push_back(c);
            badges.push_back({text, c.centerX, c.centerY, bl.layer->style.opacity});
        }
    }
    auto placed = m.placer.place(candidates, vw, vh, 1.f);
    if (placed.size() > kMaxBadges) placed.resize(kMaxBadges);
    if (placed.empty()) return calls;
    m.badgeText->begin(view.widthPx, view.heightPx);
    for (const PlacedLabel& p : placed) {
        const Badge& b = badges[p.id];
        TextStyle ts;
        ts.sizePx = bs.sizePx * view.pixelRatio;
        ts.fill = bs.text.withAlpha(bs.text.a * b.opacity);
        ts.halo = bs.halo.withAlpha(bs.halo.a * b.opacity);
        ts.haloWidthPx = 2.f * view.pixelRatio;
        m.badgeText->addText(b.text, b.x, b.y, ts);
    }
    m.badgeText->flush();
    return calls + 1;
}

std::vector<IncidentHit> IncidentDrawer::pick(const MapScene& scene, const MapView& view, ScreenXY pointer,
                                              size_t maxHits, size_t* total) const {
    std::vector<IncidentHit> hits;
    size_t all = 0;
    const MapXY point = view.toMap(pointer);
    for (auto it = scene.incidentLayers.rbegin(); it != scene.incidentLayers.rend(); ++it) {
        const IncidentLayer& layer = *it;
        if (!layer.style.visible || !layer.data || layer.style.opacity <= 0.f) continue;
        const PreparedIncidents* p = m_impl->find(layer);
        if (!p || DensityDrawer::styleFor(layer, *p, view, m_window) != IncidentDrawStyle::Markers) continue;
        IncidentFilter filter;
        filter.categoryVisible = categoryVisibility(*layer.data, layer.style.hiddenCategories);
        // Ghosts are never picked: only the window counts.
        const IncidentTimeUniforms tu = incidentTimeUniforms(m_window, false, false, p->prep.epochBase);
        filter.windowStart = tu.windowStart;
        filter.windowEnd = tu.windowEnd;
        IncidentPickQuery q;
        q.point = point;
        q.unitsPerPixel = view.unitsPerPixel;
        const float scale = layer.style.markerScale * view.pixelRatio;
        q.minDiameterPx = m_sheet->markerDiameterPx(0) * scale;
        q.maxDiameterPx = m_sheet->markerDiameterPx(kMaxSizeClass) * scale;
        q.slopPx = 3.f * view.pixelRatio;
        if (m_focus.spreadLayer == layer.id) q.spreadGroup = m_focus.spreadGroup;
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

std::optional<MapXY> IncidentDrawer::position(const IncidentLayer& layer, uint32_t index) const {
    const PreparedIncidents* p = m_impl->find(layer);
    if (!p || index >= p->prep.instanceOf.size() || p->prep.instanceOf[index] == kNoIncident)
        return std::nullopt;
    return p->prep.position(p->prep.instanceOf[index]);
}

}  // namespace fp
