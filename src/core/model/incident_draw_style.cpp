#include "core/model/incident_draw_style.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace fp {

namespace {

// Pale yellow to dark red through orange (a sequential ramp that stays readable over grey and green maps).
constexpr std::array<Color, kDensityRampStops> kRamp = {Color::rgb(255, 237, 160), Color::rgb(254, 196, 79),
                                                        Color::rgb(253, 141, 60),  Color::rgb(240, 59, 32),
                                                        Color::rgb(189, 0, 38),    Color::rgb(110, 0, 40)};

constexpr std::array<std::pair<IncidentDrawStyle, const char*>, 4> kNames = {
    {{IncidentDrawStyle::Auto, "auto"},
     {IncidentDrawStyle::Markers, "markers"},
     {IncidentDrawStyle::Heatmap, "heatmap"},
     {IncidentDrawStyle::Hexbin, "hexbin"}}};

}  // namespace

const char* drawStyleName(IncidentDrawStyle style) {
    for (const auto& [s, name] : kNames)
        if (s == style) return name;
    return "auto";
}

std::optional<IncidentDrawStyle> parseDrawStyle(std::string_view name) {
    for (const auto& [s, n] : kNames)
        if (name == n) return s;
    return std::nullopt;
}

bool isDenseView(double visibleIncidents, double viewportPx, float pixelRatio) {
    const double k = pixelRatio > 0.f ? pixelRatio : 1.f;
    const double logicalPx = viewportPx / (k * k);
    return logicalPx > 0.0 && visibleIncidents * 10000.0 / logicalPx > kDenseIncidentsPer10kPx;
}

IncidentDrawStyle effectiveDrawStyle(IncidentDrawStyle chosen, bool dense) {
    if (chosen != IncidentDrawStyle::Auto) return chosen;
    return dense ? IncidentDrawStyle::Heatmap : IncidentDrawStyle::Markers;
}

float heatmapAlpha(float t) {
    return kHeatPeakAlpha * std::clamp(std::isfinite(t) ? t / kHeatFadeEnd : 0.f, 0.f, 1.f);
}

Color densityRampStop(int index) {
    return kRamp[static_cast<size_t>(std::clamp(index, 0, kDensityRampStops - 1))];
}

Color densityRampColor(float t) {
    const float x = std::clamp(std::isfinite(t) ? t : 0.f, 0.f, 1.f) * (kDensityRampStops - 1);
    const int i = std::min(static_cast<int>(x), kDensityRampStops - 2);
    const float f = x - static_cast<float>(i);
    const Color& a = kRamp[i];
    const Color& b = kRamp[i + 1];
    return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f, 1.f};
}

}  // namespace fp
