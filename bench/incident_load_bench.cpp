// Incident loading against a bare GDAL feature loop over the same file (target: within 1.3x of it), and
// memory per incident. Synthetic incidents (10k, 100k, 1M) in the native schema are written once as CSV,
// GeoPackage and FlatGeobuf under $FP_BENCH_DATA (default /tmp/fp-bench-data) and reused.
//
// BM_LoadIncidents/<format>/<n>: fp::loadIncidents, i.e. detection, parsing, validation, the time-sorted
// store. BM_BareGdalLoop/<format>/<n>: open with GDAL and read every field and the point of every feature,
// nothing else. Both are measured in wall time (UseRealTime): loadIncidents reads features on a second
// thread while it converts them, which CPU time of the main thread would not show.
#include <benchmark/benchmark.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/io/gdal_env.h"
#include "core/io/incidents/incident_loader.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

const char* kFormats[] = {"csv", "gpkg", "fgb"};
const char* kCategories[] = {"Arrest",         "Roadblock / Protest",
                             "Armed violence", "Political statement / Demand",
                             "Diplomacy",      "Protests",
                             "Riots",          "Battles"};

std::string dataDir() {
    const char* env = std::getenv("FP_BENCH_DATA");
    return env && *env ? env : "/tmp/fp-bench-data";
}

struct Row {
    std::string id, title, category, start, end, place;
    double lon, lat;
    int locationPrecision, fatalities, injured;
};

Row makeRow(std::mt19937_64& rng, size_t i) {
    std::uniform_real_distribution<double> lon(18.9, 23.0), lat(41.9, 46.1);
    std::uniform_int_distribution<int> day(0, 3 * 365 - 1), span(0, 20), cat(0, 7), prec(1, 3), count(0, 5);
    Row r;
    r.id = "syn-" + std::to_string(i);
    r.title = "Synthetic incident " + std::to_string(i);
    r.category = kCategories[cat(rng)];
    const int d = day(rng);
    auto iso = [](int days) {
        // 2021-01-01 plus days, through the C library (UTC).
        std::time_t t = 1609459200 + static_cast<std::time_t>(days) * kSecondsPerDay;
        char buf[16];
        std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&t));
        return std::string(buf);
    };
    r.start = iso(d);
    const int s = span(rng);
    r.end = s > 15 ? iso(d + s) : "";
    r.place = "Place " + std::to_string(i % 5000);
    r.lon = lon(rng);
    r.lat = lat(rng);
    r.locationPrecision = prec(rng);
    r.fatalities = count(rng);
    r.injured = count(rng);
    return r;
}

void writeCsv(const std::string& path, size_t n) {
    std::ofstream out(path + ".tmp");
    out << "id,title,category,start,end,place,lon,lat,location_precision,time_precision,fatalities,injured\n";
    std::mt19937_64 rng(42);
    char buf[64];
    for (size_t i = 0; i < n; ++i) {
        Row r = makeRow(rng, i);
        out << r.id << ',' << r.title << ",\"" << r.category << "\"," << r.start << ',' << r.end << ','
            << r.place;
        std::snprintf(buf, sizeof buf, ",%.6f,%.6f", r.lon, r.lat);
        out << buf << ',' << r.locationPrecision << ",day," << r.fatalities << ',' << r.injured << '\n';
    }
    out.close();
    fs::rename(path + ".tmp", path);
}

/// Stops the benchmark when writing the data set fails, rather than caching a broken file.
void check(OGRErr err, const char* what) {
    if (err == OGRERR_NONE) return;
    std::fprintf(stderr, "writing the benchmark data failed: %s returned %d\n", what, static_cast<int>(err));
    std::abort();
}

void writeGdal(const std::string& path, const char* driverName, size_t n) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName);
    const std::string tmp = path + ".tmp" + fs::path(path).extension().string();
    fs::remove(tmp);
    GDALDatasetUniquePtr ds(driver->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayer* layer = ds->CreateLayer("incidents", &wgs84, wkbPoint, nullptr);
    for (const char* f : {"id", "title", "category", "start", "end", "place", "time_precision"}) {
        OGRFieldDefn def(f, OFTString);
        layer->CreateField(&def);
    }
    for (const char* f : {"location_precision", "fatalities", "injured"}) {
        OGRFieldDefn def(f, OFTInteger);
        layer->CreateField(&def);
    }
    std::mt19937_64 rng(42);
    check(layer->StartTransaction(), "StartTransaction");
    for (size_t i = 0; i < n; ++i) {
        Row r = makeRow(rng, i);
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("id", r.id.c_str());
        f.SetField("title", r.title.c_str());
        f.SetField("category", r.category.c_str());
        f.SetField("start", r.start.c_str());
        if (!r.end.empty()) f.SetField("end", r.end.c_str());
        f.SetField("place", r.place.c_str());
        f.SetField("time_precision", "day");
        f.SetField("location_precision", r.locationPrecision);
        f.SetField("fatalities", r.fatalities);
        f.SetField("injured", r.injured);
        f.SetGeometry(std::make_unique<OGRPoint>(r.lon, r.lat).get());
        check(layer->CreateFeature(&f), "CreateFeature");
    }
    check(layer->CommitTransaction(), "CommitTransaction");
    ds.reset();
    fs::rename(tmp, path);
}

/// Path of the synthetic file of `n` incidents in `format`, written on first use.
std::string dataset(const std::string& format, size_t n) {
    initGdal();
    fs::create_directories(dataDir());
    const std::string path = dataDir() + "/incidents_" + std::to_string(n) + "." + format;
    if (!fs::exists(path)) {
        if (format == "csv") writeCsv(path, n);
        if (format == "gpkg") writeGdal(path, "GPKG", n);
        if (format == "fgb") writeGdal(path, "FlatGeobuf", n);
    }
    return path;
}

void BM_LoadIncidents(benchmark::State& st, const std::string& format) {
    const size_t n = static_cast<size_t>(st.range(0));
    const std::string path = dataset(format, n);
    size_t memory = 0, loaded = 0;
    for (auto _ : st) {
        LoadReport report;
        auto store = loadIncidents(path, {}, report);
        if (!store) {
            st.SkipWithError(store.error().describe().c_str());
            return;
        }
        loaded = store->size();
        memory = store->memoryBytes();
    }
    st.counters["incidents"] = static_cast<double>(loaded);
    st.counters["bytes_per_incident"] =
        static_cast<double>(memory) / static_cast<double>(std::max<size_t>(loaded, 1));
    st.counters["rate"] =
        benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_BareGdalLoop(benchmark::State& st, const std::string& format) {
    const size_t n = static_cast<size_t>(st.range(0));
    const std::string path = dataset(format, n);
    const char* csvOptions[] = {"X_POSSIBLE_NAMES=lon", "Y_POSSIBLE_NAMES=lat", nullptr};
    for (auto _ : st) {
        GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                                  format == "csv" ? csvOptions : nullptr));
        OGRLayer* layer = ds->GetLayer(0);
        size_t bytes = 0;
        double sum = 0.0;
        const int fields = layer->GetLayerDefn()->GetFieldCount();
        for (auto& f : *layer) {
            for (int i = 0; i < fields; ++i) bytes += std::strlen(f->GetFieldAsString(i));
            if (const OGRGeometry* g = f->GetGeometryRef(); g && wkbFlatten(g->getGeometryType()) == wkbPoint)
                sum += g->toPoint()->getX() + g->toPoint()->getY();
        }
        benchmark::DoNotOptimize(bytes);
        benchmark::DoNotOptimize(sum);
    }
    st.counters["rate"] =
        benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
}

void registerAll() {
    for (const char* format : kFormats) {
        for (int64_t n : {10'000, 100'000, 1'000'000}) {
            const int iterations = n >= 1'000'000 ? 2 : n >= 100'000 ? 5 : 20;
            benchmark::RegisterBenchmark((std::string("BM_LoadIncidents/") + format).c_str(),
                                         BM_LoadIncidents, std::string(format))
                ->Arg(n)
                ->Iterations(iterations)
                ->UseRealTime()
                ->Unit(benchmark::kMillisecond);
            benchmark::RegisterBenchmark((std::string("BM_BareGdalLoop/") + format).c_str(), BM_BareGdalLoop,
                                         std::string(format))
                ->Arg(n)
                ->Iterations(iterations)
                ->UseRealTime()
                ->Unit(benchmark::kMillisecond);
        }
    }
}

}  // namespace
}  // namespace fp

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    fp::registerAll();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
