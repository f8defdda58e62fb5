#pragma once

// Internal to core/io: RAII aliases for GDAL handles (QGIS style), so no path leaks one on an early return.
#include <gdal_priv.h>
#include <ogr_feature.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <memory>

namespace fp::gdal {

using DatasetPtr = GDALDatasetUniquePtr;
using FeaturePtr = OGRFeatureUniquePtr;
using GeometryPtr = OGRGeometryUniquePtr;

struct SpatialRefDeleter {
    void operator()(OGRSpatialReference* s) const {
        if (s) s->Release();
    }
};
using SpatialRefPtr = std::unique_ptr<OGRSpatialReference, SpatialRefDeleter>;

}  // namespace fp::gdal
