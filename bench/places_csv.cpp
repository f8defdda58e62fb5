// fp_places_csv OUT.csv [ROWS] [DISTINCT_PLACES]: writes an ACLED-style CSV whose rows name places only (no
// latitude/longitude), drawn from geodata/places/places.fpgaz with a fixed seed (see place_name_mix.h), for
// the whole-process geocoding figure (bench/places_info_bench.sh). Same arguments, same file, byte for byte.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/places/gazetteer.h"
#include "core/util/atomic_file.h"
#include "place_name_mix.h"

int main(int argc, char** argv) {
    if (argc < 2 || argc > 4) {
        std::fprintf(stderr, "usage: fp_places_csv OUT.csv [ROWS=100000] [DISTINCT_PLACES=20000]\n");
        return 2;
    }
    const std::string out = argv[1];
    const size_t rows = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 100000;
    const size_t distinct = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 20000;
    if (rows == 0) {
        std::fprintf(stderr, "fp_places_csv: ROWS must be a positive number\n");
        return 2;
    }
    auto g = fp::Gazetteer::load(std::string(FP_SOURCE_DIR) + "/geodata/places/places.fpgaz");
    if (!g) {
        std::fprintf(stderr, "fp_places_csv: %s\n", g.error().describe().c_str());
        return 1;
    }
    const auto names = fp::bench::placeNameRows(*g.value(), rows, distinct);
    const std::string text = fp::bench::acledPlaceNameCsv(names);
    if (auto s = fp::writeFileAtomically(out, text); !s) {
        std::fprintf(stderr, "fp_places_csv: %s\n", s.error().describe().c_str());
        return 1;
    }
    const std::string pool =
        distinct ? "a pool of " + std::to_string(distinct) + " places" : "a new place each";
    std::printf("wrote %s: %zu rows naming %s\n", out.c_str(), rows, pool.c_str());
    return 0;
}
