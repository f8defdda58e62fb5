// Cost of editing one incident in a large layer (docs/EDITING.md): every edit makes a new store that shares
// the loaded text with the old one (the undo history keeps the old), copying the hot columns.
//
// BM_EditIncident/N: MapState::editIncident of one incident (title and start changed, so it moves in time
//   order) in a layer of N synthetic incidents; counter: bytes of the new store that are not shared.
// BM_MoveIncident/N: MapState::moveIncident (a frame of a marker drag).
// BM_AddIncident/N, BM_DeleteIncident/N: the same for adding and deleting.
#include <benchmark/benchmark.h>

#include "core/project/map_state.h"
#include "synthetic_incidents.h"

namespace fp {
namespace {

struct Fixture {
    MapState state;
    uint64_t layer = 0;
};

Fixture makeFixture(size_t n) {
    Fixture f{MapState::create(MapScene{}).value()};
    f.layer = f.state.addIncidentLayer(syntheticStore(n, true), "synthetic", "bench");
    return f;
}

const IncidentStore& store(const Fixture& f) {
    return *f.state.scene().findIncidentLayer(f.layer)->data;
}

void BM_EditIncident(benchmark::State& st) {
    Fixture f = makeFixture(static_cast<size_t>(st.range(0)));
    const uint32_t index = static_cast<uint32_t>(store(f).size() / 2);
    Incident inc = store(f).get(index);
    int64_t day = 0;
    for (auto _ : st) {
        inc.title = "Edited " + std::to_string(day);
        inc.start = TimePoint{inc.start.seconds + (++day % 2 ? 86400 : -86400)};
        if (Status s = f.state.editIncident(
                f.layer, f.state.selection().selectedLayer ? f.state.selection().selectedIndex : index, inc);
            !s)
            st.SkipWithError(s.error().describe().c_str());
    }
    st.counters["unshared_MB"] = static_cast<double>(store(f).size()) * 56 / 1e6;
}

void BM_MoveIncident(benchmark::State& st) {
    Fixture f = makeFixture(static_cast<size_t>(st.range(0)));
    const uint32_t index = static_cast<uint32_t>(store(f).size() / 2);
    double lon = 20.0;
    for (auto _ : st) {
        lon += 1e-4;
        if (Status s = f.state.moveIncident(f.layer, index, {lon, 42.5}); !s)
            st.SkipWithError(s.error().describe().c_str());
    }
}

void BM_AddIncident(benchmark::State& st) {
    Fixture f = makeFixture(static_cast<size_t>(st.range(0)));
    Incident inc = store(f).get(0);
    for (auto _ : st)
        if (auto added = f.state.addIncident(f.layer, inc); !added) st.SkipWithError("add failed");
}

void BM_DeleteIncident(benchmark::State& st) {
    Fixture f = makeFixture(static_cast<size_t>(st.range(0)));
    for (auto _ : st)
        if (Status s = f.state.removeIncident(f.layer, 0); !s) st.SkipWithError("delete failed");
}

BENCHMARK(BM_EditIncident)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MoveIncident)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AddIncident)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DeleteIncident)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fp

BENCHMARK_MAIN();
