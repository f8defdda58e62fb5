// Measures article coding (core/extract) against the hand-coded gold incidents of
// tests/fixtures/articles/gold.json: precision, recall and F1 for the place (within 15 km), the place and
// the dates together (overlap of at least half, as days), and the category (at a matching place). Then
// times the coding of a text of about 1 MB. See docs/EXTRACT.md.
//
//   build/bench/fp_extract_eval [--gazetteer FILE] [--articles DIR] [--verbose]
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/extract/extractor.h"
#include "core/proj/geodesic.h"

using namespace fp;

namespace {

struct Gold {
    std::string place, category;
    LonLat at;
    DayNumber first = 0, last = 0;
};

struct Score {
    size_t tp = 0, predicted = 0, gold = 0;
    void print(const char* name) const {
        const double p = predicted ? double(tp) / double(predicted) : 0.0;
        const double r = gold ? double(tp) / double(gold) : 0.0;
        const double f = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
        std::printf("%-12s precision %.3f  recall %.3f  F1 %.3f   (%zu matched, %zu proposed, %zu gold)\n", name, p,
                    r, f, tp, predicted, gold);
    }
};

DayNumber parseDay(const std::string& text) {
    auto t = parseTime(text);
    if (!t) {
        std::fprintf(stderr, "bad date %s\n", text.c_str());
        std::exit(1);
    }
    return t.value().time.seconds / 86400;
}

double dateOverlap(const IncidentProposal& p, const Gold& g) {
    const DayNumber a = std::max(p.first, g.first), b = std::min(p.last, g.last);
    if (a > b) return 0.0;
    const DayNumber uni = std::max(p.last, g.last) - std::min(p.first, g.first) + 1;
    return double(b - a + 1) / double(uni);
}

/// Greedy one-to-one matching, nearest pairs first, of the proposals and gold incidents `ok` accepts.
template <class Ok>
size_t match(const std::vector<IncidentProposal>& props, const std::vector<Gold>& gold, Ok ok) {
    struct Pair {
        double km;
        size_t p, g;
    };
    std::vector<Pair> pairs;
    for (size_t i = 0; i < props.size(); ++i)
        for (size_t j = 0; j < gold.size(); ++j) {
            const double km = geodesicDistance(props[i].location, gold[j].at) / 1000.0;
            if (km <= 15.0 && ok(props[i], gold[j])) pairs.push_back({km - dateOverlap(props[i], gold[j]), i, j});
        }
    std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.km < b.km; });
    std::vector<bool> usedP(props.size()), usedG(gold.size());
    size_t n = 0;
    for (const Pair& pr : pairs)
        if (!usedP[pr.p] && !usedG[pr.g]) usedP[pr.p] = usedG[pr.g] = true, ++n;
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    std::string gazetteerPath = Gazetteer::defaultPath();
    std::string dir = std::string(FP_SOURCE_DIR) + "/tests/fixtures/articles";
    bool verbose = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--gazetteer") && i + 1 < argc) gazetteerPath = argv[++i];
        else if (!std::strcmp(argv[i], "--articles") && i + 1 < argc) dir = argv[++i];
        else if (!std::strcmp(argv[i], "--verbose")) verbose = true;
        else {
            std::fprintf(stderr, "usage: fp_extract_eval [--gazetteer FILE] [--articles DIR] [--verbose]\n");
            return 2;
        }
    }
    auto gazetteer = Gazetteer::load(gazetteerPath);
    if (!gazetteer) {
        std::fprintf(stderr, "%s\n", gazetteer.error().describe().c_str());
        return 1;
    }
    std::ifstream in(dir + "/gold.json");
    const nlohmann::json doc = nlohmann::json::parse(in);
    Score place, placeDate, category;
    std::string corpus;
    for (const auto& a : doc["articles"]) {
        const std::string file = a["file"];
        auto article = readArticleText(dir + "/" + file);
        if (!article) {
            std::fprintf(stderr, "%s\n", article.error().describe().c_str());
            return 1;
        }
        corpus += article.value().text + "\n\n";
        ExtractOptions options;
        options.published = parseDay(a["published"]);
        options.gazetteer = gazetteer.value();
        const Extraction x = extractIncidents(article.value(), options);
        std::vector<Gold> gold;
        for (const auto& g : a["incidents"])
            gold.push_back({g["place"], g["category"], {g["lon"], g["lat"]}, parseDay(g["start"]), parseDay(g["end"])});
        const size_t np = x.incidents.size();
        const size_t m1 = match(x.incidents, gold, [](auto&, auto&) { return true; });
        const size_t m2 = match(x.incidents, gold, [](auto& p, auto& g) { return dateOverlap(p, g) >= 0.5; });
        const size_t m3 = match(x.incidents, gold, [](auto& p, auto& g) { return p.category == g.category; });
        for (Score* s : {&place, &placeDate, &category}) s->predicted += np, s->gold += gold.size();
        place.tp += m1, placeDate.tp += m2, category.tp += m3;
        if (verbose) {
            std::printf("== %s: %zu proposed, %zu gold; place %zu, place+date %zu, category %zu\n", file.c_str(), np,
                        gold.size(), m1, m2, m3);
            for (const auto& p : x.incidents)
                std::printf("   + %-45s %s..%s %-28s %.4f,%.4f p%d c%.2f\n", p.title.c_str(), formatDay(p.first).c_str(),
                            formatDay(p.last).c_str(), p.category.c_str(), p.location.lat, p.location.lon,
                            int(p.locationPrecision), p.confidence);
            for (const auto& g : gold)
                std::printf("   = %-45s %s..%s %-28s %.4f,%.4f\n", g.place.c_str(), formatDay(g.first).c_str(),
                            formatDay(g.last).c_str(), g.category.c_str(), g.at.lat, g.at.lon);
        }
    }
    std::printf("%zu articles\n", doc["articles"].size());
    place.print("place");
    placeDate.print("place+date");
    category.print("category");

    // Speed: the articles repeated to about 1 MB, coded as one text.
    std::string big;
    while (big.size() < 1024 * 1024) big += corpus;
    ArticleText text{"1MB", big, ArticleFormat::Plain};
    ExtractOptions options;
    options.published = parseDay("2023-01-08");
    options.gazetteer = gazetteer.value();
    const auto t0 = std::chrono::steady_clock::now();
    const Extraction x = extractIncidents(text, options);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("speed: %.2f MB coded in %.3f s (%zu incidents, %zu unresolved)\n", double(big.size()) / 1048576.0, s,
                x.incidents.size(), x.unresolved.size());
    return 0;
}
