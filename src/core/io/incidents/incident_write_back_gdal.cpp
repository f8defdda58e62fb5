// Writing an edited incident layer back into its GeoPackage or PostGIS table: one transaction, so that a
// failure leaves the source as it was, and the features Flashpoint did not change (with their column types)
// stay untouched.

#include <ogr_spatialref.h>

#include <algorithm>

#include "core/io/gdal_env.h"
#include "core/io/gdal_handles.h"
#include "core/io/incidents/incident_write_back.h"
#include "core/util/secrets.h"

namespace fp::incident_io {

namespace {

Error failure(const std::string& path, const std::string& what, const GdalErrorCapture& capture) {
    const std::string& r = capture.firstError().empty() ? capture.lastError() : capture.firstError();
    return makeError(ErrorCode::IoError, path,
                     what + ": " + (r.empty() ? std::string("GDAL gave no reason") : scrubSecrets(r)) +
                         "; nothing was changed");
}

/// Turns WGS 84 lon/lat into points in the layer's CRS.
class PointMaker {
public:
    explicit PointMaker(OGRLayer* layer) {
        const OGRSpatialReference* target = layer->GetSpatialRef();
        if (!target) return;
        m_wgs84.importFromEPSG(4326);
        m_wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (target->IsSame(&m_wgs84)) return;
        m_transform.reset(OGRCreateCoordinateTransformation(&m_wgs84, target));
    }
    OGRPoint* make(LonLat p) const {
        auto* point = new OGRPoint(p.lon, p.lat);
        if (m_transform) point->transform(m_transform.get());
        return point;
    }

private:
    OGRSpatialReference m_wgs84;
    std::unique_ptr<OGRCoordinateTransformation> m_transform;
};

/// Writes `change` into `feature`; the name of a column the change names that the layer does not have (gone
/// since it was read, or renamed by the driver when added), or "" when every field was set.
std::string setFields(OGRFeature& feature, const FeatureChange& change, const PointMaker& points) {
    for (const auto& [name, value] : change.fields) {
        const int index = feature.GetFieldIndex(name.c_str());
        if (index < 0) return name;
        if (value.empty())
            feature.SetFieldNull(index);
        else
            feature.SetField(index, value.c_str());
    }
    if (change.position) feature.SetGeometryDirectly(points.make(*change.position));
    return {};
}

}  // namespace

Status updateGdalLayer(const GdalTarget& target, const std::vector<std::string>& newColumns,
                       const std::vector<FeatureChange>& changes, const std::vector<int64_t>& removedFids) {
    initGdal();
    GdalErrorCapture capture;
    const std::string& path = target.shownSource;
    const char* drivers[] = {target.driver, nullptr};
    gdal::DatasetPtr dataset(
        GDALDataset::Open(target.source.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, nullptr, nullptr));
    if (!dataset) return failure(path, "cannot be opened for writing", capture);
    OGRLayer* layer =
        target.layer.empty() ? dataset->GetLayer(0) : dataset->GetLayerByName(target.layer.c_str());
    if (!layer) return failure(path, "has no layer '" + target.layer + "' any more", capture);
    const bool needFids = !removedFids.empty() || std::any_of(changes.begin(), changes.end(),
                                                              [](const auto& c) { return c.row != 0; });
    if (needFids && std::string(layer->GetFIDColumn()).empty())
        return makeError(ErrorCode::UnsupportedFormat, path,
                         "table '" + target.layer +
                             "' has no integer primary key, so its rows cannot be told apart for writing; "
                             "nothing was changed (save as a new GeoPackage instead)");

    if (dataset->StartTransaction() != OGRERR_NONE)
        return failure(path, "cannot start a transaction", capture);
    const auto rollBackWith = [&](Error e) {
        dataset->RollbackTransaction();
        return e;
    };
    const auto rollBack = [&](const std::string& what) { return rollBackWith(failure(path, what, capture)); };
    // Not GDAL's failure but the table's: a column the edits were read from is gone.
    const auto noColumn = [&](const std::string& column, const std::string& what) {
        return rollBackWith(
            makeError(ErrorCode::IoError, path,
                      "has no column '" + column + "' to write " + what + " into; nothing was changed"));
    };
    for (const std::string& name : newColumns) {
        OGRFieldDefn field(name.c_str(), OFTString);
        if (layer->CreateField(&field) != OGRERR_NONE) return rollBack("cannot add column '" + name + "'");
    }
    const PointMaker points(layer);
    for (const FeatureChange& change : changes) {
        const std::string row = "row " + std::to_string(change.row);
        if (change.row == 0) {
            gdal::FeaturePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
            if (const std::string gone = setFields(*feature, change, points); !gone.empty())
                return noColumn(gone, "an added incident's field");
            if (layer->CreateFeature(feature.get()) != OGRERR_NONE) return rollBack("cannot add an incident");
            continue;
        }
        gdal::FeaturePtr feature(layer->GetFeature(change.fid));
        if (!feature) return rollBack("cannot read " + row + " (changed while saving?)");
        if (const std::string gone = setFields(*feature, change, points); !gone.empty())
            return noColumn(gone, row + "'s change");
        if (layer->SetFeature(feature.get()) != OGRERR_NONE) return rollBack("cannot write " + row);
    }
    for (int64_t fid : removedFids)
        if (layer->DeleteFeature(fid) != OGRERR_NONE)
            return rollBack("cannot delete the row with id " + std::to_string(fid));
    if (dataset->CommitTransaction() != OGRERR_NONE) return rollBack("cannot complete the transaction");
    dataset.reset();
    if (!capture.lastError().empty()) return failure(path, "writing failed", capture);
    return {};
}

}  // namespace fp::incident_io
