#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/geo/types.h"
#include "core/util/result.h"

namespace fp {

/// A coordinate reference system understood by PROJ. Cheap to copy (shares an immutable PROJ object).
/// Built from what a user types: "EPSG:32634", "32634", "+proj=laea ...", WKT or PROJJSON.
class Crs {
public:
    /// Parses a user's CRS definition. Fails with ErrorCode::InvalidCrs naming the text when PROJ does not
    /// recognise it or when it is not a CRS (e.g. a bare coordinate operation).
    static Result<Crs> fromUserInput(const std::string& definition);
    /// WGS 84 with longitude first (the frame LonLat lives in).
    static const Crs& wgs84();

    /// The text the CRS was made from, as the user gave it (used to save and show it).
    const std::string& definition() const { return m_definition; }
    /// PROJ's name for it, e.g. "WGS 84 / UTM zone 34N".
    const std::string& name() const { return m_name; }
    /// "EPSG:32634" when PROJ can tell an authority code, else empty.
    const std::string& authorityCode() const { return m_authority; }
    bool isGeographic() const { return m_geographic; }
    /// WKT2 of the CRS, for GDAL and project files.
    std::string toWkt() const;
    /// Where the CRS is meant to be used, in lon/lat degrees, as PROJ's database says (EPSG codes); empty
    /// when PROJ does not know it (most PROJ strings). An area across the antimeridian ends east of 180 (maxX
    /// = its east + 360).
    const std::optional<GeoBBox>& areaOfUse() const { return m_areaOfUse; }

    /// Opaque PROJ object (a PJ*), for the transformer only.
    const void* handle() const { return m_pj.get(); }

    friend bool operator==(const Crs& a, const Crs& b) { return a.m_definition == b.m_definition; }

private:
    std::shared_ptr<void> m_pj;
    std::string m_definition;
    std::string m_name;
    std::string m_authority;
    bool m_geographic = false;
    std::optional<GeoBBox> m_areaOfUse;
};

/// When `crs` is a poor choice for a map of `area` (lon/lat degrees): most of the area lies outside the CRS's
/// area of use widened on every side by half its size (at least 5 degrees), e.g. the world in one UTM zone,
/// which folds and stretches it. Returns what to tell the user (both areas, and to choose another CRS);
/// nothing when the CRS suits the area, is geographic, or has no known area of use.
std::optional<std::string> crsUnsuitedFor(const Crs& crs, const GeoBBox& area);

/// Converts points from one CRS to another, x = easting/longitude first whatever the CRS's axis order.
/// Not thread-safe: one instance per thread. Move-only (owns a PROJ context and operation).
class Transformer {
public:
    /// Fails with ErrorCode::InvalidCrs when PROJ finds no operation between the two.
    static Result<Transformer> create(const Crs& source, const Crs& target);

    Transformer(Transformer&&) noexcept;
    Transformer& operator=(Transformer&&) noexcept;
    ~Transformer();

    /// Transforms in place; points that cannot be transformed become (inf, inf). Returns how many failed.
    size_t forward(double* xs, double* ys, size_t count, size_t strideBytes = sizeof(double)) const;

    /// One point; (inf, inf) on failure.
    MapXY forward(double x, double y) const;

private:
    Transformer();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The map CRS plus transformers from and to WGS 84 lon/lat: what the view and loaders need.
class MapProjection {
public:
    static Result<MapProjection> create(const Crs& mapCrs);

    const Crs& crs() const { return m_crs; }
    /// WGS 84 degrees to map units; (inf, inf) outside the CRS's domain.
    MapXY project(LonLat p) const;
    /// Map units to WGS 84 degrees; (inf, inf) where undefined.
    LonLat unproject(MapXY p) const;
    /// In-place batch version of project(); returns how many points failed.
    size_t projectInPlace(std::vector<MapXY>& lonLatAsXY) const;
    /// The same over `count` points from `lonLatAsXY` (a part of a larger array).
    size_t projectInPlace(MapXY* lonLatAsXY, size_t count) const;

private:
    MapProjection(Crs crs, Transformer toMap, Transformer toGeo)
        : m_crs(std::move(crs)), m_toMap(std::move(toMap)), m_toGeo(std::move(toGeo)) {}
    Crs m_crs;
    Transformer m_toMap;
    Transformer m_toGeo;
};

/// Routes PROJ's own diagnostics into fp::Log (call once at start-up; safe to call again).
void installProjLogHandler();

/// The PROJ library's release at run time, e.g. "9.1.1".
std::string projVersion();

}  // namespace fp
