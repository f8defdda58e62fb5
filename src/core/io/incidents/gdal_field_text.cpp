#include "core/io/incidents/gdal_field_text.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/io/incidents/incident_row.h"

namespace fp::incident_io {

namespace {

/// Writes `v` as `width` decimal digits at `p` (0 <= v < 10^width).
char* putDigits(char* p, int v, int width) {
    for (int k = width - 1; k >= 0; --k, v /= 10) p[k] = static_cast<char>('0' + v % 10);
    return p + width;
}

/// A set date or date-time field (its raw value `raw`) appended to `out` as ISO text that parseTime reads,
/// with the field's time zone applied.
void appendIso(std::string& out, const OGRField& raw, OGRFieldType type) {
    const int y = raw.Date.Year, mo = raw.Date.Month, d = raw.Date.Day, h = raw.Date.Hour,
              mi = raw.Date.Minute, tz = raw.Date.TZFlag;
    const int sec = static_cast<int>(std::floor(raw.Date.Second));
    char buf[64];
    char* end = buf;
    const bool plain = y >= 0 && y <= 9999 && mo >= 0 && mo <= 99 && d >= 0 && d <= 99 && h >= 0 && h <= 99 &&
                       mi >= 0 && mi <= 99 && sec >= 0 && sec <= 99;
    if (plain) {
        // The common case without printf: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS".
        end = putDigits(end, y, 4);
        *end++ = '-';
        end = putDigits(end, mo, 2);
        *end++ = '-';
        end = putDigits(end, d, 2);
        if (type != OFTDate) {
            *end++ = 'T';
            end = putDigits(end, h, 2);
            *end++ = ':';
            end = putDigits(end, mi, 2);
            *end++ = ':';
            end = putDigits(end, sec, 2);
        }
    } else if (type == OFTDate) {
        end += std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
    } else {
        end += std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, sec);
    }
    if (type != OFTDate) {
        // GDAL's TZFlag: 0 unknown, 1 local time (both read as UTC, as documented), 100 UTC, 100 +/- n
        // quarter hours.
        if (tz == 100) {
            *end++ = 'Z';
        } else if (tz > 1) {
            const int minutes = (tz - 100) * 15;
            end += std::snprintf(end, static_cast<size_t>(buf + sizeof buf - end), "%c%02d:%02d",
                                 minutes < 0 ? '-' : '+', std::abs(minutes) / 60, std::abs(minutes) % 60);
        }
    }
    out.append(buf, end);
}

/// A set integer field's value appended to `out` as GetFieldAsString formats it ("%d", "%lld"), without
/// printf.
void appendInteger(std::string& out, int64_t value) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, r.ptr);
}

/// Field `i` of `f`, set and not null, of type `type`, appended to `out` as fieldText describes; true when
/// the text may hold non-ASCII bytes. Reads the field's raw value where its type allows: the checked
/// accessors look the field's definition up at every call.
bool appendSetField(std::string& out, OGRFeature& f, int i, OGRFieldType type) {
    switch (type) {
        case OFTInteger:
            appendInteger(out, f.GetFieldAsIntegerUnsafe(i));
            return false;
        case OFTInteger64:
            appendInteger(out, f.GetFieldAsInteger64Unsafe(i));
            return false;
        case OFTDate:
        case OFTDateTime:
            appendIso(out, *f.GetRawFieldRef(i), type);
            return false;
        case OFTString:
            if (const char* text = f.GetFieldAsStringUnsafe(i)) out.append(text);
            return true;
        case OFTStringList: {
            const size_t at = out.size();
            for (char** item = f.GetFieldAsStringList(i); item && *item; ++item) {
                if (out.size() > at) out += ';';
                out += *item;
            }
            return true;
        }
        default:
            out.append(f.GetFieldAsString(i));
            return true;
    }
}

}  // namespace

bool fieldText(std::string& out, OGRFeature& f, int i, OGRFieldType type) {
    out.clear();
    return f.IsFieldSetAndNotNull(i) && appendSetField(out, f, i, type);
}

void appendFeatureTexts(OGRFeature& f, const std::vector<OGRFieldType>& types, std::string& chars,
                        std::vector<size_t>& ends, std::vector<uint8_t>& badUtf8) {
    for (size_t k = 0; k < types.size(); ++k) {
        const int field = static_cast<int>(k);
        const size_t at = chars.size();
        const bool mayBeNonAscii =
            f.IsFieldSetAndNotNullUnsafe(field) && appendSetField(chars, f, field, types[k]);
        const std::string_view text = std::string_view(chars).substr(at);
        badUtf8.push_back(mayBeNonAscii && !isAscii(text) && !isValidUtf8(text));
        ends.push_back(chars.size());
    }
}

void textViews(const std::string& chars, const std::vector<size_t>& ends,
               std::vector<std::string_view>& views) {
    views.resize(ends.size());
    size_t begin = 0;
    for (size_t i = 0; i < ends.size(); ++i) {
        views[i] = std::string_view(chars).substr(begin, ends[i] - begin);
        begin = ends[i];
    }
}

}  // namespace fp::incident_io
