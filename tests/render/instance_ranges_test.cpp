// The parts of the instance buffers a frame sends through the vertex stage (InstanceRanges) hold every marker
// and disc that is in the time window and the view, whatever the mix of precisions, spans and casualties.
#include <gtest/gtest.h>

#include <random>

#include "core/proj/crs.h"
#include "incident_test_data.h"
#include "render/incidents/incident_picker.h"
#include "render/incidents/incident_prep.h"

namespace fp {
namespace {

/// 3,000 incidents over 400 days: mixed time precisions, spans up to two years, casualties, approximate
/// locations, a third at 30 shared places.
std::shared_ptr<const IncidentStore> mixedStore() {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lon(20.0, 21.5), lat(42.0, 43.2), unit(0.0, 1.0);
    std::vector<Incident> incidents;
    for (int i = 0; i < 3000; ++i) {
        const double u = unit(rng);
        const LocationPrecision where = u < 0.6    ? LocationPrecision::Exact
                                        : u < 0.85 ? LocationPrecision::Near
                                                   : LocationPrecision::Region;
        const double x = i % 3 == 0 ? 20.0 + (i % 30) * 0.05 : lon(rng);
        const double y = i % 3 == 0 ? 42.5 : lat(rng);
        Incident inc = test::makeIncident("i" + std::to_string(i), "Riots", x, y, where,
                                          static_cast<int64_t>(unit(rng) * 400),
                                          static_cast<int32_t>(rng() % 40), static_cast<int32_t>(rng() % 3));
        inc.start = TimePoint{inc.start.seconds + static_cast<int64_t>(unit(rng) * kSecondsPerDay)};
        const uint32_t kind = rng() % 20;
        if (kind == 0) inc.timePrecision = TimePrecision::Week;
        if (kind == 1) inc.timePrecision = TimePrecision::Month;
        if (kind == 2) inc.timePrecision = TimePrecision::Year;
        if (kind == 3) inc.timePrecision = TimePrecision::Exact;
        if (kind == 4)
            inc.end = TimePoint{inc.start.seconds + static_cast<int64_t>(rng() % (700 * kSecondsPerDay))};
        incidents.push_back(std::move(inc));
    }
    return test::makeStore(std::move(incidents));
}

bool covered(const std::vector<InstanceSegment>& segments, uint32_t index) {
    for (const InstanceSegment& s : segments)
        if (index >= s.first && index < s.first + s.count) return true;
    return false;
}

TEST(InstanceRanges, EveryInstanceInTheWindowAndViewLiesInASegment) {
    auto store = mixedStore();
    auto projection = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    const IncidentPrep prep = prepareIncidents(*store, projection);
    ASSERT_EQ(prep.instances.size(), store->size());
    ASSERT_GT(prep.rings.size(), 500u);
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const MapBBox& e = prep.extent;
    for (int trial = 0; trial < 300; ++trial) {
        const int32_t start = static_cast<int32_t>((unit(rng) * 460 - 30) * kSecondsPerDay);
        const int32_t end = start + static_cast<int32_t>(unit(rng) * 14 * kSecondsPerDay);
        const double w = e.width() * (0.05 + unit(rng)), h = e.height() * (0.05 + unit(rng));
        const double x0 = e.minX - prep.origin.x + unit(rng) * e.width() - 0.5 * w;
        const double y0 = e.minY - prep.origin.y + unit(rng) * e.height() - 0.5 * h;
        const MapBBox view = MapBBox::fromCorners(x0, y0, x0 + w, y0 + h);
        std::vector<InstanceSegment> markers, discs;
        prep.markerRanges.collect(start, end, view, 0.0, markers);
        prep.ringRanges.collect(start, end, view, 0.0, discs);
        for (uint32_t k = 0; k < prep.instances.size(); ++k) {
            const IncidentInstance& i = prep.instances[k];
            const bool shown = i.end >= start && i.start <= end && view.contains(i.x, i.y);
            if (!shown) continue;
            ASSERT_TRUE(covered(markers, k)) << "marker " << k << " trial " << trial;
        }
        for (uint32_t k = 0; k < prep.rings.size(); ++k) {
            const UncertaintyInstance& r = prep.rings[k];
            const bool shown = r.end >= start && r.start <= end &&
                               view.intersects(MapBBox::fromCorners(r.x - r.radiusX, r.y - r.radiusY,
                                                                    r.x + r.radiusX, r.y + r.radiusY));
            if (shown) ASSERT_TRUE(covered(discs, k)) << "disc " << k << " trial " << trial;
        }
    }
}

TEST(InstanceRanges, AWeekOfThreeYearsSendsAboutAWeekThroughTheVertexStage) {
    // 60,000 day-precision incidents over three years, 1% of them spans of up to 20 days, as real exports.
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<Incident> incidents;
    for (int i = 0; i < 60000; ++i) {
        Incident inc = test::makeIncident(
            "i" + std::to_string(i), "Riots", 20.0 + unit(rng), 42.0 + unit(rng), LocationPrecision::Exact,
            static_cast<int64_t>(unit(rng) * 1095), static_cast<int32_t>(rng() % 4), 0);
        if (i % 100 == 0)
            inc.end = TimePoint{inc.start.seconds + static_cast<int64_t>(rng() % 20) * kSecondsPerDay};
        incidents.push_back(std::move(inc));
    }
    auto store = test::makeStore(std::move(incidents));
    auto projection = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    const IncidentPrep prep = prepareIncidents(*store, projection);
    const MapBBox all = MapBBox::fromCorners(-1e7, -1e7, 1e7, 1e7);
    for (int day = 100; day < 1000; day += 150) {
        const int32_t start = day * kSecondsPerDay, end = start + 7 * kSecondsPerDay - 1;
        std::vector<InstanceSegment> segments;
        prep.markerRanges.collect(start, end, all, 0.0, segments);
        size_t sent = 0, shown = 0;
        for (const InstanceSegment& s : segments) sent += s.count;
        for (const IncidentInstance& i : prep.instances) shown += i.end >= start && i.start <= end;
        ASSERT_GT(shown, 300u);
        // The window's incidents, plus at most a day's lag and a block at each end of each run.
        EXPECT_LT(sent, 2 * shown + 4 * prep.markerRanges.runCount() * InstanceRanges::kBlockSize) << day;
    }
}

TEST(InstanceRanges, DrawingOrderKeepsLargerMarkersBelowAndGroupsIntact) {
    auto store = mixedStore();
    auto projection = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    const IncidentPrep prep = prepareIncidents(*store, projection);
    for (size_t k = 1; k < prep.instances.size(); ++k)
        ASSERT_GE(prep.instances[k - 1].sizeClass, prep.instances[k].sizeClass) << k;
    for (uint32_t row = 0; row < store->size(); ++row) {
        const uint32_t k = prep.instanceOf[row];
        ASSERT_EQ(prep.storeIndex[k], row);
        const IncidentGroup& g = prep.groups[prep.instances[k].group];
        ASSERT_EQ(prep.groupMembers[g.firstMember + prep.instances[k].rank], k);
    }
}

}  // namespace
}  // namespace fp
