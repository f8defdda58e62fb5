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

/// A date or date-time field as ISO text that parseTime reads, with the field's time zone applied, into
/// `out`.
void isoFromGdal(std::string& out, OGRFeature& f, int i, OGRFieldType type) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
    float s = 0.f;
    if (!f.GetFieldAsDateTime(i, &y, &mo, &d, &h, &mi, &s, &tz)) {
        out.assign(f.GetFieldAsString(i));
        return;
    }
    const int sec = static_cast<int>(std::floor(s));
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
    out.assign(buf, end);
    if (type == OFTDate) return;
    // GDAL's TZFlag: 0 unknown, 1 local time (both read as UTC, as documented), 100 UTC, 100 +/- n quarter
    // hours.
    if (tz == 100) {
        out += 'Z';
    } else if (tz > 1) {
        const int minutes = (tz - 100) * 15;
        std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', std::abs(minutes) / 60,
                      std::abs(minutes) % 60);
        out += buf;
    }
}

}  // namespace

bool fieldText(std::string& out, OGRFeature& f, int i, OGRFieldType type) {
    if (!f.IsFieldSetAndNotNull(i)) {
        out.clear();
        return false;
    }
    switch (type) {
        case OFTInteger:
        case OFTInteger64: {
            // As GetFieldAsString formats them ("%d", "%lld"), without printf.
            char buf[24];
            const auto r = std::to_chars(buf, buf + sizeof buf, f.GetFieldAsInteger64(i));
            out.assign(buf, r.ptr);
            return false;
        }
        case OFTDate:
        case OFTDateTime:
            isoFromGdal(out, f, i, type);
            return false;
        case OFTStringList:
            out.clear();
            for (char** item = f.GetFieldAsStringList(i); item && *item; ++item) {
                if (!out.empty()) out += ';';
                out += *item;
            }
            return true;
        default:
            out.assign(f.GetFieldAsString(i));
            return true;
    }
}

void appendFeatureTexts(OGRFeature& f, const std::vector<OGRFieldType>& types, std::string& chars,
                        std::vector<size_t>& ends, std::vector<uint8_t>& badUtf8, std::string& scratch) {
    for (size_t k = 0; k < types.size(); ++k) {
        const int field = static_cast<int>(k);
        std::string_view text;
        bool mayBeNonAscii = true;
        if (types[k] == OFTString) {
            if (f.IsFieldSetAndNotNull(field)) text = f.GetFieldAsString(field);
        } else {
            mayBeNonAscii = fieldText(scratch, f, field, types[k]);
            text = scratch;
        }
        badUtf8.push_back(mayBeNonAscii && !isAscii(text) && !isValidUtf8(text));
        chars.append(text);
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
