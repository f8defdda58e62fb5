// IncidentDrawer's marker pass and count badges.
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/util/log.h"
#include "render/incidents/incident_badges.h"
#include "render/incidents/incident_drawer_impl.h"
#include "render/incidents/incident_layout.h"
#include "render/text/font_locator.h"

namespace fp {

namespace {

constexpr size_t kMaxBadges = 300;
// Shrunk markers never get smaller than this (smallest size class, physical pixels)...
constexpr float kMinShrunkDiameterPx = 2.5f;
// ...and are drawn as point sprites (one vertex each instead of four) when their quads are at most this big.
constexpr float kPointSpriteMaxPx = 8.f;
constexpr int32_t kAllTime[2] = {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};

/// How far a spread group's members may be drawn from their place, pixels: an upper bound of spiderOffset.
float spreadReachPx(uint32_t members, float spacingPx) {
    return spacingPx * (2.f + 0.62f * std::sqrt(static_cast<float>(members)));
}

}  // namespace

size_t IncidentDrawer::drawMarkers(const LayerFrame& frame, const MapView& view, bool spread) {
    Impl& impl = *m_impl;
    const IncidentStyleSheet& sheet = *m_sheet;
    const IncidentPrep& prep = frame.prep();
    const float smallest = sheet.markerDiameterPx(0) * frame.scale;
    const float largest = sheet.markerDiameterPx(kMaxSizeClass) * frame.scale;
    const float outlinePx = sheet.marker().outlineWidthPx * view.pixelRatio;
    // Dense views: smaller markers (O(1) estimate), as point sprites once they are only a few pixels.
    const float shrink = markerShrink(*frame.prepared, view.visibleExtent(), view.unitsPerPixel,
                                      static_cast<double>(view.widthPx) * view.heightPx, smallest,
                                      kMinShrunkDiameterPx * view.pixelRatio);
    const bool points = !spread && shrink < 1.f && smallest * shrink + 2.f <= kPointSpriteMaxPx &&
                        largest + 12.f + 2.f * outlinePx <= impl.maxPointSize;
    const gl::Program& program = spread ? impl.markerSpread : points ? impl.markerPoints : impl.marker;
    program.use();
    glUniform1f(program.uniform("uShrink"), shrink);
    glUniform2f(program.uniform("uOffset"), frame.offsetX, frame.offsetY);
    glUniform1f(program.uniform("uUnitsPerPixel"), static_cast<float>(view.unitsPerPixel));
    glUniform2f(program.uniform("uViewportPx"), static_cast<float>(view.widthPx),
                static_cast<float>(view.heightPx));
    glUniform1i(program.uniform("uCategories"), 0);
    glUniform2f(program.uniform("uDiameterPx"), smallest, largest);
    glUniform1f(program.uniform("uOutlinePx"), outlinePx);
    glUniform1f(program.uniform("uHollowPx"), sheet.marker().hollowWidthPx * view.pixelRatio);
    glUniform2i(program.uniform("uTimeWindow"), frame.time.windowStart, frame.time.windowEnd);
    glUniform3f(program.uniform("uFade"), frame.time.fadeEnd, frame.time.fadeInvLength,
                frame.time.fadeOldest);
    glUniform2f(program.uniform("uGhostStyle"), kGhostAlpha, kGhostColourShare);
    glUniform1ui(program.uniform("uSpreadGroup"), spread ? frame.focus.spreadGroup : kNoIncident);
    const float spacing = spreadSpacingPx(*frame.layer, view);
    glUniform1f(program.uniform("uSpreadSpacingPx"), spacing);
    int selected = -1;
    if (frame.focus.selectedLayer == frame.layer->id && frame.focus.selectedIndex < prep.instanceOf.size() &&
        prep.instanceOf[frame.focus.selectedIndex] != kNoIncident)
        selected = static_cast<int>(prep.instanceOf[frame.focus.selectedIndex]);
    glUniform1i(program.uniform("uSelected"), selected);
    const Color& outline = sheet.marker().outline;
    glUniform4f(program.uniform("uOutline"), outline.r, outline.g, outline.b, outline.a);
    glUniform1f(program.uniform("uOpacity"), frame.layer->style.opacity);

    // Every pixel a marker can touch: the largest class, its outline and the selection halo (and the spread).
    float reachPx = 0.5f * largest + 6.f + outlinePx;
    if (spread) reachPx += spreadReachPx(prep.groups[frame.focus.spreadGroup].count, spacing);
    const double reach = reachPx * view.unitsPerPixel;
    // The shader antialiases every edge itself and the quad's border is transparent: per-sample coverage
    // would add nothing but cost (about 15% of the marker pass on llvmpipe).
    glDisable(GL_MULTISAMPLE);
    if (points) glEnable(GL_PROGRAM_POINT_SIZE);
    glBindVertexArray(points ? frame.prepared->markerPointVao.id() : frame.prepared->markerVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, frame.prepared->markerVbo.id());
    size_t calls = 0;
    // Ghosts first, so that every in-window marker lies above them; they are the incidents outside the
    // window, so only the view narrows them down.
    if (frame.time.ghosts)
        calls += drawMarkerSegments(program, frame, kAllTime[0], kAllTime[1], reach, true, points);
    calls += drawMarkerSegments(program, frame, frame.time.windowStart, frame.time.windowEnd, reach, false,
                                points);
    if (points) glDisable(GL_PROGRAM_POINT_SIZE);
    glEnable(GL_MULTISAMPLE);
    return calls;
}

size_t IncidentDrawer::drawMarkerSegments(const gl::Program& program, const LayerFrame& frame,
                                          int32_t windowStart, int32_t windowEnd, double reach, bool ghosts,
                                          bool points) {
    Impl& impl = *m_impl;
    std::vector<InstanceSegment>& segments = impl.segments;
    segments.clear();
    frame.prep().markerRanges.collect(windowStart, windowEnd, frame.visible, reach, segments);
    if (segments.empty()) return 0;
    glUniform1i(program.uniform("uGhosts"), ghosts ? 1 : 0);
    const GLint indexBase = program.uniform("uIndexBase");
    if (points) {
        // One vertex per marker from the whole buffer: gl_VertexID is the instance index itself.
        glUniform1i(indexBase, 0);
        impl.segmentFirsts.clear();
        impl.segmentCounts.clear();
        for (const InstanceSegment& s : segments) {
            impl.segmentFirsts.push_back(static_cast<GLint>(s.first));
            impl.segmentCounts.push_back(static_cast<GLsizei>(s.count));
        }
        glMultiDrawArrays(GL_POINTS, impl.segmentFirsts.data(), impl.segmentCounts.data(),
                          static_cast<GLsizei>(segments.size()));
        return 1;
    }
    // Instanced quads: GL 3.3 has no base instance, so the attributes are pointed at each segment's first.
    for (const InstanceSegment& s : segments) {
        pointMarkerAttributes(s.first);
        glUniform1i(indexBase, static_cast<GLint>(s.first));
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(s.count));
    }
    pointMarkerAttributes(0);
    return segments.size();
}

bool IncidentDrawer::ensureBadgeFont() {
    Impl& impl = *m_impl;
    if (impl.badgeText || impl.badgeFontFailed) return impl.badgeText.has_value();
    auto font = findSystemFont("DejaVu Sans", true);
    FontAtlasOptions options;
    options.width = 256;
    options.initialHeight = 256;
    options.maxHeight = 512;
    auto text = font ? TextRenderer::create(font.value(), options) : Result<TextRenderer>(font.error());
    if (!text) {
        impl.badgeFontFailed = true;
        logWarning("incident count badges are not drawn: " + text.error().describe());
        return false;
    }
    impl.badgeText.emplace(std::move(text).value());
    return true;
}

size_t IncidentDrawer::drawBadges(const std::vector<LayerFrame>& frames, const MapView& view) {
    // Count badges: at the upper right of each group's place, placed without overlaps, biggest counts first.
    if (frames.empty() || !ensureBadgeFont()) return 0;
    Impl& impl = *m_impl;
    const BadgeStyle& look = m_sheet->badge();
    struct Badge {
        std::string text;
        float x, y;
        float opacity;
    };
    std::vector<Badge> badges;
    std::vector<LabelCandidate> candidates;
    const float textPx = look.sizePx * view.pixelRatio;
    for (const LayerFrame& frame : frames) {
        const IncidentPrep& prep = frame.prep();
        const bool spreadHere = frame.focus.spreadLayer == frame.layer->id;
        const uint32_t skip = spreadHere ? frame.focus.spreadGroup : kNoIncident;
        const float offset = 0.5f * m_sheet->markerDiameterPx(0) * frame.scale * 0.8f;
        for (const BadgeCandidate& b : collectBadges(prep, frame.categories->filter, frame.visible, skip)) {
            const IncidentGroup& g = prep.groups[b.group];
            const ScreenXY at = view.toScreen({prep.origin.x + g.x, prep.origin.y + g.y});
            std::string text = badgeText(b.count);
            const TextMetrics size = impl.badgeText->measure(text, textPx);
            LabelCandidate c;
            c.id = badges.size();
            c.width = size.width + 4.f * view.pixelRatio;
            c.height = size.height();
            c.centerX = static_cast<float>(at.x) + offset + 0.5f * c.width;
            c.centerY = static_cast<float>(at.y) - offset - 0.5f * c.height + 2.f * view.pixelRatio;
            c.priority = static_cast<float>(b.count);
            candidates.push_back(c);
            badges.push_back({std::move(text), c.centerX, c.centerY, frame.layer->style.opacity});
        }
    }
    auto placed = impl.placer.place(candidates, static_cast<float>(view.widthPx),
                                    static_cast<float>(view.heightPx), 1.f);
    if (placed.size() > kMaxBadges) placed.resize(kMaxBadges);
    if (placed.empty()) return 0;
    impl.badgeText->begin(view.widthPx, view.heightPx);
    for (const PlacedLabel& label : placed) {
        const Badge& b = badges[label.id];
        TextStyle style;
        style.sizePx = textPx;
        style.fill = look.text.withAlpha(look.text.a * b.opacity);
        style.halo = look.halo.withAlpha(look.halo.a * b.opacity);
        style.haloWidthPx = 2.f * view.pixelRatio;
        impl.badgeText->addText(b.text, b.x, b.y, style);
    }
    impl.badgeText->flush();
    return 1;
}

}  // namespace fp
