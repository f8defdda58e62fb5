#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include "core/time/time_point.h"

namespace fp {

/// Alpha of the oldest in-window incident when fading by age (the newest is opaque).
inline constexpr float kFadeOldestAlpha = 0.2f;
/// Alpha of an out-of-window incident drawn as a ghost.
inline constexpr float kGhostAlpha = 0.15f;
/// Share of its category colour a ghost keeps; the rest is the colour's grey (its luma).
inline constexpr float kGhostColourShare = 0.25f;

/// How the time window, fade and ghosts reach the incident shaders for one layer, in seconds from the
/// layer's IncidentPrep::epochBase.
struct IncidentTimeUniforms {
    int32_t windowStart = std::numeric_limits<int32_t>::min();  ///< first second shown (inclusive)
    int32_t windowEnd = std::numeric_limits<int32_t>::max();    ///< last second shown (inclusive)
    float fadeEnd = 0.f;                                        ///< the window's (exclusive) end; uFade.x
    float fadeInvLength = 0.f;  ///< 1 / window length in seconds; 0: no fading; uFade.y
    float fadeOldest = 1.f;     ///< alpha at age 1; uFade.z
    bool ghosts = false;        ///< draw a ghost pass of the out-of-window incidents
};

/// The uniforms for `window` (nullopt: everything shown, no fade and no ghosts, whatever the flags) in a
/// layer whose times are relative to `epochBase`. Times outside int32 are clamped.
IncidentTimeUniforms incidentTimeUniforms(std::optional<TimeSpan> window, bool fadeByAge, bool showGhosts,
                                          int64_t epochBase);

/// Alpha factor (kFadeOldestAlpha..1) of an in-window incident that covers `covered` when fading by age in
/// `window` (half-open, as windowAt gives it): with age = (window.end - covered.end) / window length clamped
/// to 0..1, alpha = 1 - age * (1 - kFadeOldestAlpha). An incident still going on at the window's end (or
/// later) is opaque; one that ended just after the window began is nearly kFadeOldestAlpha. The reference
/// for what shaders/incident_marker.vert computes; 1 for an empty window.
float ageAlpha(TimeSpan covered, TimeSpan window);

}  // namespace fp
