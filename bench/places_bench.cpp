// Gazetteer (src/core/places) over the committed world file geodata/places/places.fpgaz (GeoNames cities500 +
// the Kosovo/Serbia additions, about 200k places).
//
// BM_GazetteerLoad: read, inflate, validate and index the file (what the app and `flashpoint geocode` do
// once). BM_QueryMix: one pass over a realistic query mix (exact names, diacritic-free ASCII names,
//   type-ahead prefixes of 1-6 letters, typos, Cyrillic names), each query timed alone; counters p50_us /
//   p99_us / max_us are per-query wall latencies, cpu_p50_us / cpu_p99_us the same in thread CPU time.
// BM_Geocode100k: geocode 100,000 place names taken from the gazetteer itself (a quarter lower-cased ASCII,
//   a quarter with two letters swapped, the rest as written, Cyrillic where the place has a Cyrillic name),
//   best candidate only, on 1 and 2 threads; counter names_per_s.
// BM_IncidentGeocode100k: the same volume through IncidentGeocoder (what loading a source does), with the
//   country/admin context, misspellings and invented names of place_name_mix.h; BM_LoadPlaceNameCsv100k: a
//   whole in-process load of such a CSV (RowGeocoder). The whole-process figure is
//   bench/places_info_bench.sh.
// Set FP_BENCH_SLOWEST=1 to print the 15 queries of the mix that took the most CPU.
#include <benchmark/benchmark.h>

#include <unistd.h>
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "core/geocode/incident_geocoder.h"
#include "core/io/incidents/incident_loader.h"
#include "core/places/gazetteer.h"
#include "core/util/atomic_file.h"
#include "place_name_mix.h"

namespace fp {
namespace {

using bench::cyrillicNameOf;
using bench::lowerAsciiText;

const std::string kPath = std::string(FP_SOURCE_DIR) + "/geodata/places/places.fpgaz";

const std::shared_ptr<const Gazetteer>& worldShared() {
    static const std::shared_ptr<const Gazetteer> g = [] {
        auto r = Gazetteer::load(kPath);
        if (!r) {
            std::fprintf(stderr, "%s\n", r.error().describe().c_str());
            std::exit(1);
        }
        return r.value();
    }();
    return g;
}

const Gazetteer& world() {
    return *worldShared();
}

/// CPU time of the whole process (every thread), in seconds.
double processCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

/// CPU time of this thread: on a shared machine wall-clock latency also counts time spent descheduled.
double threadCpuMicros() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

std::string swapped(std::string s) {
    if (s.size() >= 6) std::swap(s[s.size() / 2], s[s.size() / 2 + 1]);
    return s;
}

std::vector<std::string> queryMix() {
    const Gazetteer& g = world();
    std::vector<std::string> q;
    const size_t stride = g.size() / 500;
    for (size_t k = 0; k < 500; ++k) {
        const PlaceIndex i = static_cast<PlaceIndex>(k * stride + k % 7);
        const Place& p = g.place(i);
        q.emplace_back(p.name);  // exact
        const std::string a = lowerAsciiText(p.asciiName);
        if (a != lowerAsciiText(p.name)) q.push_back(a);                       // diacritic-free
        q.push_back(a.substr(0, 1 + k % 6));                                   // type-ahead prefix
        q.push_back(swapped(a));                                               // typo
        if (std::string c = cyrillicNameOf(g, i); !c.empty()) q.push_back(c);  // Cyrillic
    }
    for (const char* s :
         {"s", "st", "str", "strp", "strpc", "Штрпце", "Shtërpcë", "Mitrovca", "beo", "Zvecan"})
        q.emplace_back(s);
    return q;
}

/// Resident memory of this process in MB (/proc/self/statm).
double residentMb() {
    long pages = 0, resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

void BM_GazetteerLoad(benchmark::State& state) {
    double grown = 0.0;
    for (auto _ : state) {
        const double before = residentMb();
        auto g = Gazetteer::load(kPath);
        if (!g) state.SkipWithError(g.error().describe().c_str());
        grown = std::max(grown, residentMb() - before);
        benchmark::DoNotOptimize(g);
    }
    state.counters["resident_mb"] = grown;  // what one loaded gazetteer holds (the first load shows it)
}
BENCHMARK(BM_GazetteerLoad)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_QueryMix(benchmark::State& state) {
    const Gazetteer& g = world();
    const std::vector<std::string> queries = queryMix();
    std::vector<double> us, cpu;
    PlaceSearchOptions o;
    o.near = LonLat{20.9, 42.6};  // the GUI passes its view centre
    for (auto _ : state) {
        for (const std::string& q : queries) {
            const auto t0 = std::chrono::steady_clock::now();
            const double c0 = threadCpuMicros();
            auto hits = g.search(q, o);
            benchmark::DoNotOptimize(hits);
            cpu.push_back(threadCpuMicros() - c0);
            us.push_back(
                std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
        }
    }
    if (std::getenv("FP_BENCH_SLOWEST")) {
        std::vector<std::pair<double, std::string>> slow;
        for (size_t i = 0; i < queries.size(); ++i) slow.emplace_back(cpu[i], queries[i]);
        std::sort(slow.rbegin(), slow.rend());
        for (size_t i = 0; i < 15; ++i)
            std::fprintf(stderr, "%9.0f us  %s\n", slow[i].first, slow[i].second.c_str());
    }
    std::sort(us.begin(), us.end());
    state.counters["queries"] = static_cast<double>(queries.size());
    state.counters["p50_us"] = us[us.size() / 2];
    state.counters["p99_us"] = us[us.size() * 99 / 100];
    state.counters["max_us"] = us.back();
    std::sort(cpu.begin(), cpu.end());
    state.counters["cpu_p50_us"] = cpu[cpu.size() / 2];
    state.counters["cpu_p99_us"] = cpu[cpu.size() * 99 / 100];
}
BENCHMARK(BM_QueryMix)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_Geocode100k(benchmark::State& state) {
    const Gazetteer& g = world();
    std::vector<std::string> names;
    names.reserve(100000);
    for (size_t k = 0; names.size() < 100000; ++k) {
        const PlaceIndex i = static_cast<PlaceIndex>((k * 7919) % g.size());
        const Place& p = g.place(i);
        switch (k % 4) {
            case 0:
                names.push_back(lowerAsciiText(p.asciiName));
                break;
            case 1:
                names.push_back(swapped(std::string(p.asciiName)));
                break;
            case 2: {
                std::string c = cyrillicNameOf(g, i);
                names.push_back(c.empty() ? std::string(p.name) : c);
                break;
            }
            default:
                names.emplace_back(p.name);
                break;
        }
    }
    const int threads = static_cast<int>(state.range(0));
    size_t found = 0;
    for (auto _ : state) {
        std::atomic<size_t> hits{0};
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([&, t] {
                PlaceSearchOptions o;
                o.limit = 1;
                size_t local = 0;
                for (size_t k = static_cast<size_t>(t); k < names.size(); k += static_cast<size_t>(threads)) {
                    auto r = g.search(names[k], o);
                    if (r && !r.value().empty()) ++local;
                }
                hits += local;
            });
        for (auto& th : pool) th.join();
        found = hits;
    }
    state.counters["names_per_s"] =
        benchmark::Counter(static_cast<double>(names.size()) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
    state.counters["found_pct"] = 100.0 * static_cast<double>(found) / static_cast<double>(names.size());
}
BENCHMARK(BM_Geocode100k)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

/// Geocoding as an incident load does it (IncidentGeocoder: country and admin context, outcome, candidates,
/// one cache of distinct queries per load) over 100,000 rows of place_name_mix.h. range(0): threads, each
/// with its own geocoder over its share of the rows (the geocoder is per load; a project loads its sources in
/// parallel); range(1): distinct places in the pool (0: every row a different place, so the cache never
/// helps). Counters: names_per_s (wall), names_per_cpu_s (CPU of all threads), and the share of rows matched,
/// ambiguous and unmatched.
void BM_IncidentGeocode100k(benchmark::State& state) {
    const int threads = static_cast<int>(state.range(0));
    const auto rows = bench::placeNameRows(world(), 100000, static_cast<size_t>(state.range(1)));
    std::vector<GeocodeQuery> queries;
    for (const auto& r : rows) {
        GeocodeQuery q{r.name, r.country, {}, std::nullopt};
        for (const std::string* a : {&r.admin1, &r.admin2})
            if (!a->empty()) q.admin.push_back(*a);
        queries.push_back(std::move(q));
    }
    std::array<std::atomic<size_t>, 3> outcomes{};
    size_t distinct = 0;
    double cpuSeconds = 0.0;
    for (auto _ : state) {
        const double cpu0 = processCpuSeconds();
        for (auto& o : outcomes) o = 0;
        std::atomic<size_t> cached{0};
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([&, t] {
                IncidentGeocoder geocoder(worldShared());
                std::array<size_t, 3> local{};
                const size_t begin = queries.size() * static_cast<size_t>(t) / static_cast<size_t>(threads);
                const size_t end = queries.size() * static_cast<size_t>(t + 1) / static_cast<size_t>(threads);
                for (size_t k = begin; k < end; ++k)
                    ++local[static_cast<size_t>(geocoder.geocode(queries[k]).outcome)];
                for (size_t o = 0; o < 3; ++o) outcomes[o] += local[o];
                cached += geocoder.distinctQueries();
            });
        for (auto& th : pool) th.join();
        distinct = cached;
        cpuSeconds += processCpuSeconds() - cpu0;
    }
    const double n = static_cast<double>(queries.size());
    state.counters["names_per_s"] =
        benchmark::Counter(n * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
    // On a shared machine the wall-clock rate includes time spent descheduled; CPU seconds of all threads do
    // not.
    state.counters["names_per_cpu_s"] = n * static_cast<double>(state.iterations()) / cpuSeconds;
    state.counters["distinct_queries"] = static_cast<double>(distinct);
    state.counters["matched_pct"] = 100.0 * static_cast<double>(outcomes[0]) / n;
    state.counters["ambiguous_pct"] = 100.0 * static_cast<double>(outcomes[1]) / n;
    state.counters["unmatched_pct"] = 100.0 * static_cast<double>(outcomes[2]) / n;
}
BENCHMARK(BM_IncidentGeocode100k)
    ->Args({1, 0})
    ->Args({2, 0})
    ->Args({1, 20000})
    ->Args({2, 20000})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

/// The whole load of a 100,000-row ACLED-style CSV naming places only (the file fp_places_csv writes, a pool
/// of 20,000 places): CSV parsing, RowGeocoder, held rows in the report, the store built. The gazetteer is
/// already loaded (its load is BM_GazetteerLoad). Counter rows_per_s.
void BM_LoadPlaceNameCsv100k(benchmark::State& state) {
    const std::string path = "/tmp/fp_places_bench_" + std::to_string(::getpid()) + ".csv";
    if (Status s =
            writeFileAtomically(path, bench::acledPlaceNameCsv(bench::placeNameRows(world(), 100000, 20000)));
        !s) {
        state.SkipWithError(s.error().describe().c_str());
        return;
    }
    IncidentLoadOptions options;
    options.gazetteer = worldShared();
    size_t loaded = 0, held = 0;
    for (auto _ : state) {
        LoadReport report;
        IncidentFormatInfo info;
        auto store = loadIncidents(path, options, report, &info);
        if (!store) {
            state.SkipWithError(store.error().describe().c_str());
            break;
        }
        loaded = store->size();
        held = info.geocoding.pending.size();
    }
    std::remove(path.c_str());
    state.counters["rows_per_s"] =
        benchmark::Counter(100000.0 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["placed"] = static_cast<double>(loaded);
    state.counters["held"] = static_cast<double>(held);
}
BENCHMARK(BM_LoadPlaceNameCsv100k)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace
}  // namespace fp

BENCHMARK_MAIN();
