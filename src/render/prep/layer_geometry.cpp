#include "render/prep/layer_geometry.h"

#include "render/prep/simplify.h"

#include <GL/glu.h>

#include <array>
#include <cmath>
#include <deque>

namespace fp {

namespace {

/// Feeds polygons to a GLU tessellator and collects indexed triangles.
class Tessellator {
public:
    Tessellator() : m_tess(gluNewTess()) {
        using Fn = void(GLAPIENTRY*)();
        gluTessCallback(m_tess, GLU_TESS_BEGIN_DATA, reinterpret_cast<Fn>(&Tessellator::onBegin));
        gluTessCallback(m_tess, GLU_TESS_VERTEX_DATA, reinterpret_cast<Fn>(&Tessellator::onVertex));
        gluTessCallback(m_tess, GLU_TESS_COMBINE_DATA, reinterpret_cast<Fn>(&Tessellator::onCombine));
        gluTessCallback(m_tess, GLU_TESS_ERROR_DATA, reinterpret_cast<Fn>(&Tessellator::onError));
        // An edge-flag callback makes GLU emit plain triangles only (no fans or strips).
        gluTessCallback(m_tess, GLU_TESS_EDGE_FLAG_DATA, reinterpret_cast<Fn>(&Tessellator::onEdgeFlag));
        gluTessProperty(m_tess, GLU_TESS_WINDING_RULE, GLU_TESS_WINDING_ODD);
        gluTessNormal(m_tess, 0.0, 0.0, 1.0);
    }
    ~Tessellator() { gluDeleteTess(m_tess); }
    Tessellator(const Tessellator&) = delete;
    Tessellator& operator=(const Tessellator&) = delete;

    /// Triangulates one polygon (rings of map points, relative to origin). Returns false on GLU error,
    /// in which case no triangles of this polygon are kept.
    bool addPolygon(const std::vector<std::vector<MapXY>>& rings, MapXY origin, std::vector<float>& vertices,
                    std::vector<uint32_t>& indices) {
        m_vertices = &vertices;
        m_indices = &indices;
        m_failed = false;
        const size_t vertexMark = vertices.size();
        const size_t indexMark = indices.size();
        m_slots.clear();
        for (const auto& ring : rings) {
            for (const auto& p : ring) {
                double x = p.x - origin.x, y = p.y - origin.y;
                m_slots.push_back({{x, y, 0.0}, appendVertex(x, y)});
            }
        }
        gluTessBeginPolygon(m_tess, this);
        size_t slot = 0;
        for (const auto& ring : rings) {
            gluTessBeginContour(m_tess);
            for (size_t i = 0; i < ring.size(); ++i, ++slot)
                gluTessVertex(m_tess, m_slots[slot].xyz, &m_slots[slot]);
            gluTessEndContour(m_tess);
        }
        gluTessEndPolygon(m_tess);
        if (m_failed || (indices.size() - indexMark) % 3 != 0) {
            vertices.resize(vertexMark);
            indices.resize(indexMark);
            return false;
        }
        return true;
    }

private:
    struct Slot {
        double xyz[3];
        uint32_t index;
    };

    uint32_t appendVertex(double x, double y) {
        m_vertices->push_back(static_cast<float>(x));
        m_vertices->push_back(static_cast<float>(y));
        return static_cast<uint32_t>(m_vertices->size() / 2 - 1);
    }

    static void GLAPIENTRY onBegin(GLenum, void*) {}
    static void GLAPIENTRY onEdgeFlag(GLboolean, void*) {}
    static void GLAPIENTRY onVertex(void* vertexData, void* self) {
        static_cast<Tessellator*>(self)->m_indices->push_back(static_cast<Slot*>(vertexData)->index);
    }
    static void GLAPIENTRY onCombine(GLdouble coords[3], void* [4], GLfloat[4], void** out, void* self) {
        // Where rings cross (self-intersections), GLU asks for a new vertex at the crossing.
        auto* t = static_cast<Tessellator*>(self);
        t->m_slots.push_back({{coords[0], coords[1], 0.0}, t->appendVertex(coords[0], coords[1])});
        *out = &t->m_slots.back();
    }
    static void GLAPIENTRY onError(GLenum, void* self) { static_cast<Tessellator*>(self)->m_failed = true; }

    GLUtesselator* m_tess;
    std::deque<Slot> m_slots;  // deque: GLU keeps pointers to slots while a polygon is open
    std::vector<float>* m_vertices = nullptr;
    std::vector<uint32_t>* m_indices = nullptr;
    bool m_failed = false;
};

}  // namespace

size_t lodIndexFor(const std::vector<LayerGeometry::Lod>& lods, double unitsPerPixel) {
    size_t best = 0;
    for (size_t i = 0; i < lods.size(); ++i)
        if (lods[i].tolerance <= 0.5 * unitsPerPixel) best = i;
    return best;
}

namespace {

/// Rings of one part, projected; failed vertices left out.
using Rings = std::vector<std::vector<MapXY>>;

/// Appends one level of detail of all line and polygon parts to `out`.
void appendLevel(const std::vector<Rings>& parts, const std::vector<PartKind>& kinds, double tolerance,
                 Tessellator& tess, LayerGeometry& out) {
    LayerGeometry::Lod lod;
    lod.tolerance = tolerance;
    lod.fillIndexStart = static_cast<uint32_t>(out.fillIndices.size());
    lod.segmentStart = static_cast<uint32_t>(out.lineSegments.size() / 4);
    auto rel = [&](const MapXY& p) {
        return std::array<float, 2>{float(p.x - out.origin.x), float(p.y - out.origin.y)};
    };
    Rings simplified;
    for (size_t part = 0; part < parts.size(); ++part) {
        const PartKind kind = kinds[part];
        if (kind == PartKind::Point) continue;
        const bool closed = kind == PartKind::Polygon;
        simplified.clear();
        for (const auto& ring : parts[part]) {
            if (tolerance <= 0.0) {
                simplified.push_back(ring);
                continue;
            }
            // Rings smaller than the tolerance vanish at this level, as small islands do on any map.
            MapBBox box;
            for (const auto& p : ring) box.extend(p.x, p.y);
            if (box.width() < tolerance && box.height() < tolerance) continue;
            simplified.push_back(simplifyPolyline(ring, tolerance, closed));
        }
        for (const auto& ring : simplified) {
            if (ring.size() < 2) continue;
            const size_t segments = closed ? ring.size() : ring.size() - 1;
            for (size_t i = 0; i < segments; ++i) {
                auto a = rel(ring[i]);
                auto b = rel(ring[(i + 1) % ring.size()]);
                out.lineSegments.insert(out.lineSegments.end(), {a[0], a[1], b[0], b[1]});
            }
        }
        const bool exteriorKept =
            !simplified.empty() && parts[part].size() > 0 && simplified.front().size() >= 3;
        if (closed && exteriorKept) {
            if (!tess.addPolygon(simplified, out.origin, out.fillVertices, out.fillIndices) &&
                tolerance <= 0.0)
                ++out.tessellationFailures;
        }
    }
    lod.fillIndexCount = static_cast<uint32_t>(out.fillIndices.size()) - lod.fillIndexStart;
    lod.segmentCount = static_cast<uint32_t>(out.lineSegments.size() / 4) - lod.segmentStart;
    out.lods.push_back(lod);
}

}  // namespace

LayerGeometry prepareLayerGeometry(const VectorLayer& layer, const MapProjection& projection) {
    LayerGeometry out;
    const auto& g = layer.geometry;
    std::vector<MapXY> projected(g.vertices.size());
    for (size_t i = 0; i < g.vertices.size(); ++i) projected[i] = {g.vertices[i].lon, g.vertices[i].lat};
    out.projectionFailures = projection.projectInPlace(projected);
    for (const auto& p : projected)
        if (isFinite(p)) out.extent.extend(p.x, p.y);
    out.origin = out.extent.empty()
                     ? MapXY{}
                     : MapXY{std::round(out.extent.centerX()), std::round(out.extent.centerY())};

    std::vector<Rings> parts(g.partCount());
    for (size_t part = 0; part < g.partCount(); ++part) {
        for (uint32_t r = g.partRingStart[part]; r < g.partRingStart[part + 1]; ++r) {
            std::vector<MapXY> ring;
            ring.reserve(g.ringStart[r + 1] - g.ringStart[r]);
            for (uint32_t v = g.ringStart[r]; v < g.ringStart[r + 1]; ++v)
                if (isFinite(projected[v])) ring.push_back(projected[v]);
            if (g.partKind[part] == PartKind::Point) {
                for (const auto& p : ring)
                    out.pointPositions.insert(out.pointPositions.end(),
                                              {float(p.x - out.origin.x), float(p.y - out.origin.y)});
            }
            parts[part].push_back(std::move(ring));
        }
    }

    // Full detail, then coarser levels each four times the tolerance of the last, from 1/4096 of the layer's
    // size: enough that a whole-region view draws a few thousand segments instead of every surveyed vertex.
    Tessellator tess;
    appendLevel(parts, g.partKind, 0.0, tess, out);
    if (!out.extent.empty() && g.vertices.size() > 2000) {
        const double size = std::max(out.extent.width(), out.extent.height());
        for (double tol = size / 4096.0; tol <= size / 64.0; tol *= 4.0)
            appendLevel(parts, g.partKind, tol, tess, out);
    }

    out.labelAnchors.reserve(layer.labelAnchors.size());
    for (const auto& a : layer.labelAnchors) out.labelAnchors.push_back(projection.project(a));
    return out;
}

}  // namespace fp
