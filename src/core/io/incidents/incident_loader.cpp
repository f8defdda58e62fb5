#include "core/io/incidents/incident_loader.h"

#include <unistd.h>

#include <filesystem>

#include "core/io/incidents/field_mapping.h"
#include "core/io/incidents/readers.h"
#include "core/io/shapefile_check.h"
#include "core/io/source_check.h"
#include "core/util/input_file.h"
#include "core/util/process_memory.h"

namespace fs = std::filesystem;

namespace fp {

namespace {

std::string lowerExtension(const std::string& path) {
    return incident_io::lowerAscii(fs::path(path).extension().string());
}

bool isTextFile(const std::string& path) {
    const std::string ext = lowerExtension(path);
    return ext == ".csv" || ext == ".tsv" || ext == ".tab" || ext == ".txt";
}

Status checkPath(const std::string& path) {
    if (path.empty()) return makeError(ErrorCode::InvalidArgument, "(empty path)", "no file given");
    if (path.rfind("/vsi", 0) == 0 || path.find("://") != std::string::npos) return {};
    // FIFOs, devices and symlink loops are refused before anything reads them (a folder gets its own
    // message).
    if (Status s = checkInputFile(path); !s && s.error().code != ErrorCode::IsDirectory) return s;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return makeError(ErrorCode::NotFound, path, "file not found");
    if (fs::is_directory(st) && lowerExtension(path) != ".gdb")
        return makeError(ErrorCode::IsDirectory, path, "is a directory, not a data file");
    if (::access(path.c_str(), R_OK) != 0)
        return makeError(ErrorCode::PermissionDenied, path, "cannot read file");
    return {};
}

void scrubError(Error& e) {
    e.message = scrubSecrets(e.message);
    e.source = scrubSecrets(e.source);
    e.field = scrubSecrets(e.field);
}

}  // namespace

std::vector<std::string> canonicalIncidentFields() {
    std::vector<std::string> out;
    for (size_t i = 0; i < incident_io::kFieldCount; ++i)
        out.emplace_back(incident_io::fieldName(static_cast<incident_io::Field>(i)));
    return out;
}

std::string incidentSourceName(const std::string& source, const IncidentLoadOptions& options) {
    if (isDatabaseSource(source)) return !options.sql.empty() ? "SQL query" : options.table;
    return fs::path(source).stem().string();
}

Result<IncidentStore> loadIncidents(const std::string& source, const IncidentLoadOptions& options,
                                    LoadReport& report, IncidentFormatInfo* info) {
    return loadIncidents(source, options, report, info, IncidentRowObserver());
}

Result<IncidentStore> loadIncidents(const std::string& source, const IncidentLoadOptions& options,
                                    LoadReport& report, IncidentFormatInfo* info,
                                    const IncidentRowObserver& observer) {
    const IncidentRowObserver* watch = observer ? &observer : nullptr;
    IncidentFormatInfo localInfo;
    IncidentFormatInfo& out = info ? *info : localInfo;
    out = IncidentFormatInfo{};
    const std::string shown = scrubSecrets(source);
    report.source = shown;
    const size_t firstProblem = report.problems.size();

    IncidentStoreBuilder builder;
    Status rows;
    if (isDatabaseSource(source)) {
        rows = incident_io::readGdalIncidents(source, shown, options, report, out, builder, watch);
    } else if (Status s = checkPath(source); !s) {
        rows = s.error();
    } else if (Status vrt = checkVrtSources(source); !vrt) {
        rows = vrt.error();
    } else if (Status shp = checkShapefileSource(source, report); !shp) {
        rows = shp.error();
    } else if (isTextFile(source) && !options.table.empty() &&
               options.table != fs::path(source).stem().string()) {
        rows = makeError(ErrorCode::NotFound, shown,
                         "has no layer named '" + options.table + "' (a text file is one table)");
    } else if (isTextFile(source) && options.sql.empty()) {
        rows = incident_io::readTextIncidents(source, options, report, out, builder, watch);
    } else {
        rows = incident_io::readGdalIncidents(source, shown, options, report, out, builder, watch);
    }
    for (size_t i = firstProblem; i < report.problems.size(); ++i) scrubError(report.problems[i]);
    if (!rows) {
        Error e = rows.error();
        scrubError(e);
        return e;
    }
    if (builder.empty()) {
        if (report.featuresRead == 0)
            return makeError(ErrorCode::EmptyLayer, shown, "has no incidents: there are no data rows");
        // Rows held for a geocoding decision are still the user's data: the layer loads with nothing on the
        // map yet, and each held row waits in the review list until it is placed.
        if (out.geocoding.pending.empty())
            return makeError(ErrorCode::EmptyLayer, shown,
                             "none of its " + std::to_string(report.featuresRead) +
                                 " rows could be loaded (each row's problem is reported)");
    }
    IncidentStore store = builder.build();
    // What a large load freed (GDAL's buffers, the columns in input order) malloc would keep, part of it in
    // the reading thread's arena that nothing else allocates from: give it back to the system.
    if (store.size() >= kLargeDataSetRows) releaseFreeMemory();
    return store;
}

}  // namespace fp
