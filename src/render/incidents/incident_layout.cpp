#include "render/incidents/incident_layout.h"

#include <algorithm>
#include <cmath>

namespace fp {

SpiderOffset spiderOffset(uint32_t rank, uint32_t count, float spacingPx) {
    if (count <= 1) return {};
    constexpr float kPi = 3.14159265358979f;
    if (count <= 8) {
        const float n = static_cast<float>(count);
        const float radius = std::max(spacingPx, spacingPx / (2.f * std::sin(kPi / n)));
        const float angle = kPi * 0.5f - 2.f * kPi * static_cast<float>(rank) / n;
        return {radius * std::cos(angle), radius * std::sin(angle)};
    }
    constexpr float kGoldenAngle = 2.39996323f;
    const float radius = 0.62f * spacingPx * std::sqrt(static_cast<float>(rank) + 1.f);
    const float angle = kPi * 0.5f - kGoldenAngle * static_cast<float>(rank);
    return {radius * std::cos(angle), radius * std::sin(angle)};
}

}  // namespace fp
