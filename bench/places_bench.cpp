// Gazetteer (src/core/places) over the committed world file geodata/places/places.fpgaz (GeoNames cities500 +
// the Kosovo/Serbia additions, about 200k places).
//
// BM_GazetteerLoad: read, inflate, validate and index the file (what the app and `flashpoint geocode` do
// once). BM_QueryMix: one pass over a realistic query mix (exact names, type-ahead prefixes of 1-6 letters,
// typos,
//   Cyrillic names), each query timed alone; counters p50_us / p99_us / max_us are per-query latencies.
// BM_Geocode100k: geocode 100,000 place names taken from the gazetteer itself (a quarter lower-cased ASCII,
//   a quarter with two letters swapped, the rest as written, Cyrillic where the place has a Cyrillic name),
//   best candidate only, on 1 and 2 threads; counter names_per_s.
// Set FP_BENCH_SLOWEST=1 to print the 15 queries of the mix that took the most CPU.
#include <benchmark/benchmark.h>

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "core/places/gazetteer.h"

namespace fp {
namespace {

const std::string kPath = std::string(FP_SOURCE_DIR) + "/geodata/places/places.fpgaz";

const Gazetteer& world() {
    static std::shared_ptr<const Gazetteer> g = [] {
        auto r = Gazetteer::load(kPath);
        if (!r) {
            std::fprintf(stderr, "%s\n", r.error().describe().c_str());
            std::exit(1);
        }
        return r.value();
    }();
    return *g;
}

/// CPU time of this thread: on a shared machine wall-clock latency also counts time spent descheduled.
double threadCpuMicros() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

bool isCyrillic(std::string_view s) {
    // Cyrillic letters are U+0400..U+04FF: lead bytes 0xD0..0xD3 in UTF-8.
    return !s.empty() &&
           (static_cast<unsigned char>(s[0]) >= 0xD0 && static_cast<unsigned char>(s[0]) <= 0xD3);
}

std::string cyrillicName(const Gazetteer& g, PlaceIndex i) {
    for (const PlaceName& n : g.names(i))
        if (isCyrillic(n.text)) return std::string(n.text);
    return {};
}

std::string swapped(std::string s) {
    if (s.size() >= 6) std::swap(s[s.size() / 2], s[s.size() / 2 + 1]);
    return s;
}

std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<std::string> queryMix() {
    const Gazetteer& g = world();
    std::vector<std::string> q;
    const size_t stride = g.size() / 500;
    for (size_t k = 0; k < 500; ++k) {
        const PlaceIndex i = static_cast<PlaceIndex>(k * stride + k % 7);
        const Place& p = g.place(i);
        q.emplace_back(p.name);  // exact
        const std::string a = lowerAscii(p.asciiName);
        q.push_back(a.substr(0, 1 + k % 6));                                 // type-ahead prefix
        q.push_back(swapped(a));                                             // typo
        if (std::string c = cyrillicName(g, i); !c.empty()) q.push_back(c);  // Cyrillic
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
                names.push_back(lowerAscii(p.asciiName));
                break;
            case 1:
                names.push_back(swapped(std::string(p.asciiName)));
                break;
            case 2: {
                std::string c = cyrillicName(g, i);
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

}  // namespace
}  // namespace fp

BENCHMARK_MAIN();
