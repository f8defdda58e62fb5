// GUI-thread cost of keeping the recovery copy (src/app/session/recovery.h) while the user edits a large
// incident layer made in memory (a CSV imported into memory, a coded layer): docs/PERFORMANCE.md.
//
// BM_RecoveryPerChange/N/G: one frame of a marker drag in a layer of N synthetic incidents made in memory:
//   the session applies a MoveIncident (not timed) and the keeper's update runs as the window calls it once a
//   frame at 60 frames a second (timed: CPU of this thread, the GUI's; the keeper's writer thread is not
//   counted). G=1: frames in the middle of a drag (mouse held); G=0: every change is one that ends an edit.
// BM_RecoveryWrite/N: writing the whole copy of that project once (what the copy costs wherever it runs).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "app/session/recovery_keeper.h"
#include "app/session/session.h"
#include "synthetic_incidents.h"

namespace fp {
namespace {

namespace fs = std::filesystem;

struct Fixture {
    explicit Fixture(size_t n)
        : dir(fs::temp_directory_path() / ("fp-recovery-bench-" + std::to_string(::getpid()))),
          session(makeState(n)) {
        fs::create_directories(dir);
        session.resize(1000, 700, 1.f);
        layer = session.state().scene().incidentLayers.back().id;
    }
    ~Fixture() { fs::remove_all(dir); }
    static MapState makeState(size_t n) {
        MapState state = MapState::create(MapScene{}).value();
        state.addIncidentLayer(syntheticStore(n, true), "Imported into memory");
        return state;
    }
    Status move(double lon) {
        return session.apply(MoveIncident{{layer, static_cast<uint32_t>(n() / 2)}, {lon, 42.5}});
    }
    size_t n() const { return session.state().scene().incidentLayers.back().data->size(); }

    fs::path dir;
    Session session;
    uint64_t layer = 0;
};

void BM_RecoveryPerChange(benchmark::State& st) {
    Fixture f(static_cast<size_t>(st.range(0)));
    RecoveryKeeper keeper(recoveryPathFor(f.dir.string(), 999999999));
    double lon = 20.0, now = 0.0;
    for (auto _ : st) {
        st.PauseTiming();
        if (Status s = f.move(lon += 1e-4); !s) st.SkipWithError(s.error().describe().c_str());
        f.session.nextFrame();
        now += 1.0 / 60;
        st.ResumeTiming();
        if (Status s = keeper.update(f.session, now, st.range(1) != 0); !s)
            st.SkipWithError(s.error().describe().c_str());
    }
    st.counters["copies_written"] = static_cast<double>(keeper.writes());
}

void BM_RecoveryWrite(benchmark::State& st) {
    Fixture f(static_cast<size_t>(st.range(0)));
    if (Status s = f.move(20.0); !s) st.SkipWithError(s.error().describe().c_str());
    const std::string path = recoveryPathFor(f.dir.string(), 999999999);
    for (auto _ : st)
        if (Status s = writeRecoveryCopy(path, recoverySnapshot(f.session)); !s)
            st.SkipWithError(s.error().describe().c_str());
}

BENCHMARK(BM_RecoveryPerChange)->Args({100'000, 0})->Args({100'000, 1})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RecoveryWrite)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fp

BENCHMARK_MAIN();
