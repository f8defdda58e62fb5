#include <optional>

#include "core/io/incidents/acled.h"
#include "core/io/incidents/delimited_text.h"
#include "core/io/incidents/field_mapping.h"
#include "core/io/incidents/gdelt.h"
#include "core/io/incidents/readers.h"
#include "core/io/incidents/row_geocoder.h"

namespace fp::incident_io {

namespace {

enum class Kind { Gdelt, Acled, Mapped };

std::string delimiterName(char d) {
    switch (d) {
        case '\t':
            return "tab";
        case ';':
            return "';'";
        case '|':
            return "'|'";
        default:
            return "','";
    }
}

std::string lineText(const TextRecord& r) {
    if (r.lineCount <= 1) return "line " + std::to_string(r.line) + ": ";
    return "lines " + std::to_string(r.line) + "-" + std::to_string(r.line + r.lineCount - 1) + ": ";
}

/// Drops trailing empty fields beyond `expected`: what a spreadsheet leaves after the last column.
void trimTrailingEmpty(std::vector<std::string>& fields, size_t expected) {
    while (fields.size() > expected && trimmed(fields.back()).empty()) fields.pop_back();
}

}  // namespace

Status readTextIncidents(const std::string& path, const IncidentLoadOptions& options, LoadReport& report,
                         IncidentFormatInfo& info, IncidentStoreBuilder& out,
                         const IncidentRowObserver* observer) {
    auto opened = DelimitedText::open(path);
    if (!opened) return opened.error();
    DelimitedText& text = opened.value();
    if (text.blank()) return makeError(ErrorCode::EmptyLayer, path, "is empty: no header and no rows");
    text.setDelimiter(text.sniffDelimiter());
    info.driver = "delimited text (" + delimiterName(text.delimiter()) + ")";
    info.crs = "WGS 84 (lon/lat assumed for text)";

    TextRecord first;
    text.next(first);
    Kind kind = Kind::Mapped;
    std::vector<std::string> header;
    std::optional<AcledColumns> acled;
    ColumnMapping mapping;
    if (options.fieldMapping.empty() && text.delimiter() == '\t' && looksLikeGdeltRow(first.fields)) {
        if (first.fields.size() != kGdeltColumns) {
            return makeError(ErrorCode::UnsupportedFormat, path,
                             "looks like a GDELT export but has " + std::to_string(first.fields.size()) +
                                 " columns; only GDELT 2.0 event exports (61 columns) are read");
        }
        kind = Kind::Gdelt;
        info.format = "gdelt";
        info.fieldMapping = gdeltMapping();
        info.attribution = kGdeltAttribution;
    } else {
        if (first.quoting != TextRecord::Quoting::Ok) {
            return makeError(ErrorCode::UnsupportedFormat, path,
                             "the header line has broken quoting, so its columns cannot be told apart");
        }
        for (const auto& f : first.fields) header.emplace_back(trimmed(f));
        info.columns = header;
        if (options.fieldMapping.empty() && isAcledHeader(header)) {
            kind = Kind::Acled;
            acled.emplace(header);
            info.format = "acled";
            info.fieldMapping = acled->describe();
            info.attribution = kAcledAttribution;
        } else {
            auto mapped = mapColumns(header, options.fieldMapping, path);
            if (!mapped) return mapped.error();
            mapping = std::move(mapped).value();
            // Recorded before the checks below, so a field-mapping dialog can start from what was recognised.
            info.fieldMapping = mapping.describe();
            if (!mapping.has(Field::Start)) {
                return makeError(
                    ErrorCode::UnsupportedFormat, path,
                    "is not an incident table: no date column (looked for " + startColumnNames() + ")");
            }
            if (!mapping.canLocate()) {
                return makeError(
                    ErrorCode::UnsupportedFormat, path,
                    "is not an incident table: no coordinate columns (lon/lat, longitude/latitude, "
                    "x/y, or a WKT column such as wkt or geometry) and no place-name column to geocode "
                    "(location, place, placename, town, village, city)");
            }
            info.format = isFlashpointSchema(header) ? "flashpoint" : "generic-csv";
            info.fieldMapping = mapping.describe();
        }
    }
    const size_t expected = kind == Kind::Gdelt ? kGdeltColumns : header.size();
    auto columnName = [&](size_t i) {
        return i < header.size() ? header[i] : "column " + std::to_string(i + 1);
    };

    Incident inc;  // reused for every row
    RowContext ctx(report, path);
    RowGeocoder geocoder(options, info.geocoding,
                         kind == Kind::Acled ? acled->placeColumn() : mapping.columnName(Field::Place));
    int64_t row = 0;
    size_t firstBegin = 0;
    std::vector<std::string_view> views;
    auto notify = [&](const TextRecord& rec, IncidentRowView::Outcome outcome, bool looked) {
        views.assign(rec.fields.begin(), rec.fields.end());
        IncidentRowView v;
        v.row = row;
        v.values = &views;
        v.outcome = outcome;
        if (outcome == IncidentRowView::Outcome::Loaded) v.incident = &inc;
        if (looked) v.geocode = geocoder.lastResult();
        if (outcome == IncidentRowView::Outcome::Held) v.held = &info.geocoding.pending.back();
        (*observer)(v);
    };
    auto handle = [&](TextRecord& rec) {
        // Estimate the row count from the bytes the first rows took, so that the columns are sized once.
        constexpr int64_t kSample = 1024;
        if (row == 0) firstBegin = rec.begin;
        if (row == kSample && rec.begin > firstBegin) {
            const size_t perRow = (rec.begin - firstBegin) / kSample;
            if (perRow > 0) out.reserve(text.sizeBytes() / perRow + text.sizeBytes() / perRow / 16);
        }
        ++row;
        ++report.featuresRead;
        ctx.begin(row, lineText(rec));
        const std::string resume = " reading goes on at line " + std::to_string(rec.line + 1);
        if (rec.quoting == TextRecord::Quoting::Unclosed) {
            ctx.reject(ErrorCode::IoError, columnName(rec.badField),
                       "a quoted value opened here is never closed; row not loaded," + resume);
            text.resumeAfterFirstLine(rec);
        } else if (rec.quoting == TextRecord::Quoting::TextAfterQuote) {
            ctx.reject(ErrorCode::IoError, columnName(rec.badField),
                       "text follows the closing quote of a value (a quote inside a quoted value must be "
                       "doubled); row not loaded" +
                           (rec.lineCount > 1 ? "," + resume : std::string()));
            if (rec.lineCount > 1) text.resumeAfterFirstLine(rec);
        } else {
            trimTrailingEmpty(rec.fields, expected);
            if (rec.fields.size() != expected) {
                std::string why = "has " + std::to_string(rec.fields.size()) + " values but the " +
                                  (kind == Kind::Gdelt ? "GDELT 2.0 format has " : "header has ") +
                                  std::to_string(expected) + " columns";
                if (rec.lineCount > 1) {
                    // A record that ran over several lines and came out the wrong width was most likely cut
                    // by an unbalanced quote: restart just after its first line so later rows survive.
                    why +=
                        "; it spans several lines, probably because of an unbalanced quote; row not loaded," +
                        resume;
                    text.resumeAfterFirstLine(rec);
                } else {
                    why += "; row not loaded";
                }
                ctx.reject(ErrorCode::IoError, "", why);
            }
        }
        if (ctx.rejected()) {
            ++report.featuresSkipped;
            if (observer) notify(rec, IncidentRowView::Outcome::NotLoaded, false);
            return;
        }
        clearIncident(inc);
        bool ok = false;
        if (kind == Kind::Gdelt)
            ok = convertGdeltRow(rec.fields, options.categories, ctx, inc);
        else if (kind == Kind::Acled)
            ok = acled->convert(rec.fields, options.categories, ctx, inc);
        else
            ok = convertMappedRow(mapping, rec.fields, nullptr, options.categories, ctx, inc);
        const bool looked = ok && ctx.needsGeocode();
        if (looked) ok = geocoder.locate(ctx, inc, nullptr);
        if (ok) {
            out.append(inc);
            ++report.featuresLoaded;
        } else {
            ++report.featuresSkipped;
        }
        if (observer) {
            using O = IncidentRowView::Outcome;
            notify(rec, ok ? O::Loaded : looked ? O::Held : O::NotLoaded, looked);
        }
    };
    if (kind == Kind::Gdelt) handle(first);
    TextRecord rec;
    while (text.next(rec)) handle(rec);
    return {};
}

}  // namespace fp::incident_io
