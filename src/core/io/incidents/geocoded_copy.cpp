#include "core/io/incidents/geocoded_copy.h"

#include <cstdio>
#include <filesystem>
#include <unordered_map>

#include "core/io/incidents/copy_sinks.h"
#include "core/io/incidents/incident_loader.h"
#include "core/io/incidents/incident_row.h"
#include "core/util/atomic_file.h"

namespace fs = std::filesystem;

namespace fp {

namespace {

using incident_io::lowerAscii;

enum class Format { Csv, Gpkg };

std::string degrees(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.6f", v);  // 6 decimals: 0.1 m, finer than any gazetteer position
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

/// Index of `name` among `columns` (exact, else ignoring case); -1 when absent or empty.
int columnIndex(const std::vector<std::string>& columns, const std::string& name) {
    if (name.empty()) return -1;
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == name) return static_cast<int>(i);
    for (size_t i = 0; i < columns.size(); ++i)
        if (lowerAscii(columns[i]) == lowerAscii(name)) return static_cast<int>(i);
    return -1;
}

/// The source column the loader read canonical field `field` from (IncidentFormatInfo::fieldMapping).
int mappedColumn(const IncidentFormatInfo& info, const char* field) {
    for (const auto& [f, column] : info.fieldMapping)
        if (f == field) return columnIndex(info.columns, column);
    return -1;
}

/// Where the copy's columns are: the source's, then the appended ones.
struct ColumnPlan {
    std::vector<std::string> names;
    size_t sourceColumns = 0;
    int lon = -1, lat = -1;  ///< -1: positions only in the geometry (GeoPackage with no lon/lat columns)
    int precision = -1;
    bool precisionIsSource = false;  ///< the source's own column: written as 1/2/3 like the source's values
    size_t status = 0, match = 0;
    /// The source is itself a geocoded copy (it has geocode_status): its status columns are reused, so a
    /// copy written over its source again does not grow, and rows it had located keep saying how.
    bool statusIsSource = false;
};

ColumnPlan planColumns(const IncidentFormatInfo& info, Format format) {
    ColumnPlan p;
    p.names = info.columns;
    p.sourceColumns = info.columns.size();
    std::unordered_set<std::string> taken;
    for (const auto& n : p.names) taken.insert(lowerAscii(n));
    auto append = [&](const std::string& base) {
        p.names.push_back(incident_io::uniqueColumnName(base, taken));
        taken.insert(lowerAscii(p.names.back()));
        return static_cast<int>(p.names.size() - 1);
    };
    p.lon = mappedColumn(info, "lon");
    p.lat = mappedColumn(info, "lat");
    if (p.lon < 0 || p.lat < 0) {
        p.lon = p.lat = -1;
        if (format == Format::Csv) {
            p.lon = append("lon");
            p.lat = append("lat");
        }
    }
    p.precision = mappedColumn(info, "location_precision");
    p.precisionIsSource = p.precision >= 0;
    if (!p.precisionIsSource) p.precision = append("location_precision");
    const int status = columnIndex(info.columns, "geocode_status");
    const int match = columnIndex(info.columns, "geocode_match");
    p.statusIsSource = status >= 0 && match >= 0;
    p.status = static_cast<size_t>(p.statusIsSource ? status : append("geocode_status"));
    p.match = static_cast<size_t>(p.statusIsSource ? match : append("geocode_match"));
    return p;
}

std::string utf8(std::string_view v) {
    return incident_io::isValidUtf8(v) ? std::string(v) : incident_io::repairUtf8(v);
}

std::string candidateText(const GeocodeCandidate& c) {
    return (c.adminLabel.empty() ? c.name : c.adminLabel) + "; matched '" + c.matchedName + "' (" +
           matchKindName(c.match) + ")";
}

/// The choices about `source`, by row number (several per row possible: the last one made wins).
std::unordered_map<int64_t, std::vector<size_t>> choicesOf(const std::vector<GeocodeChoice>& choices,
                                                           const std::string& source) {
    std::unordered_map<int64_t, std::vector<size_t>> out;
    for (size_t i = 0; i < choices.size(); ++i)
        if (sameFile(choices[i].source, source)) out[choices[i].row].push_back(i);
    return out;
}

}  // namespace

std::string GeocodedCopySummary::describe() const {
    std::string s = std::to_string(rows) + " rows: ";
    if (original) s += std::to_string(original) + " with their own coordinates, ";
    s += std::to_string(geocoded) + " geocoded, " + std::to_string(byChoice) + " resolved by choices, " +
         std::to_string(ambiguous) + " ambiguous and " + std::to_string(unmatched) +
         " unmatched left without coordinates";
    if (skipped) s += ", " + std::to_string(skipped) + " skipped by choice";
    if (notLoaded) s += ", " + std::to_string(notLoaded) + " not loaded (see the load report)";
    if (staleChoices)
        s += "; " + std::to_string(staleChoices) + " choice(s) no longer match a held row and were ignored";
    return s;
}

std::string defaultGeocodedCopyPath(const std::string& source, const std::string& extension) {
    const fs::path p(source);
    std::string ext = extension;
    if (!ext.empty() && ext.front() == '.') ext.erase(0, 1);
    return (p.parent_path() / (p.stem().string() + "-geocoded." + ext)).string();
}

bool sameFile(const std::string& a, const std::string& b) {
    if (a == b) return true;
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec) && !ec;
    const auto ca = fs::weakly_canonical(a, ec);
    if (ec) return false;
    const auto cb = fs::weakly_canonical(b, ec);
    return !ec && ca == cb;
}

namespace {

/// The request's output format, once the request is checked (source, extension, writable output, overwrites).
Result<Format> checkCopyRequest(const GeocodedCopyRequest& req) {
    const std::string& out = req.output;
    if (req.source.empty()) return makeError(ErrorCode::InvalidArgument, "(source)", "no source file given");
    if (isDatabaseSource(req.source))
        return makeError(ErrorCode::UnsupportedFormat, scrubSecrets(req.source),
                         "a geocoded copy can only be made of a file, not of a database table");
    const std::string ext = lowerAscii(fs::path(out).extension().string());
    if (ext != ".csv" && ext != ".gpkg")
        return makeError(ErrorCode::InvalidArgument, out,
                         "unknown extension '" + fs::path(out).extension().string() +
                             "': a geocoded copy is written as .csv or .gpkg");
    if (Status s = checkWritableOutput(out); !s) return s.error();
    if (sameFile(out, req.source) && !req.allowSourceOverwrite)
        return makeError(ErrorCode::InvalidArgument, out,
                         "is the source itself; the original is not overwritten without an explicit "
                         "confirmation (--force on the command line)");
    std::error_code ec;
    if (fs::exists(out, ec) && !req.replaceExisting)
        return makeError(ErrorCode::InvalidArgument, out,
                         "already exists; it is not replaced without confirmation (--force on the command "
                         "line)");
    return ext == ".csv" ? Format::Csv : Format::Gpkg;
}

/// Writes each row the loader reports to the copy: the source's cells, then where the row was located and
/// how. Counts into `summary`; the first failure stops the writing and stays in `failed`.
class CopyRowWriter {
public:
    CopyRowWriter(const GeocodedCopyRequest& req, Format format, const IncidentFormatInfo& info)
        : m_req(req),
          m_format(format),
          m_info(info),
          m_choiceRows(choicesOf(req.choices, req.source)),
          m_used(req.choices.size(), false),
          m_sink(format == Format::Csv ? incident_io::makeCsvSink(req.output)
                                       : incident_io::makeGpkgSink(req.output, fs::path(req.output).stem())) {
        summary.output = req.output;
    }

    void observe(const IncidentRowView& v) {
        if (!failed || (!m_begun && !begin())) return;
        const std::vector<std::string_view>& values = *v.values;
        m_cells.assign(m_plan.names.size(), std::string());
        for (size_t i = 0; i < values.size() && i < m_plan.sourceColumns; ++i) m_cells[i] = utf8(values[i]);
        Located where;
        using O = IncidentRowView::Outcome;
        if (v.outcome == O::Loaded)
            where = loadedRow(v);
        else if (v.outcome == O::Held)
            where = heldRow(v);
        else
            where = notLoadedRow(v, values.size());
        writeRow(where);
    }

    /// Choices about the source that matched no held row.
    size_t staleChoices() const {
        size_t n = 0;
        for (const auto& [row, indices] : m_choiceRows)
            for (size_t i : indices) n += m_used[i] ? 0 : 1;
        return n;
    }
    bool begun() const { return m_begun; }
    Status finish() { return m_sink->finish(); }

    GeocodedCopySummary summary;
    Status failed;
    size_t onMapOrHeld = 0;

private:
    struct Located {
        std::optional<LonLat> position;
        std::optional<LocationPrecision> precision;
        bool here = false;  // by geocoding or a choice: the source's own position columns get filled
    };

    bool begin() {
        m_begun = true;
        // The loader fills the format and columns before its first row.
        if (m_info.format == "gdelt") {
            failed = makeError(ErrorCode::UnsupportedFormat, m_req.source,
                               "is a GDELT export: its rows always carry coordinates and are never "
                               "geocoded, so there is nothing to write back");
            return false;
        }
        m_plan = planColumns(m_info, m_format);
        failed = m_sink->begin(m_plan.names);
        return failed.ok();
    }

    Located loadedRow(const IncidentRowView& v) {
        ++onMapOrHeld;
        std::string& status = m_cells[m_plan.status];
        std::string& match = m_cells[m_plan.match];
        Located at{v.incident->location, v.incident->locationPrecision,
                   v.geocode && !v.geocode->candidates.empty()};
        if (at.here) {
            status = "matched";
            match = candidateText(v.geocode->candidates.front());
            ++summary.geocoded;
        } else {
            // Coordinates an earlier copy wrote are the row's own now, but how they were found stays.
            if (!m_plan.statusIsSource || status.empty() || status == "not_loaded") {
                status = "original";
                match.clear();
            }
            ++summary.original;
        }
        return at;
    }

    Located heldRow(const IncidentRowView& v) {
        ++onMapOrHeld;
        std::string& status = m_cells[m_plan.status];
        std::string& match = m_cells[m_plan.match];
        const GeocodeChoice* choice = nullptr;
        if (auto it = m_choiceRows.find(v.row); it != m_choiceRows.end()) {
            for (size_t i : it->second) {
                if (!m_req.choices[i].matches(*v.held)) continue;
                choice = &m_req.choices[i];  // the last choice made wins, as when the layer loads
                m_used[i] = true;
            }
        }
        if (choice && choice->kind == GeocodeChoice::Kind::Skip) {
            status = "skipped";
            match = "left off the map by choice (" + v.held->result.reason + ")";
            ++summary.skipped;
            return {};
        }
        if (auto inc = choice ? resolvedIncident(*v.held, *choice) : Result<Incident>(Error{});
            choice && inc) {
            const bool candidate = choice->kind == GeocodeChoice::Kind::Candidate;
            status = candidate ? "user_candidate" : "user_map";
            match =
                candidate ? choice->placeName + " (chosen from the candidates)" : "point chosen on the map";
            ++summary.byChoice;
            return {inc.value().location, inc.value().locationPrecision, true};
        }
        const bool ambiguous = v.held->result.outcome == GeocodeOutcome::Ambiguous;
        status = geocodeOutcomeName(v.held->result.outcome);
        match = v.held->result.reason;
        ++(ambiguous ? summary.ambiguous : summary.unmatched);
        return {};
    }

    Located notLoadedRow(const IncidentRowView& v, size_t valueCount) {
        m_cells[m_plan.status] = "not_loaded";
        if (!m_info.columns.empty() && valueCount != m_plan.sourceColumns)
            m_cells[m_plan.match] = "malformed row: " + std::to_string(valueCount) + " values for " +
                                    std::to_string(m_plan.sourceColumns) + " columns; see the load report";
        else
            m_cells[m_plan.match] = "not loaded; see the load report";
        ++summary.notLoaded;
        Located at;
        if (v.geometry) at.position = *v.geometry;
        return at;
    }

    void writeRow(const Located& at) {
        // The source's own columns change only for rows located here; appended columns are always filled.
        auto put = [&](int column, const std::string& text) {
            if (column >= 0 && (at.here || static_cast<size_t>(column) >= m_plan.sourceColumns))
                m_cells[static_cast<size_t>(column)] = text;
        };
        if (at.position) {
            put(m_plan.lon, degrees(at.position->lon));
            put(m_plan.lat, degrees(at.position->lat));
        }
        if (at.precision)
            put(m_plan.precision, m_plan.precisionIsSource
                                      ? std::to_string(static_cast<int>(*at.precision))
                                      : std::string(locationPrecisionName(*at.precision)));
        failed = m_sink->row(m_cells, at.position);
        ++summary.rows;
    }

    const GeocodedCopyRequest& m_req;
    const Format m_format;
    const IncidentFormatInfo& m_info;
    const std::unordered_map<int64_t, std::vector<size_t>> m_choiceRows;
    std::vector<bool> m_used;
    std::unique_ptr<incident_io::CopySink> m_sink;
    ColumnPlan m_plan;
    bool m_begun = false;
    std::vector<std::string> m_cells;
};

}  // namespace

Result<GeocodedCopySummary> writeGeocodedCopy(const GeocodedCopyRequest& req) {
    const auto format = checkCopyRequest(req);
    if (!format) return format.error();
    IncidentFormatInfo info;
    LoadReport report;
    CopyRowWriter writer(req, format.value(), info);
    auto loaded = loadIncidents(req.source, req.options, report, &info,
                                [&](const IncidentRowView& v) { writer.observe(v); });
    if (!writer.failed) return writer.failed.error();
    GeocodedCopySummary& sum = writer.summary;
    // A source whose rows are all held or rejected loads no store, but every row was seen and is copied.
    if (!loaded && !(loaded.error().code == ErrorCode::EmptyLayer && sum.rows > 0)) return loaded.error();
    if (!writer.begun()) return makeError(ErrorCode::EmptyLayer, req.source, "has no data rows to copy");
    if (req.expectedRows && *req.expectedRows != writer.onMapOrHeld)
        return makeError(ErrorCode::InvalidArgument, req.source,
                         "changed since it was loaded: " + std::to_string(*req.expectedRows) +
                             " rows were on the map or held for review then, " +
                             std::to_string(writer.onMapOrHeld) +
                             " now; load it again before saving a geocoded copy");
    sum.staleChoices = writer.staleChoices();
    if (req.requireChoicesMatch && sum.staleChoices > 0)
        return makeError(ErrorCode::InvalidArgument, req.source,
                         "changed since it was loaded: " + std::to_string(sum.staleChoices) +
                             " geocoding choice(s) no longer match a held row (same row and place name); "
                             "load it again before saving a geocoded copy");
    if (Status s = writer.finish(); !s) return s.error();
    return sum;
}

}  // namespace fp
