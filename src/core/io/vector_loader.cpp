#include "core/io/vector_loader.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/io/gdal_env.h"
#include "core/io/gdal_handles.h"
#include "core/io/shapefile_check.h"
#include "core/io/source_check.h"
#include "core/io/vector_cache.h"
#include "core/proj/crs.h"
#include "core/util/file_name.h"
#include "core/util/input_file.h"
#include "core/util/secrets.h"

namespace fs = std::filesystem;

namespace fp {

namespace {

struct SourceSpec {
    std::string path;
    std::string layer;  // empty: all layers
};

SourceSpec parseSource(const std::string& source) {
    static const std::string kLayerKey = "|layername=";
    SourceSpec spec;
    auto bar = source.find(kLayerKey);
    if (bar == std::string::npos) {
        spec.path = source;
    } else {
        spec.path = source.substr(0, bar);
        spec.layer = source.substr(bar + kLayerKey.size());
    }
    return spec;
}

bool siblingExists(const fs::path& shp, const std::string& extLower) {
    std::string upper = extLower;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    fs::path a = shp, b = shp;
    std::error_code ec;
    return fs::exists(a.replace_extension(extLower), ec) || fs::exists(b.replace_extension(upper), ec);
}

bool isRemoteOrVirtual(const std::string& path) {
    return path.rfind("/vsi", 0) == 0 || isDatabaseSource(path) || path.find("://") != std::string::npos;
}

/// Checks the file itself before GDAL sees it, so the common mistakes get a precise message.
Status checkSourcePath(const std::string& path) {
    if (path.empty()) return makeError(ErrorCode::InvalidArgument, "(empty path)", "no file given");
    if (isRemoteOrVirtual(path)) return {};
    // FIFOs, devices and symlink loops are refused before anything reads them (a folder gets its own
    // message).
    if (Status s = checkInputFile(path); !s && s.error().code != ErrorCode::IsDirectory) return s;
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return makeError(ErrorCode::NotFound, path, "file not found");
    if (fs::is_directory(st) && lowerExtension(path) != ".gdb") {
        return makeError(ErrorCode::IsDirectory, path,
                         "is a directory, not a data file (for a shapefile, give the .shp file)");
    }
    if (::access(path.c_str(), R_OK) != 0)
        return makeError(ErrorCode::PermissionDenied, path, "cannot read file");
    if (lowerExtension(path) == ".shp") {
        for (const char* ext : {".shx", ".dbf"}) {
            if (!siblingExists(path, ext)) {
                return makeError(ErrorCode::MissingSidecar, path,
                                 std::string("shapefile is incomplete: its ") + ext +
                                     " file is missing (copy the .shp, .shx, .dbf and .prj together)");
            }
        }
    }
    return {};
}

/// One feature's geometry in the source CRS while it is being converted.
struct FeatureParts {
    std::vector<MapXY> pts;
    std::vector<uint32_t> ringStart{0};
    std::vector<uint32_t> partRingStart{0};
    std::vector<PartKind> kinds;

    void addRing(const OGRSimpleCurve& curve, bool closed) {
        int n = curve.getNumPoints();
        // Polygon rings repeat their first vertex at the end; the flat store does not.
        if (closed && n > 1 && curve.getX(0) == curve.getX(n - 1) && curve.getY(0) == curve.getY(n - 1)) --n;
        for (int i = 0; i < n; ++i) pts.push_back({curve.getX(i), curve.getY(i)});
        ringStart.push_back(static_cast<uint32_t>(pts.size()));
    }
    void endPart(PartKind kind) {
        kinds.push_back(kind);
        partRingStart.push_back(static_cast<uint32_t>(ringStart.size() - 1));
    }
    void add(const OGRGeometry* g) {
        if (!g || g->IsEmpty()) return;
        switch (wkbFlatten(g->getGeometryType())) {
            case wkbPoint: {
                auto* p = g->toPoint();
                pts.push_back({p->getX(), p->getY()});
                ringStart.push_back(static_cast<uint32_t>(pts.size()));
                endPart(PartKind::Point);
                break;
            }
            case wkbLineString:
                addRing(*g->toLineString(), false);
                endPart(PartKind::Line);
                break;
            case wkbPolygon: {
                auto* poly = g->toPolygon();
                for (const auto* ring : *poly) addRing(*ring, true);
                endPart(PartKind::Polygon);
                break;
            }
            case wkbMultiPoint:
            case wkbMultiLineString:
            case wkbMultiPolygon:
            case wkbGeometryCollection:
                for (const auto* sub : *g->toGeometryCollection()) add(sub);
                break;
            default:
                if (g->hasCurveGeometry()) {
                    GeometryPtrOwner linear(g->getLinearGeometry());
                    add(linear.get());
                }
                break;
        }
    }
    using GeometryPtrOwner = gdal::GeometryPtr;

    /// Removes vertices that failed to transform; drops rings and parts left too small. Returns how many
    /// vertices were removed.
    size_t dropInvalidVertices() {
        size_t removed = 0;
        FeatureParts out;
        for (size_t p = 0; p < kinds.size(); ++p) {
            size_t minVerts = kinds[p] == PartKind::Polygon ? 3 : kinds[p] == PartKind::Line ? 2 : 1;
            size_t ringsBefore = out.ringStart.size();
            for (uint32_t r = partRingStart[p]; r < partRingStart[p + 1]; ++r) {
                size_t start = out.pts.size();
                for (uint32_t v = ringStart[r]; v < ringStart[r + 1]; ++v) {
                    if (isValidLonLat({pts[v].x, pts[v].y}))
                        out.pts.push_back(pts[v]);
                    else
                        ++removed;
                }
                bool exterior = r == partRingStart[p];
                if (out.pts.size() - start < minVerts) {
                    out.pts.resize(start);
                    if (exterior) break;  // a polygon without its exterior ring is gone
                    continue;
                }
                out.ringStart.push_back(static_cast<uint32_t>(out.pts.size()));
            }
            if (out.ringStart.size() > ringsBefore) out.endPart(kinds[p]);
        }
        *this = std::move(out);
        return removed;
    }
};

double ringAreaDeg2(const std::vector<MapXY>& pts, uint32_t begin, uint32_t end) {
    double a = 0.0;
    for (uint32_t i = begin, j = end - 1; i < end; j = i++) a += pts[j].x * pts[i].y - pts[i].x * pts[j].y;
    return std::abs(a) * 0.5;
}

/// The largest polygon of a (multi)polygon, or the geometry itself.
const OGRGeometry* largestPolygon(const OGRGeometry* g) {
    const OGRGeometry* best = g;
    if (OGR_GT_IsSubClassOf(wkbFlatten(g->getGeometryType()), wkbGeometryCollection)) {
        double bestArea = -1.0;
        for (const auto* sub : *g->toGeometryCollection()) {
            if (wkbFlatten(sub->getGeometryType()) != wkbPolygon) continue;
            double a = sub->toPolygon()->get_Area();
            if (a > bestArea) {
                bestArea = a;
                best = sub;
            }
        }
    }
    return best;
}

/// A point inside `g` (GEOS point-on-surface of its largest polygon), else its envelope's centre.
MapXY pointInside(const OGRGeometry* g) {
    const OGRGeometry* best = largestPolygon(g);
    if (OGRGeometryFactory::haveGEOS() && wkbFlatten(best->getGeometryType()) == wkbPolygon) {
        // The C entry point goes through GEOS; OGRPolygon::PointOnSurface may return the centroid (in a
        // hole).
        gdal::GeometryPtr p(OGRGeometry::FromHandle(
            OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(best)))));
        if (p && !p->IsEmpty() && wkbFlatten(p->getGeometryType()) == wkbPoint)
            return {p->toPoint()->getX(), p->toPoint()->getY()};
    }
    OGREnvelope env;
    best->getEnvelope(&env);
    return {0.5 * (env.MinX + env.MaxX), 0.5 * (env.MinY + env.MaxY)};
}

/// Label points of a feature, in the source CRS: the main one first, then for polygons spanning several cells
/// of a grid of up to 4x4 over the feature, one inside each cell's substantial piece of it.
std::vector<MapXY> labelPointsInSource(const OGRGeometry* g) {
    std::vector<MapXY> points{pointInside(g)};
    auto type = wkbFlatten(g->getGeometryType());
    if ((type != wkbPolygon && type != wkbMultiPolygon) || !OGRGeometryFactory::haveGEOS()) return points;
    OGREnvelope env;
    g->getEnvelope(&env);
    const double w = env.MaxX - env.MinX, h = env.MaxY - env.MinY;
    const double cell = std::max(w, h) / 4.0;
    if (!(cell > 0.0)) return points;
    const int nx = std::clamp(static_cast<int>(std::round(w / cell)), 1, 4);
    const int ny = std::clamp(static_cast<int>(std::round(h / cell)), 1, 4);
    if (nx * ny <= 2) return points;
    // Label points need no survey precision: cutting a simplified outline is many times cheaper.
    gdal::GeometryPtr simple(g->Simplify(cell / 100.0));
    if (simple && !simple->IsEmpty()) g = simple.get();
    const double cw = w / nx, ch = h / ny;
    for (int j = 0; j < ny; ++j) {
        for (int i = 0; i < nx; ++i) {
            OGRLinearRing ring;
            const double x0 = env.MinX + i * cw, y0 = env.MinY + j * ch;
            ring.addPoint(x0, y0);
            ring.addPoint(x0 + cw, y0);
            ring.addPoint(x0 + cw, y0 + ch);
            ring.addPoint(x0, y0 + ch);
            ring.addPoint(x0, y0);
            OGRPolygon cellPolygon;
            cellPolygon.addRing(&ring);
            gdal::GeometryPtr piece(g->Intersection(&cellPolygon));
            if (!piece || piece->IsEmpty()) continue;
            auto pt = wkbFlatten(piece->getGeometryType());
            if (pt != wkbPolygon && pt != wkbMultiPolygon && pt != wkbGeometryCollection) continue;
            const OGRGeometry* big = largestPolygon(piece.get());
            if (wkbFlatten(big->getGeometryType()) != wkbPolygon ||
                big->toPolygon()->get_Area() < 0.2 * cw * ch)
                continue;
            points.push_back(pointInside(big));
        }
    }
    return points;
}

/// Makes an invalid polygonal geometry valid, keeping only its polygonal result. Null when impossible.
gdal::GeometryPtr repairPolygonal(const OGRGeometry* g) {
    gdal::GeometryPtr fixed(g->MakeValid());
    if (!fixed || fixed->IsEmpty()) return nullptr;
    auto type = wkbFlatten(fixed->getGeometryType());
    if (type == wkbPolygon || type == wkbMultiPolygon) return fixed;
    auto polys = std::make_unique<OGRMultiPolygon>();
    if (type == wkbGeometryCollection) {
        for (const auto* sub : *fixed->toGeometryCollection()) {
            auto st = wkbFlatten(sub->getGeometryType());
            if (st == wkbPolygon) polys->addGeometry(sub);
            if (st == wkbMultiPolygon)
                for (const auto* p : *sub->toMultiPolygon()) polys->addGeometry(p);
        }
    }
    if (polys->IsEmpty()) return nullptr;
    return gdal::GeometryPtr(polys.release());
}

Error rowError(ErrorCode code, const std::string& source, int64_t row, std::string message) {
    Error e = makeError(code, source, std::move(message));
    e.row = row;
    return e;
}

Result<VectorLayer> loadLayer(OGRLayer& layer, const std::string& path, const std::string& driver,
                              bool onlyLayer, LoadReport& report) {
    VectorLayer out;
    out.sourcePath = path;
    out.layerName = layer.GetName();
    out.driverName = driver;
    // A database's connection string (and its password) is no name to show: its table is.
    std::string stem = isDatabaseSource(path) ? out.layerName : fs::path(path).stem().string();
    out.displayName = (onlyLayer || out.layerName == stem) ? stem : stem + " / " + out.layerName;
    const std::string where = onlyLayer ? path : path + " (layer " + out.layerName + ")";

    if (layer.GetGeomType() == wkbNone) {
        return makeError(ErrorCode::UnsupportedFormat, where,
                         "has no geometry column: it is a plain table, not a map layer");
    }

    const OGRSpatialReference* srs = layer.GetSpatialRef();
    Crs sourceCrs = Crs::wgs84();
    if (!srs) {
        Error w =
            makeError(ErrorCode::InvalidCrs, where,
                      siblingExists(path, ".prj")
                          ? "its .prj file is not a CRS GDAL can read: coordinates are read as EPSG:4326 "
                            "(WGS 84 lon/lat)"
                          : "no CRS (no .prj file): coordinates are read as EPSG:4326 (WGS 84 lon/lat)");
        report.add(std::move(w));  // said by whoever shows the report, once
        out.sourceCrsName = "WGS 84 (assumed: no CRS in the file)";
    } else {
        char* wkt = nullptr;
        const char* options[] = {"FORMAT=WKT2_2019", nullptr};
        srs->exportToWkt(&wkt, options);
        std::string wktText = wkt ? wkt : "";
        CPLFree(wkt);
        auto crs = Crs::fromUserInput(wktText);
        if (!crs) return makeError(ErrorCode::InvalidCrs, where, "its CRS is not understood by PROJ");
        sourceCrs = crs.value();
        out.sourceCrsName = sourceCrs.name();
    }
    auto toGeo = Transformer::create(sourceCrs, Crs::wgs84());
    if (!toGeo) return makeError(ErrorCode::InvalidCrs, where, "no transformation from its CRS to WGS 84");

    OGRFeatureDefn* defn = layer.GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        out.fieldNames.push_back(defn->GetFieldDefn(i)->GetNameRef());

    auto& geom = out.geometry;
    int64_t row = 0;
    size_t allInvalid = 0;
    layer.ResetReading();
    for (auto& feature : layer) {
        ++row;
        ++report.featuresRead;
        const OGRGeometry* g = feature->GetGeometryRef();
        if (!g || g->IsEmpty()) {
            report.add(rowError(ErrorCode::InvalidGeometry, where, row, "feature has no geometry; skipped"));
            ++report.featuresSkipped;
            continue;
        }
        gdal::GeometryPtr repaired;
        auto type = wkbFlatten(g->getGeometryType());
        bool polygonal = type == wkbPolygon || type == wkbMultiPolygon || type == wkbCurvePolygon ||
                         type == wkbMultiSurface;
        if (polygonal && OGRGeometryFactory::haveGEOS() && !g->IsValid()) {
            repaired = repairPolygonal(g);
            if (!repaired) {
                report.add(rowError(ErrorCode::InvalidGeometry, where, row,
                                    "invalid polygon that could not be repaired; skipped"));
                ++report.featuresSkipped;
                continue;
            }
            report.add(rowError(ErrorCode::InvalidGeometry, where, row,
                                "invalid polygon (e.g. self-intersecting ring) repaired with MakeValid"));
            ++report.featuresRepaired;
            g = repaired.get();
        }

        FeatureParts parts;
        parts.add(g);
        std::vector<MapXY> anchors = labelPointsInSource(g);
        const size_t vertexTotal = parts.pts.size();
        parts.pts.insert(parts.pts.end(), anchors.begin(), anchors.end());  // transformed with the vertices
        toGeo->forward(&parts.pts[0].x, &parts.pts[0].y, parts.pts.size(), sizeof(MapXY));
        anchors.assign(parts.pts.begin() + static_cast<long>(vertexTotal), parts.pts.end());
        parts.pts.resize(vertexTotal);

        size_t vertexCount = parts.pts.size();
        size_t dropped = parts.dropInvalidVertices();
        if (dropped > 0) {
            if (parts.kinds.empty()) {
                ++allInvalid;
                report.add(
                    rowError(ErrorCode::ProjectionFailed, where, row,
                             "no coordinate is a valid position in " + out.sourceCrsName + "; skipped"));
                ++report.featuresSkipped;
                continue;
            }
            report.add(rowError(ErrorCode::ProjectionFailed, where, row,
                                std::to_string(dropped) + " of " + std::to_string(vertexCount) +
                                    " vertices lie outside the valid area of " + out.sourceCrsName +
                                    " and were left out"));
        }
        if (parts.kinds.empty()) {
            report.add(
                rowError(ErrorCode::InvalidGeometry, where, row, "geometry has no usable parts; skipped"));
            ++report.featuresSkipped;
            continue;
        }

        // Append the feature to the flat store.
        const uint32_t vBase = static_cast<uint32_t>(geom.vertices.size());
        const uint32_t rBase = static_cast<uint32_t>(geom.ringCount());
        double area = 0.0;
        for (size_t r = 1; r < parts.ringStart.size(); ++r)
            geom.ringStart.push_back(vBase + parts.ringStart[r]);
        for (size_t p = 0; p < parts.kinds.size(); ++p) {
            geom.partKind.push_back(parts.kinds[p]);
            geom.partRingStart.push_back(rBase + parts.partRingStart[p + 1]);
            if (parts.kinds[p] == PartKind::Polygon) {
                uint32_t ext = parts.partRingStart[p];
                area += ringAreaDeg2(parts.pts, parts.ringStart[ext], parts.ringStart[ext + 1]);
            }
        }
        geom.featurePartStart.push_back(static_cast<uint32_t>(geom.partCount()));
        for (const auto& p : parts.pts) {
            geom.vertices.push_back({p.x, p.y});
            out.extent.extend(p.x, p.y);
        }
        if (!isValidLonLat({anchors[0].x, anchors[0].y})) anchors[0] = parts.pts.front();
        for (const auto& a : anchors)
            if (isValidLonLat({a.x, a.y})) out.labelAnchors.push_back({a.x, a.y});
        out.labelAnchorStart.push_back(static_cast<uint32_t>(out.labelAnchors.size()));
        out.featureAreaDeg2.push_back(area);
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            out.attributes.emplace_back(feature->IsFieldSetAndNotNull(i) ? feature->GetFieldAsString(i) : "");
        }
        ++report.featuresLoaded;
    }

    if (row == 0) return makeError(ErrorCode::EmptyLayer, where, "layer is empty: it has no features");
    if (out.featureCount() == 0) {
        if (allInvalid > 0 && !srs) {
            return makeError(ErrorCode::ProjectionFailed, where,
                             "coordinates are not longitude/latitude and the file has no CRS (.prj): "
                             "add the .prj that came with it");
        }
        return makeError(ErrorCode::EmptyLayer, where,
                         "none of its " + std::to_string(row) + " features has usable geometry");
    }
    return out;
}

}  // namespace

namespace {

Result<std::vector<VectorLayer>> loadUncached(const SourceSpec& spec, LoadReport& report,
                                              GdalErrorCapture& capture) {
    gdal::DatasetPtr ds(
        GDALDataset::Open(gdalDatabaseName(spec.path).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds)
        return makeError(ErrorCode::UnsupportedFormat, spec.path,
                         unreadableVectorReason(spec.path, capture.lastError()));
    const std::string driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
    const int layerCount = ds->GetLayerCount();
    if (layerCount == 0) return makeError(ErrorCode::EmptyLayer, spec.path, "holds no vector layers");

    std::vector<VectorLayer> layers;
    if (!spec.layer.empty()) {
        OGRLayer* layer = ds->GetLayerByName(spec.layer.c_str());
        if (!layer)
            return makeError(ErrorCode::NotFound, spec.path, "has no layer named '" + spec.layer + "'");
        auto loaded = loadLayer(*layer, spec.path, driver, layerCount == 1, report);
        if (!loaded) return loaded.error();
        layers.push_back(std::move(loaded).value());
        return layers;
    }

    Error firstError;
    for (int i = 0; i < layerCount; ++i) {
        OGRLayer* layer = ds->GetLayer(i);
        auto loaded = loadLayer(*layer, spec.path, driver, layerCount == 1, report);
        if (loaded) {
            layers.push_back(std::move(loaded).value());
        } else {
            if (layers.empty() && firstError.message.empty()) firstError = loaded.error();
            if (layerCount > 1) report.add(loaded.error());
        }
    }
    if (layers.empty()) return firstError;
    return layers;
}

}  // namespace

Result<std::vector<VectorLayer>> loadVectorSource(const std::string& source, LoadReport& report) {
    initGdal();
    SourceSpec spec = parseSource(source);
    report.source = scrubSecrets(spec.path);
    if (Status s = checkSourcePath(spec.path); !s) return s.error();
    if (Status s = checkVrtSources(spec.path); !s) return s.error();
    if (Status s = checkShapefileSource(spec.path, report); !s) return s.error();
    // A source read before, unchanged since, comes back from the cache without GDAL, GEOS or PROJ.
    const std::optional<DiskCache> cache = DiskCache::user();
    const std::string key = cache ? vectorSourceCacheKey(source, spec.path) : std::string();
    if (!key.empty())
        if (auto cached = readCachedVectorSource(*cache, key, report)) return std::move(*cached);

    const LoadReport before = report;
    GdalErrorCapture capture;
    auto layers = loadUncached(spec, report, capture);
    if (layers && !key.empty() && report.problems.size() == before.problems.size() &&
        capture.messageCount() == 0) {
        LoadReport counts;
        counts.featuresRead = report.featuresRead - before.featuresRead;
        counts.featuresLoaded = report.featuresLoaded - before.featuresLoaded;
        writeCachedVectorSource(*cache, key, layers.value(), counts);
    }
    return layers;
}

}  // namespace fp
