#pragma once

#include <optional>
#include <string_view>

#include "core/model/color.h"

namespace fp {

/// How an incident layer is drawn. Auto draws markers until the view is dense (isDenseView), then a heatmap.
enum class IncidentDrawStyle { Auto, Markers, Heatmap, Hexbin };

/// "auto", "markers", "heatmap" or "hexbin": the names projects and `--style` use.
const char* drawStyleName(IncidentDrawStyle style);
/// The style named `name` (exact, lower case as drawStyleName writes it); nullopt for any other text.
std::optional<IncidentDrawStyle> parseDrawStyle(std::string_view name);

/// The auto rule's threshold: a view is dense when more than this many incidents are visible per 100 x 100
/// logical pixels (one per 20 x 20 px; at 1920x1080 and 96 dpi, more than 5,184 in view). Markers of the
/// smallest class are about 9 px across, so beyond it they cover each other and the map.
inline constexpr double kDenseIncidentsPer10kPx = 25.0;

/// True when `visibleIncidents` on a viewport of `viewportPx` physical pixels at `pixelRatio` (dpi / 96)
/// exceed kDenseIncidentsPer10kPx per 10,000 logical pixels. Logical pixels, so that an export at 300 dpi
/// decides as the same image at 96 dpi does.
bool isDenseView(double visibleIncidents, double viewportPx, float pixelRatio);

/// What a layer with `chosen` style draws: Auto becomes Heatmap in a dense view and Markers otherwise; an
/// explicit choice stays.
IncidentDrawStyle effectiveDrawStyle(IncidentDrawStyle chosen, bool dense);

/// The density colour ramp shared by heatmaps, hexagonal bins and their legend: `t` in 0..1 (clamped) from
/// low (pale yellow) to high (dark red), opaque. Heatmaps fade its low end out to transparent.
Color densityRampColor(float t);
/// Heatmap opacity at ramp position `t`: kHeatPeakAlpha from t >= kHeatFadeEnd, fading linearly to 0 below.
inline constexpr float kHeatPeakAlpha = 0.88f;
inline constexpr float kHeatFadeEnd = 1.f / 3.f;
float heatmapAlpha(float t);
/// Opacity of hexagonal bins (their colour is densityRampColor).
inline constexpr float kHexbinAlpha = 0.85f;

/// Stops of densityRampColor, evenly spaced over 0..1.
inline constexpr int kDensityRampStops = 6;
Color densityRampStop(int index);

}  // namespace fp
