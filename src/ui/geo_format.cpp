#include "ui/geo_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace fp {

std::string formatLatLon(LonLat p) {
    if (!isValidLonLat(p)) return "\xE2\x80\x94";  // em dash
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.5f\xC2\xB0 %c, %.5f\xC2\xB0 %c", std::fabs(p.lat),
                  p.lat < 0 ? 'S' : 'N', std::fabs(p.lon), p.lon < 0 ? 'W' : 'E');
    return buf;
}

double scaleDenominator(double metresPerPixel, float pixelRatio) {
    if (!std::isfinite(metresPerPixel) || metresPerPixel <= 0.0) return std::nan("");
    constexpr double kLogicalPixelMetres = 0.00028;
    return metresPerPixel * (pixelRatio > 0.f ? pixelRatio : 1.f) / kLogicalPixelMetres;
}

std::string formatScale(double denominator) {
    if (!std::isfinite(denominator) || denominator <= 0.0 || denominator > 1e15) return "1:\xE2\x80\x94";
    double rounded = std::round(denominator);
    if (rounded >= 1000.0) {
        const double unit = std::pow(10.0, std::floor(std::log10(rounded)) - 2);
        rounded = std::round(rounded / unit) * unit;
    }
    const std::string digits = std::to_string(static_cast<long long>(std::max(1.0, rounded)));
    std::string grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    return "1:" + grouped;
}

std::string crsLabel(const Crs& crs, size_t maxChars) {
    if (!crs.name().empty() && crs.name() != "unknown") return crs.name();
    std::string text = crs.definition();
    // The CRS keeps "+type=crs" appended to PROJ strings; it says nothing to the user.
    const std::string suffix = " +type=crs";
    if (text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0)
        text.erase(text.size() - suffix.size());
    if (text.size() <= maxChars) return text;
    // Definitions are ASCII in practice; back up to a UTF-8 boundary anyway.
    size_t cut = maxChars;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "\xE2\x80\xA6";
}

}  // namespace fp
