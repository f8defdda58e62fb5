#include "core/io/incidents/incident_row.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace fp::incident_io {

namespace {

std::string formatNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

/// Length of the well-formed UTF-8 sequence starting at s[i], 0 when there is none.
size_t utf8SequenceLength(std::string_view s, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b = byte(i);
    if (b < 0x80) return 1;
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b >= 0xC2 && b <= 0xDF) {
        len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
        len = 3;
        if (b == 0xE0) lo = 0xA0;  // overlong
        if (b == 0xED) hi = 0x9F;  // UTF-16 surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
        len = 4;
        if (b == 0xF0) lo = 0x90;  // overlong
        if (b == 0xF4) hi = 0x8F;  // beyond U+10FFFF
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (size_t k = 2; k < len; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return len;
}

}  // namespace

void RowContext::begin(int64_t row, std::string where) {
    m_row = row;
    m_where = std::move(where);
    m_rejected = false;
    m_needsGeocode = false;
}

void RowContext::warn(ErrorCode code, std::string_view field, std::string message) {
    Error e = makeError(code, m_source, m_where + std::move(message));
    e.row = m_row;
    e.field = std::string(field);
    m_report.add(std::move(e));
}

bool RowContext::reject(ErrorCode code, std::string_view field, std::string message) {
    warn(code, field, std::move(message));
    m_rejected = true;
    return false;
}

std::string quoted(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out.append(1, '\'').append(s).append(1, '\'');
    return out;
}

std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::vector<std::string> splitList(std::string_view text, char sep) {
    std::vector<std::string> out;
    size_t begin = 0;
    while (begin <= text.size()) {
        size_t end = text.find(sep, begin);
        if (end == std::string_view::npos) end = text.size();
        std::string_view item = trimmed(text.substr(begin, end - begin));
        if (!item.empty()) out.emplace_back(item);
        begin = end + 1;
    }
    return out;
}

bool isValidUtf8(std::string_view s) {
    // Plain ASCII, the usual case, eight bytes at a time.
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        uint64_t word;
        std::memcpy(&word, s.data() + i, 8);
        if (word & 0x8080808080808080ull) break;
    }
    while (i < s.size()) {
        const size_t len = utf8SequenceLength(s, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::string repairUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 8);
    for (size_t i = 0; i < s.size();) {
        const size_t len = utf8SequenceLength(s, i);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s.substr(i, len));
            i += len;
        }
    }
    return out;
}

void checkNonAsciiUtf8(RowContext& ctx, std::string_view field, std::string& value) {
    if (isValidUtf8(value)) return;
    value = repairUtf8(value);
    ctx.warn(ErrorCode::InvalidArgument, field,
             "text is not valid UTF-8 (is the file in another encoding, such as Windows-1252? save it as "
             "UTF-8); the bad bytes are shown as U+FFFD, row loaded");
}

bool isMissingMarker(std::string_view text) {
    const std::string_view t = trimmed(text);
    if (t.size() < 2 || t.size() > 4) return false;
    return t == "NA" || t == "N/A" || t == "NULL" || t == "null" || t == "None" || t == "NaN";
}

namespace {

Result<ParsedTime> parseWith(std::string_view text, const DateReading* reading, std::string_view yearText) {
    DateHints hints = reading ? reading->format.hints : DateHints{};
    const std::string_view year = trimmed(yearText);
    if (year.size() == 4) std::from_chars(year.data(), year.data() + 4, hints.fullYear);
    return parseTime(text, hints);
}

/// The message of an unreadable date, with the form its column was expected to have.
std::string unreadable(std::string_view text, const Error& e, const DateReading* reading) {
    std::string out = quoted(text) + ": " + e.message;
    if (reading) out += "; the column's dates are " + reading->format.expected();
    return out + "; row not loaded";
}

}  // namespace

bool readTimes(RowContext& ctx, const TimeInputs& in, Incident& out) {
    const std::string_view startText = trimmed(in.startText);
    if (startText.empty() || isMissingMarker(startText))
        return ctx.reject(ErrorCode::InvalidArgument, in.startField, "no start date; row not loaded");
    auto start = parseWith(startText, in.startReading, in.yearText);
    if (!start) {
        return ctx.reject(ErrorCode::InvalidArgument, in.startField,
                          unreadable(startText, start.error(), in.startReading));
    }
    if (in.startReading) in.startReading->saw(start->time);
    out.start = start->time;
    out.timePrecision = start->precision;
    out.end.reset();

    const std::string_view endText = trimmed(in.endText);
    if (endText.empty() || isMissingMarker(endText)) return true;
    auto end = parseWith(endText, in.endReading, in.yearText);
    if (!end) {
        return ctx.reject(ErrorCode::InvalidArgument, in.endField,
                          unreadable(endText, end.error(), in.endReading));
    }
    if (in.endReading) in.endReading->saw(end->time);
    TimePoint last = end->time;
    if (end->precision > out.timePrecision) {
        // A coarser end ("2022-12") means "until the end of that unit": keep the whole unit covered.
        const TimePoint after = coveredSpan(end->time, end->time, end->precision).end;
        last = out.timePrecision == TimePrecision::Exact ? after : TimePoint{after.seconds - 1};
    }
    if (last < out.start) {
        return ctx.reject(
            ErrorCode::InvalidArgument, in.endField,
            "end " + quoted(endText) + " is before start " + quoted(startText) + "; row not loaded");
    }
    out.end = last;
    return true;
}

void applyTimePrecision(RowContext& ctx, std::string_view field, TimePrecision wanted, Incident& out) {
    if (wanted >= out.timePrecision) {
        out.timePrecision = wanted;
        return;
    }
    ctx.warn(ErrorCode::InvalidArgument, field,
             std::string("precision '") + timePrecisionName(wanted) + "' is finer than the date gives; '" +
                 timePrecisionName(out.timePrecision) + "' used, row loaded");
}

std::optional<double> parseDegrees(std::string_view text) {
    std::string t(trimmed(text));
    if (t.empty()) return std::nullopt;
    // "42,66" from sources written with a decimal comma.
    if (t.find('.') == std::string::npos && t.find(',') != std::string::npos && t.find(',') == t.rfind(','))
        t[t.find(',')] = '.';
    const char* begin = t.data();
    if (*begin == '+') ++begin;
    double v = 0.0;
    auto [ptr, ec] = std::from_chars(begin, t.data() + t.size(), v);
    if (ec != std::errc() || ptr != t.data() + t.size()) return std::nullopt;
    return v;
}

bool checkLonLat(RowContext& ctx, std::string_view field, LonLat p, std::string_view what) {
    const std::string prefix = what.empty() ? std::string() : std::string(what) + " ";
    if (!std::isfinite(p.lon) || p.lon < -180.0 || p.lon > 180.0) {
        return ctx.reject(
            ErrorCode::InvalidGeometry, field,
            prefix + "longitude " + formatNumber(p.lon) + " is outside -180..180; row not loaded");
    }
    if (!std::isfinite(p.lat) || p.lat < -90.0 || p.lat > 90.0) {
        return ctx.reject(ErrorCode::InvalidGeometry, field,
                          prefix + "latitude " + formatNumber(p.lat) + " is outside -90..90; row not loaded");
    }
    if (p.lon == 0.0 && p.lat == 0.0) {
        ctx.warn(ErrorCode::InvalidGeometry, field,
                 "location is exactly 0,0, which sources often use for 'unknown'; row loaded there");
    }
    return true;
}

bool readLonLat(RowContext& ctx, std::string_view lonField, std::string_view lonText,
                std::string_view latField, std::string_view latText, LonLat& out) {
    if (trimmed(lonText).empty() && trimmed(latText).empty())
        return ctx.reject(ErrorCode::InvalidGeometry, lonField, "no coordinates; row not loaded");
    for (auto [field, text] : {std::pair{lonField, lonText}, std::pair{latField, latText}}) {
        if (trimmed(text).empty())
            return ctx.reject(ErrorCode::InvalidGeometry, field, "coordinate missing; row not loaded");
        if (!parseDegrees(text)) {
            return ctx.reject(ErrorCode::InvalidGeometry, field,
                              quoted(trimmed(text)) + " is not a number; row not loaded");
        }
    }
    out = {*parseDegrees(lonText), *parseDegrees(latText)};
    const bool lonBad = !std::isfinite(out.lon) || out.lon < -180.0 || out.lon > 180.0;
    return checkLonLat(ctx, lonBad ? lonField : latField, out, "");
}

int32_t readCount(RowContext& ctx, std::string_view field, std::string_view text) {
    const std::string_view t = trimmed(text);
    if (t.empty() || isMissingMarker(t)) return -1;
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || ptr != t.data() + t.size()) {
        // "3.0" from spreadsheets that store counts as reals.
        auto d = parseDegrees(t);
        if (!d || *d != std::floor(*d) || std::abs(*d) > 1e12) {
            ctx.warn(ErrorCode::InvalidArgument, field,
                     quoted(t) + " is not a whole number; left empty (not reported), row loaded");
            return -1;
        }
        v = static_cast<int64_t>(*d);
    }
    if (v < 0 || v > std::numeric_limits<int32_t>::max()) {
        ctx.warn(ErrorCode::InvalidArgument, field,
                 quoted(t) + " is not a possible count; left empty (not reported), row loaded");
        return -1;
    }
    return static_cast<int32_t>(v);
}

LocationPrecision readLocationPrecision(RowContext& ctx, std::string_view field, std::string_view text) {
    const std::string t = lowerAscii(trimmed(text));
    if (t.empty() || t == "1" || t == "exact") return LocationPrecision::Exact;
    if (t == "2" || t == "near") return LocationPrecision::Near;
    if (t == "3" || t == "region") return LocationPrecision::Region;
    ctx.warn(ErrorCode::InvalidArgument, field,
             quoted(trimmed(text)) +
                 " is not a location precision (1/2/3 or exact/near/region); 3 (region) assumed, row loaded");
    return LocationPrecision::Region;
}

bool checkCategory(RowContext& ctx, std::string_view field, const std::vector<std::string>& allowed,
                   const Incident& inc) {
    return checkCategory(ctx, field, allowed, std::string_view(inc.category));
}

bool checkCategory(RowContext& ctx, std::string_view field, const std::vector<std::string>& allowed,
                   std::string_view category) {
    if (allowed.empty()) return true;
    const std::string mine = lowerAscii(category);
    for (const auto& a : allowed)
        if (lowerAscii(a) == mine) return true;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return ctx.reject(ErrorCode::InvalidArgument, field,
                      "category " + quoted(category) + " is not one of the categories given (" + list +
                          "); row not loaded");
}

}  // namespace fp::incident_io
