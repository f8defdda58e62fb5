// Fade by age and ghosts: in-window incidents fade with age, out-of-window ones are drawn as faint grey
// ghosts that are never picked, and count badges count only the window.
#include <gtest/gtest.h>

#include <cmath>

#include "core/time/time_window.h"
#include "incident_render_fixture.h"
#include "render/incidents/incident_time.h"

namespace fp {
namespace {

using test::IncidentRender;
using test::incidentState;
using test::kWhite;
using test::makeIncident;

constexpr int64_t kDay = kSecondsPerDay;
constexpr int64_t kDay0 = 1670630400;  // 2022-12-10, day 0 of makeIncident

TimePoint day(int64_t d) {
    return TimePoint{kDay0 + d * kDay};
}

/// Ten incidents in a row, one a day from day 0 (lon 20.60 + 0.05 d), a group of six at one place (days 0-5)
/// and an approximately located one on day 6 with its disc.
const char* const kCategories[] = {"Battles", "Riots", "Arrest", "Protests", "Diplomacy"};

std::vector<Incident> timeRow() {
    std::vector<Incident> out;
    for (int d = 0; d < 10; ++d)
        out.push_back(makeIncident("d" + std::to_string(d), kCategories[d % 5], 20.60 + 0.05 * d, 42.50,
                                   LocationPrecision::Exact, d));
    for (int d = 0; d < 6; ++d)
        out.push_back(
            makeIncident("g" + std::to_string(d), "Protests", 20.80, 42.60, LocationPrecision::Exact, d));
    out.push_back(makeIncident("near", "Arrest", 20.95, 42.62, LocationPrecision::Near, 6));
    return out;
}

LonLat rowPlace(int d) {
    return {20.60 + 0.05 * d, 42.50};
}

/// Alpha of `c` over white at `px`, from its most contrasting channel.
double alphaOver(const uint8_t* px, const Color& c) {
    const float rgb[3] = {c.r, c.g, c.b};
    int k = 0;
    for (int i = 1; i < 3; ++i)
        if (rgb[i] < rgb[k]) k = i;
    return (255.0 - px[k]) / (255.0 - 255.0 * rgb[k]);
}

class IncidentTimeEffects : public IncidentRender {
protected:
    /// The row with a moving five-day window ending at day 8 (days 3-7 in the window).
    MapState rowState(bool fade, bool ghosts) {
        MapState state = incidentState("EPSG:32634", timeRow(), {20.83, 42.56}, 120.0, 400, 200, 1.5f);
        TimeState time;
        time.window = parseWindowLength("5d").value();
        time.cursor = day(8);
        time.fadeByAge = fade;
        time.showGhosts = ghosts;
        state.setTime(time);
        return state;
    }
};

TEST(IncidentTimeRules, AgeAlphaRunsFromOpaqueAtTheWindowEndToFaintAtItsStart) {
    const TimeSpan window{day(3), day(8)};
    EXPECT_FLOAT_EQ(ageAlpha({day(7), day(8)}, window), 1.f);   // ends with the window: the newest
    EXPECT_FLOAT_EQ(ageAlpha({day(2), day(20)}, window), 1.f);  // still going on after it
    EXPECT_FLOAT_EQ(ageAlpha({day(3), day(4)}, window), 1.f - 0.8f * (1.f - kFadeOldestAlpha));
    EXPECT_FLOAT_EQ(ageAlpha({day(0), day(3)}, window), kFadeOldestAlpha);       // clamped at the oldest
    EXPECT_FLOAT_EQ(ageAlpha({day(3), day(4)}, TimeSpan{day(3), day(3)}), 1.f);  // empty window
    // Uniforms: no window means no fade and no ghosts, whatever the flags.
    const IncidentTimeUniforms none = incidentTimeUniforms(std::nullopt, true, true, kDay0);
    EXPECT_EQ(none.fadeInvLength, 0.f);
    EXPECT_FALSE(none.ghosts);
    const IncidentTimeUniforms u = incidentTimeUniforms(window, true, true, kDay0);
    EXPECT_EQ(u.windowStart, 3 * kDay);
    EXPECT_EQ(u.windowEnd, 8 * kDay - 1);
    EXPECT_FLOAT_EQ(u.fadeEnd, 8.f * kDay);
    EXPECT_FLOAT_EQ(u.fadeInvLength, 1.f / (5.f * kDay));
    EXPECT_TRUE(u.ghosts);
}

TEST_F(IncidentTimeEffects, FadeByAgeDimsOlderIncidentsInTheWindow) {
    MapState plain = rowState(false, false);
    Image cut = render(plain);
    MapState state = rowState(true, false);
    ASSERT_TRUE(state.scene().timeWindow().has_value());
    const TimeSpan window = *state.scene().timeWindow();
    Image img = render(state);
    for (int d = 0; d < 10; ++d) {
        const ScreenXY c = screenOf(state, rowPlace(d));
        const Color colour = colorOf(kCategories[d % 5]);
        if (d < 3 || d >= 8) {
            EXPECT_TRUE(isWhite(at(img, c))) << "day " << d << " is outside the window";
            continue;
        }
        const double expected = ageAlpha({day(d), day(d + 1)}, window);
        EXPECT_NEAR(alphaOver(at(img, c), colour), expected, 0.03) << "day " << d;
        EXPECT_NEAR(alphaOver(at(cut, c), colour), 1.0, 0.03) << "day " << d << " without fading";
    }
    EXPECT_TRUE(test::matchesGolden(img, "incident_time_fade", 16, 0.005));
}

TEST_F(IncidentTimeEffects, GhostsShowOutOfWindowIncidentsFaintGreyAndUnpickable) {
    MapState state = rowState(false, true);
    Image img = render(state);
    for (int d = 0; d < 10; ++d) {
        const ScreenXY c = screenOf(state, rowPlace(d));
        const Color colour = colorOf(kCategories[d % 5]);
        const auto hits = renderer->incidents().pick(state.scene(), state.view(), c);
        if (d >= 3 && d < 8) {
            EXPECT_NEAR(alphaOver(at(img, c), colour), 1.0, 0.03) << "day " << d << " is in the window";
            ASSERT_EQ(hits.size(), 1u) << "day " << d;
            continue;
        }
        EXPECT_TRUE(hits.empty()) << "the ghost of day " << d << " is not picked";
        // A ghost: the category colour mostly greyed, at kGhostAlpha over white.
        const float grey = 0.299f * colour.r + 0.587f * colour.g + 0.114f * colour.b;
        const float rgb[3] = {colour.r, colour.g, colour.b};
        const uint8_t* px = at(img, c);
        for (int k = 0; k < 3; ++k) {
            const float ghost = grey + (rgb[k] - grey) * kGhostColourShare;
            const double expected = 255.0 * (1.0 - kGhostAlpha * (1.0 - ghost));
            EXPECT_NEAR(px[k], expected, 3.0) << "day " << d << " channel " << k;
        }
    }
    // The approximately located incident (day 6) keeps its disc; out-of-window ones would have none.
    EXPECT_FALSE(isWhite(at(img, screenOf(state, {20.95, 42.62}), -20, 0)));
    EXPECT_TRUE(test::matchesGolden(img, "incident_time_ghosts", 16, 0.005));
}

TEST_F(IncidentTimeEffects, WithoutAWindowFadeAndGhostsChangeNothing) {
    MapState state = rowState(true, true);
    TimeState all = state.time();
    all.window = TimeWindowSpec{WindowMode::All, 0, 0};
    state.setTime(all);
    Image img = render(state);
    for (int d = 0; d < 10; ++d) {
        const ScreenXY c = screenOf(state, rowPlace(d));
        EXPECT_NEAR(alphaOver(at(img, c), colorOf(kCategories[d % 5])), 1.0, 0.03) << "day " << d;
    }
}

}  // namespace
}  // namespace fp
