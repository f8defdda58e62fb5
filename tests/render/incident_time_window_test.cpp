// The time window filters incidents by the span their time precision covers, as the GPU and picking see it.
#include <gtest/gtest.h>

#include "core/proj/crs.h"
#include "core/time/time_window.h"
#include "incident_test_data.h"
#include "render/incidents/incident_picker.h"
#include "render/incidents/incident_prep.h"

namespace fp {
namespace {

using test::makeIncident;

TimePoint utc(int y, int mo, int d, int h = 0) {
    return fromCivil({y, mo, d, h, 0, 0});
}

/// The filter IncidentDrawer builds for the half-open `window`.
IncidentFilter filterFor(const IncidentPrep& prep, TimeSpan window) {
    IncidentFilter f;
    f.windowStart = static_cast<int32_t>(window.begin.seconds - prep.epochBase);
    f.windowEnd = static_cast<int32_t>(window.end.seconds - 1 - prep.epochBase);
    return f;
}

TEST(IncidentTimeWindow, InstancesCarryTheCoveredSpanAndTheFilterMatchesOverlaps) {
    Incident week = makeIncident("week", "Diplomacy", 20.0, 42.5);
    week.start = utc(2022, 12, 14);  // a Wednesday: the week of 12-18 December
    week.timePrecision = TimePrecision::Week;
    Incident span = makeIncident("span", "Roadblock / Protest", 20.5, 42.5);
    span.start = utc(2022, 12, 10);
    span.end = utc(2022, 12, 29);  // Day precision: through the whole of 29 December
    Incident exact = makeIncident("exact", "Arrest", 21.0, 42.5);
    exact.start = utc(2022, 12, 20, 14);
    exact.timePrecision = TimePrecision::Exact;
    auto store = test::makeStore({week, span, exact});
    auto projection = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    const IncidentPrep prep = prepareIncidents(*store, projection);
    ASSERT_EQ(prep.instances.size(), 3u);

    auto shown = [&](TimeSpan window) {
        std::string ids;
        const IncidentFilter f = filterFor(prep, window);
        for (size_t row = 0; row < store->size(); ++row) {
            const bool filterSays = f.shows(prep.instances[prep.instanceOf[row]]);
            const Incident inc = store->get(row);
            const bool overlapSays =
                overlaps(coveredSpan(inc.start, inc.end.value_or(inc.start), inc.timePrecision), window);
            EXPECT_EQ(filterSays, overlapSays) << inc.id;
            if (filterSays) ids += std::string(ids.empty() ? "" : ",") + inc.id;
        }
        return ids;
    };
    auto day = [](int y, int m, int d) { return TimeSpan{utc(y, m, d), utc(y, m, d + 1)}; };
    EXPECT_EQ(shown(day(2022, 12, 12)), "span,week");  // the week's Monday
    EXPECT_EQ(shown(day(2022, 12, 18)), "span,week");  // its Sunday
    EXPECT_EQ(shown(day(2022, 12, 19)), "span");
    EXPECT_EQ(shown(day(2022, 12, 11)), "span");
    EXPECT_EQ(shown(day(2022, 12, 20)), "span,exact");
    EXPECT_EQ(shown(day(2022, 12, 29)), "span");  // the span's last day, all of it
    EXPECT_EQ(shown(TimeSpan{utc(2022, 12, 29, 23), utc(2022, 12, 30)}), "span");
    EXPECT_EQ(shown(day(2022, 12, 30)), "");
    // [start, end) edges of the window for the exact incident.
    EXPECT_EQ(shown(TimeSpan{utc(2022, 12, 20, 14), utc(2022, 12, 20, 15)}), "span,exact");
    EXPECT_EQ(shown(TimeSpan{utc(2022, 12, 20, 13), utc(2022, 12, 20, 14)}), "span");
    // A calendar month ending with December.
    EXPECT_EQ(shown(windowAt({parseWindowLength("1m").value(), utc(2023, 1, 1)}, {})), "span,week,exact");
}

}  // namespace
}  // namespace fp
