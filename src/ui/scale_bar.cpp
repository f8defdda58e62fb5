#include "ui/scale_bar.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>

namespace fp {

ScaleBarLength chooseScaleBarLength(double metresPerUnit, double minLength, double maxLength) {
    ScaleBarLength best;
    if (!std::isfinite(metresPerUnit) || metresPerUnit <= 0.0 || !(minLength > 0.0) ||
        !(maxLength >= minLength))
        return best;
    // Steps through 1, 2, 5 x 10^k from just below the range upwards; the first candidate beyond maxLength
    // ends the search.
    const double minMetres = minLength * metresPerUnit;
    int exponent = static_cast<int>(std::floor(std::log10(minMetres))) - 1;
    ScaleBarLength below;  // longest candidate shorter than minLength
    for (int guard = 0; guard < 12; ++guard, ++exponent) {
        for (double mantissa : {1.0, 2.0, 5.0}) {
            const double metres = mantissa * std::pow(10.0, exponent);
            const double length = metres / metresPerUnit;
            if (length < minLength) {
                below = {metres, length, {}};
            } else if (length <= maxLength) {
                best = {metres, length, {}};
            } else {
                if (!best.valid()) {
                    const bool belowCloser =
                        below.valid() && std::log(minLength / below.length) <= std::log(length / maxLength);
                    best = belowCloser ? below : ScaleBarLength{metres, length, {}};
                }
                best.label = formatDistance(best.metres);
                return best;
            }
        }
    }
    if (best.valid()) best.label = formatDistance(best.metres);
    return best;
}

std::string formatDistance(double metres) {
    char buf[48];
    if (metres >= 1000.0)
        std::snprintf(buf, sizeof buf, "%g km", metres / 1000.0);
    else
        std::snprintf(buf, sizeof buf, "%g m", metres);
    return buf;
}

void drawScaleBar(ImDrawList* drawList, float x, float y, const MapView& view,
                  const MapProjection& projection, float scale, float fbScale, Theme theme) {
    const double metresPerUnit = groundMetresPerPixelAtCenter(view, projection) * fbScale;
    const ScaleBarLength bar = chooseScaleBarLength(metresPerUnit, 100.0 * scale, 180.0 * scale);
    if (!bar.valid()) return;

    const bool dark = theme == Theme::Dark;
    const ImU32 ink = dark ? IM_COL32(235, 235, 235, 255) : IM_COL32(30, 30, 30, 255);
    const ImU32 paper = dark ? IM_COL32(40, 40, 44, 255) : IM_COL32(255, 255, 255, 255);
    const ImU32 backdrop = dark ? IM_COL32(20, 20, 24, 170) : IM_COL32(255, 255, 255, 170);

    const float len = static_cast<float>(bar.length);
    const float barH = 5.f * scale;
    const float pad = 6.f * scale;
    const ImVec2 text = ImGui::CalcTextSize(bar.label.c_str());
    const float top = y - barH - text.y - 2.f * pad;
    drawList->AddRectFilled({x, top}, {x + len + 2.f * pad, y}, backdrop, 4.f * scale);

    const float bx = x + pad, by = y - pad;
    // Two halves in alternating colours, the classic cartographic bar.
    drawList->AddRectFilled({bx, by - barH}, {bx + len * 0.5f, by}, ink);
    drawList->AddRectFilled({bx + len * 0.5f, by - barH}, {bx + len, by}, paper);
    drawList->AddRect({bx, by - barH}, {bx + len, by}, ink, 0.f, 0, 1.f * scale);
    drawList->AddText({bx + (len - text.x) * 0.5f, by - barH - pad * 0.5f - text.y}, ink, bar.label.c_str());
}

}  // namespace fp
