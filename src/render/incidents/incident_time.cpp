#include "render/incidents/incident_time.h"

#include <algorithm>

namespace fp {

namespace {

int32_t clampSeconds(int64_t s) {
    return static_cast<int32_t>(
        std::clamp<int64_t>(s, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()));
}

}  // namespace

IncidentTimeUniforms incidentTimeUniforms(std::optional<TimeSpan> window, bool fadeByAge, bool showGhosts,
                                          int64_t epochBase) {
    IncidentTimeUniforms u;
    if (!window) return u;
    u.windowStart = clampSeconds(window->begin.seconds - epochBase);
    u.windowEnd = clampSeconds(window->end.seconds - 1 - epochBase);
    u.ghosts = showGhosts;
    const int64_t length = window->end.seconds - window->begin.seconds;
    if (fadeByAge && length > 0) {
        u.fadeEnd = static_cast<float>(window->end.seconds - epochBase);
        u.fadeInvLength = static_cast<float>(1.0 / static_cast<double>(length));
        u.fadeOldest = kFadeOldestAlpha;
    }
    return u;
}

float ageAlpha(TimeSpan covered, TimeSpan window) {
    const int64_t length = window.end.seconds - window.begin.seconds;
    if (length <= 0) return 1.f;
    const double age = std::clamp(
        static_cast<double>(window.end.seconds - covered.end.seconds) / static_cast<double>(length), 0.0,
        1.0);
    return static_cast<float>(1.0 - age * (1.0 - kFadeOldestAlpha));
}

}  // namespace fp
