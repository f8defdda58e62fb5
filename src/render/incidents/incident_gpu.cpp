#include "render/incidents/incident_gpu.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace fp {

namespace {

constexpr int kCategoryTextureWidth = 256;
// Discs fade out between these overdraw factors (total disc area on screen / viewport area): a screen
// washed over several times by translucent discs shows nothing useful and costs the fill rate.
constexpr double kDiscOverdrawFull = 1.5;
constexpr double kDiscOverdrawNone = 4.0;
// Markers shrink beyond this overdraw factor (see markerShrink).
constexpr double kMarkerOverdrawFull = 1.5;

}  // namespace

double visibleShare(const MapBBox& e, const MapBBox& visible) {
    if (!(e.width() > 0.0 && e.height() > 0.0)) return 1.0;
    const double w = std::max(0.0, std::min(e.maxX, visible.maxX) - std::max(e.minX, visible.minX));
    const double h = std::max(0.0, std::min(e.maxY, visible.maxY) - std::max(e.minY, visible.minY));
    return std::clamp(w * h / (e.width() * e.height()), 0.0, 1.0);
}

float markerShrink(const PreparedIncidents& p, const MapBBox& visible, double upp, double viewportPx,
                   float diameterPx, float minDiameterPx) {
    if (diameterPx <= minDiameterPx || viewportPx <= 0.0 || upp <= 0.0) return 1.f;
    const MapBBox& e = p.prep.extent;
    // Spread over the part of the layer's extent on screen (incidents rarely fill the whole view), but over
    // at least a quarter of the view, so a small cluster is not taken for a dense layer.
    const double w = std::max(0.0, std::min(e.maxX, visible.maxX) - std::max(e.minX, visible.minX));
    const double h = std::max(0.0, std::min(e.maxY, visible.maxY) - std::max(e.minY, visible.minY));
    const double spreadPx = std::clamp(w * h / (upp * upp), 0.25 * viewportPx, viewportPx);
    const double area = 0.25 * 3.14159265358979 * diameterPx * diameterPx;
    const double overdraw =
        static_cast<double>(p.prep.instances.size()) * visibleShare(e, visible) * area / spreadPx;
    if (overdraw <= kMarkerOverdrawFull) return 1.f;
    return static_cast<float>(
        std::max(std::sqrt(kMarkerOverdrawFull / overdraw), static_cast<double>(minDiameterPx / diameterPx)));
}

float discFade(const PreparedIncidents& p, const MapBBox& visible, double upp, double viewportPx) {
    const double share = visibleShare(p.prep.extent, visible);
    const double overdraw = p.ringArea * share / (upp * upp * viewportPx);
    return static_cast<float>(
        std::clamp((kDiscOverdrawNone - overdraw) / (kDiscOverdrawNone - kDiscOverdrawFull), 0.0, 1.0));
}

std::vector<uint8_t> categoryVisibility(const IncidentStore& store, const std::vector<std::string>& hidden) {
    std::vector<uint8_t> visible(store.categories().size(), 1);
    for (size_t c = 0; c < visible.size(); ++c)
        if (std::find(hidden.begin(), hidden.end(), store.categories()[c]) != hidden.end()) visible[c] = 0;
    return visible;
}

void uploadCategories(LayerCategories& lc, const IncidentStore& store, const IncidentStyleSheet& sheet) {
    const size_t n = std::max<size_t>(store.categories().size(), 1);
    const int blocks = static_cast<int>((n + kCategoryTextureWidth - 1) / kCategoryTextureWidth);
    std::vector<uint8_t> texels(static_cast<size_t>(kCategoryTextureWidth) * blocks * 2 * 4, 0);
    auto byte = [](float v) { return static_cast<uint8_t>(std::lround(std::clamp(v, 0.f, 1.f) * 255.f)); };
    for (size_t c = 0; c < store.categories().size(); ++c) {
        const CategoryStyle& style = sheet.styleFor(store.categories()[c]);
        const size_t x = c % kCategoryTextureWidth, block = c / kCategoryTextureWidth;
        uint8_t* colour = &texels[((block * 2) * kCategoryTextureWidth + x) * 4];
        uint8_t* info = &texels[((block * 2 + 1) * kCategoryTextureWidth + x) * 4];
        colour[0] = byte(style.color.r);
        colour[1] = byte(style.color.g);
        colour[2] = byte(style.color.b);
        colour[3] = byte(style.color.a);
        info[0] = static_cast<uint8_t>(style.shape);
        info[1] = lc.filter.categoryVisible[c] ? 255 : 0;
    }
    if (!lc.texture) lc.texture = gl::createTexture();
    glBindTexture(GL_TEXTURE_2D, lc.texture.id());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, kCategoryTextureWidth, blocks * 2, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 texels.data());
}

namespace {

const void* at(size_t byteOffset) {
    return reinterpret_cast<const void*>(byteOffset);
}

/// Enables attributes 0-4 of the bound VAO: per instance (one quad per marker) or per vertex (one point
/// sprite per marker), pointed at the bound buffer's first marker.
void describeMarkerAttributes(bool perInstance) {
    for (GLuint a = 0; a <= 4; ++a) {
        glEnableVertexAttribArray(a);
        glVertexAttribDivisor(a, perInstance ? 1 : 0);
    }
    pointMarkerAttributes(0);
}

}  // namespace

void pointMarkerAttributes(uint32_t first) {
    constexpr GLsizei stride = sizeof(IncidentInstance);
    const size_t base = static_cast<size_t>(first) * stride;
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, at(base + offsetof(IncidentInstance, x)));
    glVertexAttribIPointer(1, 2, GL_INT, stride, at(base + offsetof(IncidentInstance, start)));
    glVertexAttribIPointer(2, 1, GL_UNSIGNED_INT, stride, at(base + offsetof(IncidentInstance, group)));
    glVertexAttribIPointer(3, 3, GL_UNSIGNED_SHORT, stride, at(base + offsetof(IncidentInstance, category)));
    glVertexAttribIPointer(4, 2, GL_UNSIGNED_BYTE, stride, at(base + offsetof(IncidentInstance, precision)));
}

void pointRingAttributes(uint32_t first) {
    constexpr GLsizei stride = sizeof(UncertaintyInstance);
    const size_t base = static_cast<size_t>(first) * stride;
    glVertexAttribPointer(0, 4, GL_FLOAT, GL_FALSE, stride, at(base + offsetof(UncertaintyInstance, x)));
    glVertexAttribIPointer(1, 2, GL_INT, stride, at(base + offsetof(UncertaintyInstance, start)));
    glVertexAttribIPointer(2, 2, GL_UNSIGNED_SHORT, stride,
                           at(base + offsetof(UncertaintyInstance, category)));
}

void uploadIncidents(PreparedIncidents& p) {
    const auto& inst = p.prep.instances;
    p.markerVao = gl::createVertexArray();
    glBindVertexArray(p.markerVao.id());
    p.markerVbo = gl::createBuffer();
    glBindBuffer(GL_ARRAY_BUFFER, p.markerVbo.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(inst.size() * sizeof(IncidentInstance)),
                 inst.data(), GL_STATIC_DRAW);
    describeMarkerAttributes(true);

    // The same buffer and layout, one vertex per marker, for point sprites.
    p.markerPointVao = gl::createVertexArray();
    glBindVertexArray(p.markerPointVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, p.markerVbo.id());
    describeMarkerAttributes(false);

    const auto& rings = p.prep.rings;
    for (const auto& r : rings) {
        p.maxRingRadius = std::max<double>({p.maxRingRadius, r.radiusX, r.radiusY});
        p.ringArea += 3.14159265358979 * r.radiusX * r.radiusY;
    }
    if (!rings.empty()) {
        p.ringVao = gl::createVertexArray();
        glBindVertexArray(p.ringVao.id());
        p.ringVbo = gl::createBuffer();
        glBindBuffer(GL_ARRAY_BUFFER, p.ringVbo.id());
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(rings.size() * sizeof(UncertaintyInstance)),
                     rings.data(), GL_STATIC_DRAW);
        for (GLuint a = 0; a <= 2; ++a) {
            glEnableVertexAttribArray(a);
            glVertexAttribDivisor(a, 1);
        }
        pointRingAttributes(0);
    }
    glBindVertexArray(0);
}

}  // namespace fp
