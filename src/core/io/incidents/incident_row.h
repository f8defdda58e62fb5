#pragma once

// Internal to core/io/incidents: turning one source row into an Incident, with every problem reported.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/geocode/incident_geocoder.h"
#include "core/io/incidents/date_columns.h"
#include "core/io/load_report.h"
#include "core/model/incident.h"

namespace fp::incident_io {

/// Reports the problems of the row being read into a LoadReport, each naming source, row, column and reason,
/// and remembers whether the row was rejected.
class RowContext {
public:
    RowContext(LoadReport& report, std::string source) : m_report(report), m_source(std::move(source)) {}

    /// Starts row `row` (1-based); `where` starts every message of the row, e.g. "line 12: ".
    void begin(int64_t row, std::string where = {});
    /// A problem after which the row is still loaded; `message` must say what was done with the value.
    void warn(ErrorCode code, std::string_view field, std::string message);
    /// A problem that keeps the row out. Always returns false, so converters can `return ctx.reject(...)`.
    bool reject(ErrorCode code, std::string_view field, std::string message);
    bool rejected() const { return m_rejected; }
    int64_t row() const { return m_row; }
    const std::string& source() const { return m_source; }

    /// Asks for the row to be located from its place name (it has no coordinates): the reader geocodes it
    /// after conversion (see RowGeocoder). Cleared by begin().
    void requestGeocode(GeocodeQuery query) {
        m_geocode = std::move(query);
        m_needsGeocode = true;
    }
    bool needsGeocode() const { return m_needsGeocode; }
    GeocodeQuery& geocodeQuery() { return m_geocode; }

private:
    GeocodeQuery m_geocode;
    bool m_needsGeocode = false;
    LoadReport& m_report;
    std::string m_source;
    std::string m_where;
    int64_t m_row = 0;
    bool m_rejected = false;
};

/// `s` without leading and trailing white space.
inline std::string_view trimmed(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    size_t b = 0, e = s.size();
    while (b < e && space(s[b])) ++b;
    while (e > b && space(s[e - 1])) --e;
    return s.substr(b, e - b);
}
/// `s` in single quotes, for messages.
std::string quoted(std::string_view s);
/// Lower-case ASCII copy.
std::string lowerAscii(std::string_view s);
/// Items of a `sep`-separated list, trimmed, empty ones left out.
std::vector<std::string> splitList(std::string_view text, char sep = ';');

/// True when `s` is well-formed UTF-8.
bool isValidUtf8(std::string_view s);
/// `s` with every byte that is not part of a well-formed UTF-8 sequence replaced by U+FFFD.
std::string repairUtf8(std::string_view s);
/// True when every byte of `s` is ASCII (then it is UTF-8 too).
inline bool isAscii(std::string_view s) {
    unsigned char any = 0;
    for (char c : s) any |= static_cast<unsigned char>(c);
    return any < 0x80;
}
/// checkUtf8 for text that is not all ASCII.
void checkNonAsciiUtf8(RowContext& ctx, std::string_view field, std::string& value);
/// Checks `value` of column `field`; when it is not UTF-8, repairs it in place and warns.
inline void checkUtf8(RowContext& ctx, std::string_view field, std::string& value) {
    if (!isAscii(value)) checkNonAsciiUtf8(ctx, field, value);
}

/// Where an incident's time comes from: start is required, end optional. The formats, when given, are how
/// their columns are written (see date_columns.h); `yearText` is the row's year column, if any.
struct TimeInputs {
    TimeInputs(std::string_view startField_, std::string_view startText_, std::string_view endField_ = {},
               std::string_view endText_ = {})
        : startField(startField_), startText(startText_), endField(endField_), endText(endText_) {}
    std::string_view startField, startText;
    std::string_view endField, endText;
    const DateReading* startReading = nullptr;
    const DateReading* endReading = nullptr;
    std::string_view yearText;
};
/// True for the words sources write for a missing value: "NA" (R), "N/A", "NULL", "null", "None", "NaN".
bool isMissingMarker(std::string_view text);
/// Parses start and end into `out` (start precision from the text, see parseTime). Rejects the row when the
/// start is missing or unreadable, when the end is unreadable, or when the end lies before the start.
bool readTimes(RowContext& ctx, const TimeInputs& in, Incident& out);
/// Applies an explicit precision: a precision finer than the date text allows is replaced by the text's own
/// (with a warning), since e.g. "2022-12" cannot be known to the day.
void applyTimePrecision(RowContext& ctx, std::string_view field, TimePrecision wanted, Incident& out);

/// Parses a decimal degree value; empty optional when `text` is not a number.
std::optional<double> parseDegrees(std::string_view text);
/// Reads lon/lat columns into `out`; rejects missing, non-numeric and out-of-range values.
bool readLonLat(RowContext& ctx, std::string_view lonField, std::string_view lonText,
                std::string_view latField, std::string_view latText, LonLat& out);
/// Rejects a location outside -180..180 / -90..90 (or not finite); `what` names its origin in the message.
bool checkLonLat(RowContext& ctx, std::string_view field, LonLat p, std::string_view what);
/// A count of people (fatalities, injured): -1 for empty; invalid or negative values warn and give -1.
int32_t readCount(RowContext& ctx, std::string_view field, std::string_view text);
/// 1/2/3 or exact/near/region. Empty gives Exact; anything else warns and gives Region (the least precise).
LocationPrecision readLocationPrecision(RowContext& ctx, std::string_view field, std::string_view text);

/// Checks shared by every format once a row is converted: the category filter of the load options.
bool checkCategory(RowContext& ctx, std::string_view field, const std::vector<std::string>& allowed,
                   const Incident& inc);
/// The same for a category given apart from its incident.
bool checkCategory(RowContext& ctx, std::string_view field, const std::vector<std::string>& allowed,
                   std::string_view category);

}  // namespace fp::incident_io
