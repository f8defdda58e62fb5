#include "core/proj/crs.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "core/proj/proj_context.h"
#include "core/util/log.h"

namespace fp {

namespace detail {

namespace {
void routeProjLog(void*, int level, const char* message) {
    // PROJ reports failures we also turn into typed errors, so its own text goes to the debug level.
    logDebug(std::string("PROJ: ") + (message ? message : ""));
    (void)level;
}
}  // namespace

ProjContextPtr makeProjContext() {
    ProjContextPtr ctx(proj_context_create());
    proj_log_func(ctx.get(), nullptr, routeProjLog);
    return ctx;
}

}  // namespace detail

namespace {

std::string trim(std::string s) {
    auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

bool isAllDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

/// Turns what users type into something proj_create reads as a CRS.
std::string normaliseDefinition(const std::string& input) {
    std::string def = trim(input);
    if (isAllDigits(def)) return "EPSG:" + def;
    if (def.rfind("+proj", 0) == 0 || def.rfind("proj=", 0) == 0) {
        if (def.find("type=crs") == std::string::npos) def += " +type=crs";
    }
    return def;
}

bool isCrsType(PJ_TYPE t) {
    switch (t) {
        case PJ_TYPE_GEODETIC_CRS:
        case PJ_TYPE_GEOCENTRIC_CRS:
        case PJ_TYPE_GEOGRAPHIC_CRS:
        case PJ_TYPE_GEOGRAPHIC_2D_CRS:
        case PJ_TYPE_GEOGRAPHIC_3D_CRS:
        case PJ_TYPE_VERTICAL_CRS:
        case PJ_TYPE_PROJECTED_CRS:
        case PJ_TYPE_COMPOUND_CRS:
        case PJ_TYPE_TEMPORAL_CRS:
        case PJ_TYPE_ENGINEERING_CRS:
        case PJ_TYPE_BOUND_CRS:
        case PJ_TYPE_OTHER_CRS:
            return true;
        default:
            return false;
    }
}

struct CrsHandle {
    detail::ProjContextPtr ctx;
    detail::ProjPtr pj;
};

}  // namespace

Result<Crs> Crs::fromUserInput(const std::string& definition) {
    const std::string def = normaliseDefinition(definition);
    if (def.empty()) return makeError(ErrorCode::InvalidCrs, "CRS", "empty CRS definition");
    auto handle = std::make_shared<CrsHandle>();
    handle->ctx = detail::makeProjContext();
    handle->pj.reset(proj_create(handle->ctx.get(), def.c_str()));
    if (!handle->pj) {
        int err = proj_context_errno(handle->ctx.get());
        std::string why = err ? proj_context_errno_string(handle->ctx.get(), err) : "unrecognised definition";
        return makeError(ErrorCode::InvalidCrs, definition, "unknown CRS (" + why + ")");
    }
    PJ_TYPE type = proj_get_type(handle->pj.get());
    if (!isCrsType(type)) {
        return makeError(ErrorCode::InvalidCrs, definition, "not a coordinate reference system");
    }
    if (type == PJ_TYPE_GEOCENTRIC_CRS || type == PJ_TYPE_VERTICAL_CRS || type == PJ_TYPE_TEMPORAL_CRS ||
        type == PJ_TYPE_ENGINEERING_CRS) {
        return makeError(ErrorCode::InvalidCrs, definition,
                         "not a horizontal CRS: a map needs a geographic or projected CRS");
    }
    Crs crs;
    crs.m_definition = def;
    const char* name = proj_get_name(handle->pj.get());
    crs.m_name = name ? name : def;
    const char* auth = proj_get_id_auth_name(handle->pj.get(), 0);
    const char* code = proj_get_id_code(handle->pj.get(), 0);
    if (auth && code) crs.m_authority = std::string(auth) + ":" + code;
    crs.m_geographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS ||
                       type == PJ_TYPE_GEOGRAPHIC_CRS;
    if (type == PJ_TYPE_BOUND_CRS || type == PJ_TYPE_COMPOUND_CRS) {
        // A +towgs84 PROJ string or a compound CRS: judge by the horizontal part.
        PJ* base = proj_get_source_crs(handle->ctx.get(), handle->pj.get());
        if (!base) base = proj_crs_get_sub_crs(handle->ctx.get(), handle->pj.get(), 0);
        if (base) {
            PJ_TYPE bt = proj_get_type(base);
            crs.m_geographic = bt == PJ_TYPE_GEOGRAPHIC_2D_CRS || bt == PJ_TYPE_GEOGRAPHIC_3D_CRS;
            proj_destroy(base);
        }
    }
    double west = 0, south = 0, east = 0, north = 0;
    if (proj_get_area_of_use(handle->ctx.get(), handle->pj.get(), &west, &south, &east, &north, nullptr) &&
        west > -1000.0 && south <= north)
        crs.m_areaOfUse = GeoBBox::fromCorners(west, south, east < west ? east + 360.0 : east, north);
    crs.m_pj = std::shared_ptr<void>(handle, handle->pj.get());
    return crs;
}

namespace {

/// "LO to HI" in degrees with the fewest decimals (up to 4) that tell the two apart: a small area is not
/// "96 to 96".
std::string degreeRange(double lo, double hi) {
    char a[32], b[32];
    for (int decimals = 0;; ++decimals) {
        std::snprintf(a, sizeof a, "%.*f", decimals, lo);
        std::snprintf(b, sizeof b, "%.*f", decimals, hi);
        if (decimals == 4 || std::string_view(a) != b) break;
    }
    return std::string(a) + " to " + b;
}

std::string lonLatRange(const GeoBBox& b) {
    return "lon " + degreeRange(b.minX, b.maxX > 180.0 ? b.maxX - 360.0 : b.maxX) + ", lat " +
           degreeRange(b.minY, b.maxY);
}

}  // namespace

std::optional<std::string> crsUnsuitedFor(const Crs& crs, const GeoBBox& area) {
    if (crs.isGeographic() || !crs.areaOfUse() || area.empty()) return std::nullopt;
    const GeoBBox& use = *crs.areaOfUse();
    const double padX = std::max(5.0, 0.5 * use.width()), padY = std::max(5.0, 0.5 * use.height());
    const GeoBBox widened =
        GeoBBox::fromCorners(use.minX - padX, use.minY - padY, use.maxX + padX, use.maxY + padY);
    // A grid of points over the area: the share inside stands for the share of the map drawn where the CRS
    // is meant to be used.
    constexpr int kSteps = 8;
    int inside = 0;
    for (int i = 0; i <= kSteps; ++i)
        for (int j = 0; j <= kSteps; ++j) {
            const double lon = area.minX + area.width() * i / kSteps;
            const double lat = area.minY + area.height() * j / kSteps;
            if (widened.contains(lon, lat) || widened.contains(lon + 360.0, lat)) ++inside;
        }
    if (2 * inside >= (kSteps + 1) * (kSteps + 1)) return std::nullopt;
    return "the map shows " + lonLatRange(area) + ", mostly outside the area its CRS " + crs.name() +
           " is meant for (" + lonLatRange(use) +
           "), so it is distorted there; choose a CRS for this area (--crs, or Map > CRS\u2026 in the "
           "window), e.g. EPSG:3857 (the web map) or the area's UTM zone";
}

const Crs& Crs::wgs84() {
    static const Crs crs = Crs::fromUserInput("EPSG:4326").value();
    return crs;
}

std::string Crs::toWkt() const {
    auto ctx = detail::makeProjContext();
    detail::ProjPtr pj(proj_create(ctx.get(), m_definition.c_str()));
    if (!pj) return {};
    const char* wkt = proj_as_wkt(ctx.get(), pj.get(), PJ_WKT2_2019, nullptr);
    return wkt ? wkt : std::string();
}

struct Transformer::Impl {
    detail::ProjContextPtr ctx;
    detail::ProjPtr op;
};

Transformer::Transformer() : m_impl(std::make_unique<Impl>()) {}
Transformer::Transformer(Transformer&&) noexcept = default;
Transformer& Transformer::operator=(Transformer&&) noexcept = default;
Transformer::~Transformer() = default;

Result<Transformer> Transformer::create(const Crs& source, const Crs& target) {
    Transformer t;
    t.m_impl->ctx = detail::makeProjContext();
    PJ_CONTEXT* ctx = t.m_impl->ctx.get();
    detail::ProjPtr raw(
        proj_create_crs_to_crs(ctx, source.definition().c_str(), target.definition().c_str(), nullptr));
    if (!raw) {
        return makeError(ErrorCode::InvalidCrs, source.name() + " -> " + target.name(),
                         "PROJ found no transformation between these CRSs");
    }
    t.m_impl->op.reset(proj_normalize_for_visualization(ctx, raw.get()));
    if (!t.m_impl->op) {
        return makeError(ErrorCode::InvalidCrs, source.name() + " -> " + target.name(),
                         "PROJ could not normalise the axis order");
    }
    return t;
}

namespace {
size_t transformBatch(PJ* op, PJ_DIRECTION dir, double* xs, double* ys, size_t count, size_t stride) {
    if (count == 0) return 0;
    proj_trans_generic(op, dir, xs, stride, count, ys, stride, count, nullptr, 0, 0, nullptr, 0, 0);
    size_t failed = 0;
    auto* xb = reinterpret_cast<unsigned char*>(xs);
    auto* yb = reinterpret_cast<unsigned char*>(ys);
    for (size_t i = 0; i < count; ++i) {
        double& x = *reinterpret_cast<double*>(xb + i * stride);
        double& y = *reinterpret_cast<double*>(yb + i * stride);
        if (!std::isfinite(x) || !std::isfinite(y)) {
            x = y = HUGE_VAL;
            ++failed;
        }
    }
    return failed;
}
}  // namespace

size_t Transformer::forward(double* xs, double* ys, size_t count, size_t strideBytes) const {
    return transformBatch(m_impl->op.get(), PJ_FWD, xs, ys, count, strideBytes);
}

MapXY Transformer::forward(double x, double y) const {
    forward(&x, &y, 1);
    return {x, y};
}

Result<MapProjection> MapProjection::create(const Crs& mapCrs) {
    auto toMap = Transformer::create(Crs::wgs84(), mapCrs);
    if (!toMap) return toMap.error();
    auto toGeo = Transformer::create(mapCrs, Crs::wgs84());
    if (!toGeo) return toGeo.error();
    return MapProjection(mapCrs, std::move(toMap).value(), std::move(toGeo).value());
}

MapXY MapProjection::project(LonLat p) const {
    return m_toMap.forward(p.lon, p.lat);
}

LonLat MapProjection::unproject(MapXY p) const {
    MapXY g = m_toGeo.forward(p.x, p.y);
    return {g.x, g.y};
}

size_t MapProjection::projectInPlace(std::vector<MapXY>& pts) const {
    return projectInPlace(pts.data(), pts.size());
}

size_t MapProjection::projectInPlace(MapXY* pts, size_t count) const {
    if (count == 0) return 0;
    return m_toMap.forward(&pts[0].x, &pts[0].y, count, sizeof(MapXY));
}

std::string projVersion() {
    return proj_info().version;
}

void installProjLogHandler() {
    // The default context is used by nothing of ours, but GDAL's PROJ calls go through it.
    proj_log_func(nullptr, nullptr,
                  [](void*, int, const char* msg) { logDebug(std::string("PROJ: ") + (msg ? msg : "")); });
}

}  // namespace fp
