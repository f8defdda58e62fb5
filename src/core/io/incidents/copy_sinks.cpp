#include "core/io/incidents/copy_sinks.h"

#include <unistd.h>

#include <filesystem>
#include <random>
#include <unordered_set>

#include "core/io/gdal_env.h"
#include "core/io/gdal_handles.h"
#include "core/io/incidents/incident_row.h"
#include "core/util/atomic_file.h"

namespace fs = std::filesystem;

namespace fp::incident_io {

std::string csvField(const std::string& value) {
    const bool quote = value.find_first_of(",\"\r\n") != std::string::npos ||
                       (!value.empty() && (value.front() == ' ' || value.back() == ' ' ||
                                           value.front() == '\t' || value.back() == '\t'));
    if (!quote) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string uniqueColumnName(const std::string& base, const std::unordered_set<std::string>& taken) {
    std::string name = base;
    for (int n = 2; taken.count(lowerAscii(name)); ++n) name = base + "_" + std::to_string(n);
    return name;
}

namespace {

class CsvSink final : public CopySink {
public:
    explicit CsvSink(std::string path) : m_path(std::move(path)) {}

    Status begin(const std::vector<std::string>& columns) override {
        appendLine(columns);
        return {};
    }
    Status row(const std::vector<std::string>& values, std::optional<LonLat>) override {
        appendLine(values);
        return {};
    }
    Status finish() override { return writeFileAtomically(m_path, m_text); }

private:
    void appendLine(const std::vector<std::string>& values) {
        for (size_t i = 0; i < values.size(); ++i) {
            if (i) m_text += ',';
            m_text += csvField(values[i]);
        }
        // CRLF as RFC 4180 says; every reader (and the loader) takes it.
        m_text += "\r\n";
    }

    std::string m_path;
    std::string m_text;
};

std::string gdalReason(const GdalErrorCapture& capture) {
    const std::string& r = capture.firstError().empty() ? capture.lastError() : capture.firstError();
    return r.empty() ? "GDAL gave no reason" : r;
}

class GpkgSink final : public CopySink {
public:
    GpkgSink(std::string path, std::string layerName)
        : m_path(std::move(path)), m_layerName(std::move(layerName)) {
        const fs::path target(m_path);
        std::random_device rd;
        m_tmp = (target.parent_path() / ("." + target.stem().string() + "." + std::to_string(::getpid()) +
                                         "-" + std::to_string(rd()) + ".tmp.gpkg"))
                    .string();
    }
    ~GpkgSink() override {
        m_dataset.reset();
        if (!m_done) removeTemp();
    }

    Status begin(const std::vector<std::string>& columns) override {
        if (Status s = checkWritableOutput(m_path); !s) return s;
        initGdal();
        GdalErrorCapture capture;
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        if (!driver) return makeError(ErrorCode::Internal, m_path, "GDAL has no GPKG driver");
        m_dataset.reset(driver->Create(m_tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!m_dataset) return fail("cannot create the GeoPackage", capture);

        // Field names must be unique without case in SQLite, and may not be the FID or geometry column.
        std::unordered_set<std::string> taken;
        std::vector<std::string> names;
        for (size_t i = 0; i < columns.size(); ++i) {
            const std::string base = columns[i].empty() ? "column_" + std::to_string(i + 1) : columns[i];
            names.push_back(uniqueColumnName(base, taken));
            taken.insert(lowerAscii(names.back()));
        }
        const std::string fid = "FID=" + uniqueColumnName("fid", taken);
        const std::string geom = "GEOMETRY_NAME=" + uniqueColumnName("geom", taken);
        const char* options[] = {fid.c_str(), geom.c_str(), nullptr};

        gdal::SpatialRefPtr srs(new OGRSpatialReference());
        srs->importFromEPSG(4326);
        srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        m_layer =
            m_dataset->CreateLayer(m_layerName.c_str(), srs.get(), wkbPoint, const_cast<char**>(options));
        if (!m_layer) return fail("cannot create layer '" + m_layerName + "'", capture);
        for (const auto& name : names) {
            OGRFieldDefn field(name.c_str(), OFTString);
            if (m_layer->CreateField(&field) != OGRERR_NONE)
                return fail("cannot create column '" + name + "'", capture);
        }
        m_columns = names.size();
        // One transaction for all rows: per-row commits would make a large copy take minutes.
        if (m_dataset->StartTransaction() != OGRERR_NONE) return fail("cannot start writing", capture);
        return {};
    }

    Status row(const std::vector<std::string>& values, std::optional<LonLat> position) override {
        GdalErrorCapture capture;
        gdal::FeaturePtr feature(OGRFeature::CreateFeature(m_layer->GetLayerDefn()));
        for (size_t i = 0; i < values.size() && i < m_columns; ++i)
            if (!values[i].empty()) feature->SetField(static_cast<int>(i), values[i].c_str());
        if (position) feature->SetGeometryDirectly(new OGRPoint(position->lon, position->lat));
        if (m_layer->CreateFeature(feature.get()) != OGRERR_NONE)
            return fail("cannot write row " + std::to_string(m_rows + 1), capture);
        ++m_rows;
        return {};
    }

    Status finish() override {
        GdalErrorCapture capture;
        if (m_dataset->CommitTransaction() != OGRERR_NONE) return fail("cannot complete the file", capture);
        // Closing writes the last pages: a full disk often shows only here.
        m_dataset.reset();
        if (!capture.lastError().empty()) return fail("writing the GeoPackage failed", capture);
        std::error_code ec;
        fs::rename(m_tmp, m_path, ec);
        if (ec) {
            removeTemp();
            return makeError(ErrorCode::IoError, m_path, "could not replace the file: " + ec.message());
        }
        m_done = true;
        return {};
    }

private:
    Error fail(const std::string& what, const GdalErrorCapture& capture) {
        return makeError(ErrorCode::IoError, m_path, what + ": " + gdalReason(capture));
    }
    void removeTemp() {
        std::error_code ec;
        for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(m_tmp + suffix, ec);
    }

    std::string m_path, m_layerName, m_tmp;
    gdal::DatasetPtr m_dataset;
    OGRLayer* m_layer = nullptr;  // owned by m_dataset
    size_t m_columns = 0;
    size_t m_rows = 0;
    bool m_done = false;
};

}  // namespace

std::unique_ptr<CopySink> makeCsvSink(std::string path) {
    return std::make_unique<CsvSink>(std::move(path));
}

std::unique_ptr<CopySink> makeGpkgSink(std::string path, std::string layerName) {
    return std::make_unique<GpkgSink>(std::move(path), std::move(layerName));
}

}  // namespace fp::incident_io
