#include "render/incidents/density_grid.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include "render/incidents/incident_prep_steps.h"

namespace fp {

namespace {

/// Calls `each(point, weight)` for every point of the window's row range that the filter counts.
template <class F>
void forEachCounted(const DensityPoints& points, const DensityFilter& filter, F&& each) {
    const auto [first, last] = points.range(filter.windowStart, filter.windowEnd);
    const std::vector<uint8_t>* visible = filter.categoryVisible;
    for (size_t i = first; i < last; ++i) {
        const DensityPoint& p = points.points[i];
        if (p.start > filter.windowEnd || p.end < filter.windowStart) continue;
        if (visible) {
            const uint16_t category = points.category(i);
            if (category >= visible->size() || !(*visible)[category]) continue;
        }
        const float weight = filter.weightByFatalities ? points.fatalities(i) : 1.f;
        if (weight > 0.f) each(p, weight);
    }
}

/// Screen position of a point relative to `origin`: x = offsetX + p.x * scale, y = offsetY - p.y * scale.
struct ScreenMapping {
    ScreenMapping(const MapView& view, MapXY origin) {
        const ScreenXY o = view.toScreen(origin);
        offsetX = o.x;
        offsetY = o.y;
        scale = 1.0 / view.unitsPerPixel;
    }
    double offsetX, offsetY, scale;
};

/// Normalised Gaussian taps from -radius to +radius for `sigma` (both in cells).
std::vector<float> gaussianTaps(float sigma, int radius) {
    std::vector<float> taps(static_cast<size_t>(2 * radius + 1));
    float sum = 0.f;
    for (int i = -radius; i <= radius; ++i) {
        taps[static_cast<size_t>(i + radius)] = std::exp(-0.5f * static_cast<float>(i * i) / (sigma * sigma));
        sum += taps[static_cast<size_t>(i + radius)];
    }
    for (float& t : taps) t /= sum;
    return taps;
}

}  // namespace

std::pair<size_t, size_t> DensityPoints::range(int32_t windowStart, int32_t windowEnd) const {
    const size_t first = static_cast<size_t>(
        std::lower_bound(maxEndBefore.begin(), maxEndBefore.end(), windowStart) - maxEndBefore.begin());
    const size_t last = static_cast<size_t>(
        std::upper_bound(minStartAfter.begin(), minStartAfter.end(), windowEnd) - minStartAfter.begin());
    return {first, std::max(first, last)};
}

float DensityPoints::fatalities(size_t i) const {
    const std::vector<int32_t>& reported = store->fatalities();
    const uint32_t row = rowOf(i);
    return row < reported.size() ? static_cast<float>(std::max(0, reported[row])) : 0.f;
}

size_t DensityPoints::memoryBytes() const {
    return points.capacity() * sizeof(DensityPoint) + rows.capacity() * sizeof(uint32_t) +
           (maxEndBefore.capacity() + minStartAfter.capacity()) * sizeof(int32_t);
}

namespace {

/// Fills the running bounds of `out.points`.
void addRunningBounds(DensityPoints& out) {
    const size_t n = out.points.size();
    out.maxEndBefore.resize(n);
    out.minStartAfter.resize(n);
    int32_t running = INT32_MIN;
    for (size_t i = 0; i < n; ++i) out.maxEndBefore[i] = running = std::max(running, out.points[i].end);
    running = INT32_MAX;
    for (size_t i = n; i-- > 0;) out.minStartAfter[i] = running = std::min(running, out.points[i].start);
}

}  // namespace

DensityPoints buildDensityPoints(const IncidentPrep& prep, std::shared_ptr<const IncidentStore> store) {
    DensityPoints out;
    out.origin = prep.origin;
    out.store = std::move(store);
    const bool sparse = prep.instances.size() < prep.instanceOf.size();
    out.points.reserve(prep.instances.size());
    if (sparse) out.rows.reserve(prep.instances.size());
    for (size_t row = 0; row < prep.instanceOf.size(); ++row) {
        const uint32_t instance = prep.instanceOf[row];
        if (instance == kNoIncident) continue;
        const IncidentInstance& in = prep.instances[instance];
        out.points.push_back({in.x, in.y, in.start, in.end});
        if (sparse) out.rows.push_back(static_cast<uint32_t>(row));
    }
    addRunningBounds(out);
    return out;
}

DensityPoints buildDensityPoints(std::shared_ptr<const IncidentStore> store,
                                 const std::vector<MapXY>& projected, const IncidentPrep& frame) {
    DensityPoints out;
    out.origin = frame.origin;
    out.store = std::move(store);
    const size_t drawn = projected.size() - frame.projectionFailures;
    const bool sparse = drawn < projected.size();
    out.points.reserve(drawn);
    if (sparse) out.rows.reserve(drawn);
    for (size_t row = 0; row < projected.size(); ++row) {
        if (!isFinite(projected[row])) continue;
        // As fillInstances makes an IncidentInstance, so both builders give the same points.
        const InstanceTimes t = instanceTimes(*out.store, static_cast<uint32_t>(row), frame.epochBase);
        out.points.push_back({static_cast<float>(projected[row].x - frame.origin.x),
                              static_cast<float>(projected[row].y - frame.origin.y), t.start, t.end});
        if (sparse) out.rows.push_back(static_cast<uint32_t>(row));
    }
    addRunningBounds(out);
    return out;
}

HeatGrid computeHeatGrid(const DensityPoints& points, const DensityFilter& filter, const MapView& view) {
    HeatGrid grid;
    grid.cellPx = kHeatCellLogicalPx * view.pixelRatio;
    grid.cols = std::max(1, static_cast<int>(std::ceil(view.widthPx / grid.cellPx)));
    grid.rows = std::max(1, static_cast<int>(std::ceil(view.heightPx / grid.cellPx)));
    const float sigma = kHeatSigmaLogicalPx / kHeatCellLogicalPx;
    const int radius = static_cast<int>(std::ceil(3.f * sigma));
    // Points up to the kernel's reach beyond the view's edges still warm the cells inside it.
    const int pad = radius + 1;
    const int w = grid.cols + 2 * pad, h = grid.rows + 2 * pad;
    std::vector<float> raw(static_cast<size_t>(w) * h, 0.f);
    const ScreenMapping map(view, points.origin);
    const double toCell = 1.0 / grid.cellPx;
    forEachCounted(points, filter, [&](const DensityPoint& p, float weight) {
        const double gx = (map.offsetX + p.x * map.scale) * toCell - 0.5 + pad;
        const double gy = (map.offsetY - p.y * map.scale) * toCell - 0.5 + pad;
        if (!(gx >= 0.0 && gy >= 0.0 && gx < w - 1 && gy < h - 1)) return;
        const int ix = static_cast<int>(gx), iy = static_cast<int>(gy);
        const float fx = static_cast<float>(gx - ix), fy = static_cast<float>(gy - iy);
        float* cell = &raw[static_cast<size_t>(iy) * w + ix];
        cell[0] += weight * (1.f - fx) * (1.f - fy);
        cell[1] += weight * fx * (1.f - fy);
        cell[w] += weight * (1.f - fx) * fy;
        cell[w + 1] += weight * fx * fy;
        ++grid.counted;
    });
    // Separable Gaussian: across the rows the view needs, then down into the view's cells only.
    const std::vector<float> taps = gaussianTaps(sigma, radius);
    std::vector<float> across(static_cast<size_t>(grid.cols) * h, 0.f);
    for (int y = 0; y < h; ++y) {
        const float* in = &raw[static_cast<size_t>(y) * w];
        float* out = &across[static_cast<size_t>(y) * grid.cols];
        for (int x = 0; x < grid.cols; ++x) {
            float sum = 0.f;
            for (int t = 0; t <= 2 * radius; ++t)
                sum += in[x + pad - radius + t] * taps[static_cast<size_t>(t)];
            out[x] = sum;
        }
    }
    grid.values.assign(static_cast<size_t>(grid.cols) * grid.rows, 0.f);
    for (int y = 0; y < grid.rows; ++y) {
        float* out = &grid.values[static_cast<size_t>(y) * grid.cols];
        for (int t = 0; t <= 2 * radius; ++t) {
            const float* in = &across[static_cast<size_t>(y + pad - radius + t) * grid.cols];
            const float tap = taps[static_cast<size_t>(t)];
            for (int x = 0; x < grid.cols; ++x) out[x] += in[x] * tap;
        }
    }
    for (float v : grid.values) grid.maxValue = std::max(grid.maxValue, v);
    return grid;
}

HexBins binHexagons(const DensityPoints& points, const DensityFilter& filter, const MapView& view) {
    HexBins out;
    out.radiusPx = kHexRadiusLogicalPx * view.pixelRatio;
    const double size = out.radiusPx * view.unitsPerPixel;  // centre to corner, map units
    const double sqrt3 = std::sqrt(3.0);
    auto axial = [&](double x, double y) {
        return std::pair{(sqrt3 / 3.0 * x - y / 3.0) / size, (2.0 / 3.0 * y) / size};
    };
    const MapBBox e = view.visibleExtent();
    const MapBBox reach = MapBBox::fromCorners(e.minX - size, e.minY - size, e.maxX + size, e.maxY + size);
    double qMin = INFINITY, qMax = -INFINITY, rMin = INFINITY, rMax = -INFINITY;
    for (double x : {reach.minX, reach.maxX})
        for (double y : {reach.minY, reach.maxY}) {
            const auto [q, r] = axial(x, y);
            qMin = std::min(qMin, q), qMax = std::max(qMax, q), rMin = std::min(rMin, r),
            rMax = std::max(rMax, r);
        }
    const int64_t q0 = static_cast<int64_t>(std::floor(qMin)) - 1,
                  r0 = static_cast<int64_t>(std::floor(rMin)) - 1;
    const int64_t nq = static_cast<int64_t>(std::ceil(qMax)) + 2 - q0,
                  nr = static_cast<int64_t>(std::ceil(rMax)) + 2 - r0;
    std::vector<HexBin> cells(static_cast<size_t>(nq * nr));
    forEachCounted(points, filter, [&](const DensityPoint& p, float weight) {
        const double x = points.origin.x + p.x, y = points.origin.y + p.y;
        if (!(x >= reach.minX && x <= reach.maxX && y >= reach.minY && y <= reach.maxY)) return;
        // Cube rounding: round all three coordinates, then fix the one that moved most.
        const auto [qf, rf] = axial(x, y);
        const double sf = -qf - rf;
        double q = std::round(qf), r = std::round(rf);
        const double s = std::round(sf);
        const double dq = std::abs(q - qf), dr = std::abs(r - rf), ds = std::abs(s - sf);
        if (dq > dr && dq > ds)
            q = -r - s;
        else if (dr > ds)
            r = -q - s;
        const int64_t iq = static_cast<int64_t>(q) - q0, ir = static_cast<int64_t>(r) - r0;
        if (iq < 0 || ir < 0 || iq >= nq || ir >= nr) return;
        HexBin& bin = cells[static_cast<size_t>(ir * nq + iq)];
        bin.value += weight;
        ++bin.count;
    });
    for (int64_t ir = 0; ir < nr; ++ir)
        for (int64_t iq = 0; iq < nq; ++iq) {
            HexBin bin = cells[static_cast<size_t>(ir * nq + iq)];
            if (bin.count == 0) continue;
            const double q = static_cast<double>(iq + q0), r = static_cast<double>(ir + r0);
            const ScreenXY c = view.toScreen({size * sqrt3 * (q + 0.5 * r), size * 1.5 * r});
            if (c.x < -out.radiusPx || c.y < -out.radiusPx || c.x > view.widthPx + out.radiusPx ||
                c.y > view.heightPx + out.radiusPx)
                continue;
            bin.x = static_cast<float>(c.x);
            bin.y = static_cast<float>(c.y);
            out.maxValue = std::max(out.maxValue, bin.value);
            out.bins.push_back(bin);
        }
    return out;
}

}  // namespace fp
