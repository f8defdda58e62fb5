#include "core/io/incidents/incident_write_back.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "core/io/incidents/copy_sinks.h"
#include "core/io/incidents/delimited_rewrite.h"
#include "core/io/incidents/geocoded_copy.h"
#include "core/io/incidents/incident_loader.h"
#include "core/io/incidents/incident_row.h"
#include "core/io/incidents/incident_writer.h"
#include "core/util/atomic_file.h"

namespace fs = std::filesystem;

namespace fp {

namespace {

using incident_io::FeatureChange;
using incident_io::lowerAscii;
using incident_io::RowEdits;

enum class Kind { Csv, Gpkg, GeoJson, Postgres, Other };

Kind kindOf(const std::string& path) {
    if (isDatabaseSource(path))
        return gdalDatabaseName(path).rfind("PG:", 0) == 0 ? Kind::Postgres : Kind::Other;
    const std::string ext = lowerAscii(fs::path(path).extension().string());
    if (ext == ".csv") return Kind::Csv;
    if (ext == ".gpkg") return Kind::Gpkg;
    if (ext == ".geojson" || ext == ".json") return Kind::GeoJson;
    return Kind::Other;
}

/// How a source takes the edits: where each canonical field goes, and the columns to add.
struct Plan {
    std::vector<int> mapped;              ///< per canonical field: the source column, -1 when none
    std::vector<std::string> newColumns;  ///< appended, for fields the source has no column for
    std::vector<std::string> target;      ///< per canonical field: the column name written ("" : none)
    bool geometry = false;                ///< positions go into the feature's geometry
};

const size_t kLon = 22, kLat = 23;  // indices of lon and lat in incidentFileColumns()

/// The fields whose file values differ between `before` and `after` (indices into incidentFileColumns).
std::vector<size_t> differing(const std::vector<std::string>& before, const std::vector<std::string>& after) {
    std::vector<size_t> out;
    for (size_t c = 0; c < after.size(); ++c)
        if (before[c] != after[c]) out.push_back(c);
    return out;
}

struct EditValues {
    std::vector<std::string> before, after;  // incidentFileValues; `before` empty strings for an added row
};

EditValues editValues(const IncidentStore& saved, const IncidentStore& edited, const RowEdits& e,
                      size_t loaded) {
    return {incidentFileValues(saved.get(e.savedIndex[loaded])),
            incidentFileValues(edited.get(static_cast<size_t>(e.changedTo[loaded])))};
}

EditValues addedValues(const IncidentStore& edited, size_t index) {
    EditValues v{std::vector<std::string>(incidentFileColumns().size()),
                 incidentFileValues(edited.get(index))};
    return v;
}

Plan makePlan(const IncidentFormatInfo& info, const std::vector<EditValues>& edits, bool hasGeometry) {
    const auto& names = incidentFileColumns();
    Plan p;
    p.mapped = incident_io::mappedColumns(info.columns, info.fieldMapping);
    p.geometry = hasGeometry && (p.mapped[kLon] < 0 || p.mapped[kLat] < 0);
    p.target.assign(names.size(), std::string());
    std::unordered_set<std::string> taken;
    for (const auto& c : info.columns) taken.insert(lowerAscii(c));
    std::vector<bool> needed(names.size(), false);
    for (const EditValues& v : edits)
        for (size_t c : differing(v.before, v.after)) needed[c] = true;
    for (size_t c = 0; c < names.size(); ++c) {
        if (p.mapped[c] >= 0) {
            p.target[c] = info.columns[static_cast<size_t>(p.mapped[c])];
        } else if (needed[c] && !(p.geometry && (c == kLon || c == kLat))) {
            p.target[c] = incident_io::uniqueColumnName(names[c], taken);
            taken.insert(lowerAscii(p.target[c]));
            p.newColumns.push_back(p.target[c]);
        }
    }
    return p;
}

FeatureChange changeFor(const Plan& plan, const EditValues& v, int64_t row, LonLat position) {
    FeatureChange change;
    change.row = row;
    for (size_t c : differing(v.before, v.after)) {
        if (!plan.target[c].empty()) change.fields.emplace_back(plan.target[c], v.after[c]);
        if (plan.geometry && (c == kLon || c == kLat)) change.position = position;
    }
    return change;
}

Error changedSince(const std::string& source, size_t was, size_t now) {
    return makeError(ErrorCode::InvalidArgument, scrubSecrets(source),
                     "changed since it was loaded: " + std::to_string(was) + " rows were loaded then, " +
                         std::to_string(now) + " now; nothing was written (Save as a new file instead)");
}

}  // namespace

std::string IncidentSaveSummary::describe() const {
    return std::to_string(changed) + " changed, " + std::to_string(added) + " added, " +
           std::to_string(removed) + " removed; " + std::to_string(rows) + " rows";
}

std::string writeBackProblem(const std::string& source, const IncidentLoadOptions& options,
                             const std::string& format) {
    if (source.empty()) return "the layer has no file yet";
    if (!options.sql.empty()) return "incidents read by an SQL query cannot be written back";
    if (kindOf(source) == Kind::Postgres && options.table.empty())
        return "name the table to write back to (incidents read without one cannot be written back)";
    if (format == "gdelt") return "a GDELT export is read-only";
    if (kindOf(source) == Kind::Other)
        return "only GeoPackage, CSV, GeoJSON and PostGIS sources are written back";
    return {};
}

namespace incident_io {

RowEdits rowEdits(const IncidentStore& saved, const IncidentStore& edited) {
    RowEdits e;
    const size_t n = saved.size();
    e.changedTo.assign(n, -1);
    e.removed.assign(n, true);
    e.savedIndex.assign(n, 0);
    for (size_t j = 0; j < n; ++j) e.savedIndex[saved.origin(j)] = j;
    for (size_t i = 0; i < edited.size(); ++i) {
        const uint32_t o = edited.origin(i);
        if (o == IncidentStore::kAdded) {
            e.added.push_back(i);
            continue;
        }
        e.removed[o] = false;
        if (edited.isEdited(i)) e.changedTo[o] = static_cast<int64_t>(i);
    }
    return e;
}

std::vector<int> mappedColumns(const std::vector<std::string>& columns,
                               const std::vector<std::pair<std::string, std::string>>& fieldMapping) {
    const auto& names = incidentFileColumns();
    std::vector<int> out(names.size(), -1);
    for (size_t c = 0; c < names.size(); ++c)
        for (const auto& [field, column] : fieldMapping) {
            if (field != names[c]) continue;
            for (size_t k = 0; k < columns.size(); ++k)
                if (lowerAscii(columns[k]) == lowerAscii(column)) out[c] = static_cast<int>(k);
        }
    return out;
}

}  // namespace incident_io

}  // namespace fp

namespace fp {

namespace {

/// The values of every changed (by loaded row) and added incident.
struct AllEdits {
    std::unordered_map<size_t, EditValues> changed;
    std::vector<EditValues> added;
    std::vector<EditValues> all() const {
        std::vector<EditValues> out = added;
        for (const auto& [k, v] : changed) out.push_back(v);
        return out;
    }
};

AllEdits allEdits(const IncidentSaveRequest& req, const RowEdits& e) {
    AllEdits a;
    for (size_t k = 0; k < e.changedTo.size(); ++k)
        if (e.changedTo[k] >= 0) a.changed.emplace(k, editValues(*req.saved, *req.edited, e, k));
    for (size_t i : e.added) a.added.push_back(addedValues(*req.edited, i));
    return a;
}

LonLat positionOf(const IncidentStore& s, size_t i) {
    return {s.lon()[i], s.lat()[i]};
}

Status writeBackCsv(const IncidentSaveRequest& req, const RowEdits& e, IncidentSaveSummary& sum) {
    using incident_io::TextRowEdit;
    const AllEdits edits = allEdits(req, e);
    IncidentFormatInfo info;
    LoadReport report;
    std::optional<Plan> plan;
    incident_io::TextRewrite rewrite;
    std::unordered_map<std::string, size_t> columnAt;
    size_t loaded = 0;
    const auto start = [&] {
        plan = makePlan(info, edits.all(), false);
        std::vector<std::string> names = info.columns;
        names.insert(names.end(), plan->newColumns.begin(), plan->newColumns.end());
        for (size_t c = 0; c < names.size(); ++c) columnAt.emplace(lowerAscii(names[c]), c);
        rewrite.columns = info.columns.size();
        rewrite.newColumns = plan->newColumns;
    };
    const auto cellsWith = [&](std::vector<std::string> cells, const FeatureChange& change) {
        cells.resize(columnAt.size());
        for (const auto& [name, value] : change.fields) cells[columnAt.at(lowerAscii(name))] = value;
        return cells;
    };
    auto observe = [&](const IncidentRowView& v) {
        if (!plan) start();
        TextRowEdit row;
        row.line = v.line;
        row.lineCount = v.lineCount;
        row.widen = v.outcome != IncidentRowView::Outcome::NotLoaded;
        if (v.outcome == IncidentRowView::Outcome::Loaded && loaded < e.removed.size()) {
            const size_t k = loaded;
            if (e.removed[k]) {
                row.action = TextRowEdit::Action::Remove;
            } else if (auto it = edits.changed.find(k); it != edits.changed.end()) {
                row.action = TextRowEdit::Action::Replace;
                row.cells =
                    cellsWith({v.values->begin(), v.values->end()}, changeFor(*plan, it->second, v.row, {}));
            }
        }
        if (v.outcome == IncidentRowView::Outcome::Loaded) ++loaded;
        if (row.action != TextRowEdit::Action::Remove) ++sum.rows;
        rewrite.rows.push_back(std::move(row));
    };
    auto read = loadIncidents(req.source, req.options, report, &info, observe);
    if (!read && read.error().code != ErrorCode::EmptyLayer) return read.error();
    if (loaded != e.removed.size()) return changedSince(req.source, e.removed.size(), loaded);
    if (info.columns.empty())
        return makeError(ErrorCode::EmptyLayer, req.source, "has no header to write rows under");
    if (!plan) start();
    for (const EditValues& added : edits.added) {
        rewrite.added.push_back(cellsWith({}, changeFor(*plan, added, 0, {})));
        ++sum.rows;
    }
    return incident_io::rewriteDelimitedText(req.source, req.options.encoding, rewrite);
}

/// GeoPackage and GeoJSON: read the rows' numbers first, then change the features those rows are.
Status writeBackFeatures(const IncidentSaveRequest& req, const RowEdits& e, Kind kind,
                         IncidentSaveSummary& sum) {
    const AllEdits edits = allEdits(req, e);
    IncidentFormatInfo info;
    LoadReport report;
    std::vector<int64_t> rowOfLoaded, fidOfLoaded;
    auto observe = [&](const IncidentRowView& v) {
        ++sum.rows;
        if (v.outcome != IncidentRowView::Outcome::Loaded) return;
        rowOfLoaded.push_back(v.row);
        fidOfLoaded.push_back(v.fid);
    };
    auto read = loadIncidents(req.source, req.options, report, &info, observe);
    if (!read && !(read.error().code == ErrorCode::EmptyLayer && sum.rows > 0)) return read.error();
    if (rowOfLoaded.size() != e.removed.size())
        return changedSince(req.source, e.removed.size(), rowOfLoaded.size());
    const Plan plan = makePlan(info, edits.all(), true);
    std::vector<FeatureChange> changes;
    std::vector<int64_t> removedRows, removedFids;
    for (size_t k = 0; k < e.removed.size(); ++k) {
        if (e.removed[k]) {
            removedRows.push_back(rowOfLoaded[k]);
            removedFids.push_back(fidOfLoaded[k]);
        }
        if (auto it = edits.changed.find(k); it != edits.changed.end()) {
            changes.push_back(changeFor(plan, it->second, rowOfLoaded[k],
                                        positionOf(*req.edited, static_cast<size_t>(e.changedTo[k]))));
            changes.back().fid = fidOfLoaded[k];
        }
    }
    for (size_t a = 0; a < edits.added.size(); ++a) {
        changes.push_back(changeFor(plan, edits.added[a], 0, positionOf(*req.edited, e.added[a])));
        changes.back().position = positionOf(*req.edited, e.added[a]);
    }
    sum.rows = sum.rows - removedRows.size() + edits.added.size();
    if (kind == Kind::GeoJson) return incident_io::updateGeoJson(req.source, changes, removedRows);
    incident_io::GdalTarget target;
    target.source = kind == Kind::Postgres ? gdalDatabaseName(req.source) : req.source;
    target.shownSource = scrubSecrets(req.source);
    target.driver = kind == Kind::Postgres ? "PostgreSQL" : "GPKG";
    target.layer = kind == Kind::Postgres ? req.options.table : info.layer;
    return incident_io::updateGdalLayer(target, plan.newColumns, changes, removedFids);
}

Status saveAsNewFile(const IncidentSaveRequest& req, IncidentSaveSummary& sum) {
    std::error_code ec;
    if (fs::exists(req.output, ec) && !req.replaceExisting)
        return makeError(ErrorCode::InvalidArgument, req.output,
                         "already exists; it is not replaced without confirmation");
    if (!req.source.empty() && !isDatabaseSource(req.source) && sameFile(req.output, req.source))
        return makeError(ErrorCode::InvalidArgument, req.output,
                         "is the layer's own source: save without a new name to write the edits back");
    std::vector<Incident> all;
    all.reserve(req.edited->size());
    for (size_t i = 0; i < req.edited->size(); ++i) all.push_back(req.edited->get(i));
    sum.rows = all.size();
    sum.added = all.size();
    return writeIncidentFile(req.output, all, req.layerName.empty() ? "incidents" : req.layerName);
}

}  // namespace

Result<IncidentSaveSummary> saveIncidents(const IncidentSaveRequest& req) {
    if (!req.edited) return makeError(ErrorCode::InvalidArgument, req.layerName, "has no incidents to save");
    IncidentSaveSummary sum;
    IncidentLoadOptions readBack = req.options;
    if (!req.output.empty()) {
        if (Status s = saveAsNewFile(req, sum); !s) return s.error();
        sum.path = req.output;
        readBack = IncidentLoadOptions{};
    } else {
        if (const std::string why = writeBackProblem(req.source, req.options, req.format); !why.empty())
            return makeError(ErrorCode::UnsupportedFormat,
                             req.source.empty() ? req.layerName : scrubSecrets(req.source),
                             why + "; save it as a new GeoPackage instead");
        if (!req.saved || req.saved->lineage() != req.edited->lineage())
            return makeError(ErrorCode::InvalidArgument, scrubSecrets(req.source),
                             "these incidents were not read from the file as it is now (it was saved since); "
                             "save them as a new file instead");
        const RowEdits e = incident_io::rowEdits(*req.saved, *req.edited);
        for (size_t k = 0; k < e.removed.size(); ++k) {
            sum.removed += e.removed[k] ? 1 : 0;
            sum.changed += e.changedTo[k] >= 0 ? 1 : 0;
        }
        sum.added = e.added.size();
        const Kind kind = kindOf(req.source);
        const Status written =
            kind == Kind::Csv ? writeBackCsv(req, e, sum) : writeBackFeatures(req, e, kind, sum);
        if (!written) return written.error();
        sum.path = req.source;
    }
    LoadReport report;
    IncidentFormatInfo info;
    auto store = loadIncidents(sum.path, readBack, report, &info);
    if (!store && store.error().code == ErrorCode::EmptyLayer) store = IncidentStore();
    if (!store)
        return makeError(store.error().code, scrubSecrets(sum.path),
                         "was written but cannot be read back: " + store.error().message);
    sum.store = std::make_shared<const IncidentStore>(std::move(store).value());
    sum.format = info.format;
    return sum;
}

}  // namespace fp
