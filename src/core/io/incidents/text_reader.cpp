#include <optional>

#include "core/io/incidents/acled.h"
#include "core/io/incidents/delimited_text.h"
#include "core/io/incidents/field_mapping.h"
#include "core/io/incidents/gdelt.h"
#include "core/io/incidents/readers.h"
#include "core/io/incidents/row_geocoder.h"
#include "core/io/incidents/ucdp.h"

namespace fp::incident_io {

namespace {

enum class Kind { Gdelt, Acled, Ucdp, Mapped };

/// How a text file's rows are read.
struct TextPlan {
    Kind kind = Kind::Mapped;
    std::vector<std::string> header;
    std::optional<AcledColumns> acled;
    std::optional<UcdpColumns> ucdp;
    ColumnMapping mapping;
};

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

/// Lines before the header that hold a single value ("(Sample)", a title) while the line after them holds
/// several: an export tool's preamble. They are skipped (and reported); `first` becomes the header.
void skipPreamble(DelimitedText& text, TextRecord& first, LoadReport& report, const std::string& path) {
    for (int lines = 0; lines < 10 && first.fields.size() == 1; ++lines) {
        const DelimitedText::Mark before = text.mark();
        TextRecord next;
        if (!text.next(next) || next.fields.size() < 3) {
            text.rewind(before);
            return;
        }
        report.add(makeError(ErrorCode::InvalidArgument, path,
                             lineText(first) + quoted(trimmed(first.fields[0])) +
                                 " comes before the header and is not a row: skipped"));
        first = std::move(next);
    }
}

/// Values of a record with NUL bytes, which would cut the value short wherever it is used as C text: they are
/// removed, and reported.
void removeNuls(TextRecord& rec, RowContext& ctx, const std::vector<std::string>& header) {
    for (size_t i = 0; i < rec.fields.size(); ++i) {
        std::string& v = rec.fields[i];
        if (v.find('\0') == std::string::npos) continue;
        std::erase(v, '\0');
        ctx.warn(ErrorCode::InvalidArgument,
                 i < header.size() ? header[i] : "column " + std::to_string(i + 1),
                 "the value holds NUL bytes (is the file UTF-16 without a byte-order mark? see --encoding); "
                 "they were removed, row loaded");
    }
}

Result<TextPlan> planText(const TextRecord& first, char delimiter, const IncidentLoadOptions& options,
                          const std::string& path, IncidentFormatInfo& info) {
    TextPlan plan;
    if (options.fieldMapping.empty() && delimiter == '\t' && looksLikeGdeltRow(first.fields)) {
        if (!isGdeltWidth(first.fields.size())) {
            return makeError(ErrorCode::UnsupportedFormat, path,
                             "looks like a GDELT export but has " + std::to_string(first.fields.size()) +
                                 " columns; GDELT event files have 61 (2.0), 58 or 57 (1.0)");
        }
        plan.kind = Kind::Gdelt;
        info.format = "gdelt";
        info.fieldMapping = gdeltMapping();
        info.attribution = kGdeltAttribution;
        return plan;
    }
    if (first.quoting != TextRecord::Quoting::Ok) {
        return makeError(ErrorCode::UnsupportedFormat, path,
                         "the header line has broken quoting, so its columns cannot be told apart");
    }
    for (const auto& f : first.fields) plan.header.emplace_back(trimmed(f));
    info.columns = plan.header;
    auto known = [&](Kind kind, const char* format, const auto& columns, const char* attribution) {
        plan.kind = kind;
        info.format = format;
        info.fieldMapping = columns.describe();
        info.attribution = attribution;
        return plan;
    };
    if (options.fieldMapping.empty() && isAcledHeader(plan.header))
        return known(Kind::Acled, "acled", plan.acled.emplace(plan.header), kAcledAttribution);
    if (options.fieldMapping.empty() && isUcdpHeader(plan.header))
        return known(Kind::Ucdp, "ucdp-ged", plan.ucdp.emplace(plan.header), kUcdpAttribution);
    auto mapped = mapColumns(plan.header, options.fieldMapping, path);
    if (!mapped) return mapped.error();
    plan.mapping = std::move(mapped).value();
    // Recorded before the checks below, so a field-mapping dialog can start from what was recognised.
    info.fieldMapping = plan.mapping.describe();
    if (!plan.mapping.has(Field::Start)) {
        return makeError(ErrorCode::UnsupportedFormat, path,
                         "is not an incident table: no date column (looked for " + startColumnNames() + ")");
    }
    if (!plan.mapping.canLocate()) {
        return makeError(ErrorCode::UnsupportedFormat, path,
                         "is not an incident table: no coordinate columns (lon/lat, longitude/latitude, "
                         "x/y, or a WKT column such as wkt or geometry) and no place-name column to geocode "
                         "(location, place, placename, town, village, city)");
    }
    info.format = isFlashpointSchema(plan.header) ? "flashpoint" : "generic-csv";
    return plan;
}

/// Decides how each date column is read: from options.dateFormat, else from a survey of the column's values
/// over the first rows (all of them while no value has decided the order of day and month). Reading goes
/// back to where it was.
Status planDates(DelimitedText& text, TextPlan& plan, const IncidentLoadOptions& options,
                 const std::string& path, IncidentFormatInfo& info) {
    if (plan.kind == Kind::Gdelt) return {};
    auto chosen = parseDateFormatOption(options.dateFormat);
    if (!chosen) return makeError(ErrorCode::InvalidArgument, path, chosen.error().message);
    DatePlanner planner =
        plan.kind == Kind::Acled  ? DatePlanner(plan.acled->dateColumns(), plan.acled->yearColumn())
        : plan.kind == Kind::Ucdp ? DatePlanner(plan.ucdp->dateColumns(), plan.ucdp->yearColumn())
                                  : DatePlanner(plan.mapping.dateColumns(), plan.mapping.yearColumn);
    if (!chosen.value()) {
        const DelimitedText::Mark start = text.mark();
        TextRecord rec;
        bool more = true;
        while (planner.wantsMore() && (more = text.next(rec)))
            if (rec.quoting == TextRecord::Quoting::Ok) planner.add(rec.fields);
        text.rewind(start);
        if (!more && planner.noValues()) {
            return makeError(ErrorCode::UnsupportedFormat, path,
                             "is not an incident table: its date columns (" + planner.names() +
                                 ") are empty in every row");
        }
    }
    auto readings = planner.finish(chosen.value(), info.dateFormats);
    if (plan.kind == Kind::Acled)
        plan.acled->setDates(std::move(readings));
    else if (plan.kind == Kind::Ucdp)
        plan.ucdp->setDates(std::move(readings));
    else
        plan.mapping.dates = std::move(readings);
    return {};
}

/// Checks a record's quoting and width; false (reported) when the row cannot be converted.
bool checkRecord(DelimitedText& text, TextRecord& rec, Kind kind, const std::vector<std::string>& header,
                 RowContext& ctx) {
    auto columnName = [&](size_t i) {
        return i < header.size() ? header[i] : "column " + std::to_string(i + 1);
    };
    const std::string resume = " reading goes on at line " + std::to_string(rec.line + 1);
    if (rec.quoting == TextRecord::Quoting::Unclosed) {
        ctx.reject(ErrorCode::IoError, columnName(rec.badField),
                   "a quoted value opened here is never closed; row not loaded," + resume);
        text.resumeAfterFirstLine(rec);
        return false;
    }
    if (rec.quoting == TextRecord::Quoting::TextAfterQuote) {
        ctx.reject(ErrorCode::IoError, columnName(rec.badField),
                   "text follows the closing quote of a value (a quote inside a quoted value must be "
                   "doubled); row not loaded" +
                       (rec.lineCount > 1 ? "," + resume : std::string()));
        if (rec.lineCount > 1) text.resumeAfterFirstLine(rec);
        return false;
    }
    if (kind == Kind::Gdelt) {
        trimTrailingEmpty(rec.fields, kGdeltColumns);
        if (isGdeltWidth(rec.fields.size())) return true;
    } else {
        trimTrailingEmpty(rec.fields, header.size());
        if (rec.fields.size() == header.size()) return true;
    }
    std::string why = "has " + std::to_string(rec.fields.size()) + " values but " +
                      (kind == Kind::Gdelt ? std::string("GDELT event rows have 61, 58 or 57")
                                           : "the header has " + std::to_string(header.size())) +
                      " columns";
    if (rec.lineCount > 1) {
        // A record that ran over several lines and came out the wrong width was most likely cut by an
        // unbalanced quote: restart just after its first line so later rows survive.
        why += "; it spans several lines, probably because of an unbalanced quote; row not loaded," + resume;
        text.resumeAfterFirstLine(rec);
    } else {
        why += "; row not loaded";
    }
    ctx.reject(ErrorCode::IoError, "", why);
    return false;
}

}  // namespace

Status readTextIncidents(const std::string& path, const IncidentLoadOptions& options, LoadReport& report,
                         IncidentFormatInfo& info, IncidentStoreBuilder& out,
                         const IncidentRowObserver* observer) {
    auto opened = DelimitedText::open(path, options.encoding);
    if (!opened) return opened.error();
    DelimitedText& text = opened.value();
    info.encoding = text.encoding();
    if (text.encodingGuessed()) {
        report.add(makeError(ErrorCode::InvalidArgument, path,
                             "is not valid UTF-8: read as Windows-1252 (choose another encoding with "
                             "--encoding, e.g. ISO-8859-2)"));
    }
    if (text.blank()) return makeError(ErrorCode::EmptyLayer, path, "is empty: no header and no rows");
    text.setDelimiter(text.sniffDelimiter());
    info.driver = "delimited text (" + delimiterName(text.delimiter()) + ")";
    info.crs = "WGS 84 (lon/lat assumed for text)";

    TextRecord first;
    text.next(first);
    if (options.fieldMapping.empty()) skipPreamble(text, first, report, path);
    auto planned = planText(first, text.delimiter(), options, path, info);
    if (!planned) return planned.error();
    TextPlan& plan = planned.value();
    if (plan.kind == Kind::Mapped) info.fieldMapping = plan.mapping.describe();
    if (Status s = planDates(text, plan, options, path, info); !s) return s;

    Incident inc;  // reused for every row
    RowContext ctx(report, path);
    const std::string placeColumn = plan.kind == Kind::Acled    ? plan.acled->placeColumn()
                                    : plan.kind == Kind::Mapped ? plan.mapping.columnName(Field::Place)
                                                                : std::string();
    RowGeocoder geocoder(options, info.geocoding, placeColumn);
    int64_t row = 0;
    size_t firstBegin = 0;
    std::vector<std::string_view> views;
    auto notify = [&](const TextRecord& rec, IncidentRowView::Outcome outcome, bool looked) {
        views.assign(rec.fields.begin(), rec.fields.end());
        IncidentRowView v;
        v.row = row;
        v.line = rec.line;
        v.lineCount = rec.lineCount;
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
        if (!checkRecord(text, rec, plan.kind, plan.header, ctx)) {
            ++report.featuresSkipped;
            if (observer) notify(rec, IncidentRowView::Outcome::NotLoaded, false);
            return;
        }
        if (text.hasNul()) removeNuls(rec, ctx, plan.header);
        clearIncident(inc);
        bool ok = false;
        if (plan.kind == Kind::Gdelt)
            ok = convertGdeltRow(rec.fields, options.categories, ctx, inc);
        else if (plan.kind == Kind::Acled)
            ok = plan.acled->convert(rec.fields, options.categories, ctx, inc);
        else if (plan.kind == Kind::Ucdp)
            ok = plan.ucdp->convert(rec.fields, options.categories, ctx, inc);
        else
            ok = convertMappedRow(plan.mapping, rec.fields, nullptr, options.categories, ctx, inc);
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
    if (plan.kind == Kind::Gdelt) handle(first);
    TextRecord rec;
    while (text.next(rec)) handle(rec);
    // The years said are those of every date read, not only of the rows surveyed.
    if (plan.kind != Kind::Gdelt) {
        info.dateFormats = describeDates(plan.kind == Kind::Acled  ? plan.acled->dates()
                                         : plan.kind == Kind::Ucdp ? plan.ucdp->dates()
                                                                   : plan.mapping.dates);
    }
    return {};
}

}  // namespace fp::incident_io
