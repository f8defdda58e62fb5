// Measures article coding (core/extract) against the hand-coded gold incidents of
// tests/fixtures/articles/gold.json: precision, recall and F1 for the place (within 15 km), the place and
// the dates together (day spans overlapping by half or more), and the category (at a matching place).
// Then times the coding of a text of about 1 MB (the articles repeated). See docs/EXTRACT.md.
//
//   build/bench/fp_extract_eval [--gazetteer FILE] [--articles DIR] [--verbose]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

#include "core/extract/evaluation.h"

using namespace fp;

namespace {

void printScore(const char* name, const MatchScore& s) {
    std::printf("%-11s precision %.3f  recall %.3f  F1 %.3f   (%zu matched, %zu proposed, %zu gold)\n", name,
                s.precision(), s.recall(), s.f1(), s.matched, s.proposed, s.gold);
}

void printArticle(const EvaluatedArticle& a) {
    std::printf("== %s: %zu proposed, %zu gold; place %zu, place+date %zu, category %zu\n", a.file.c_str(),
                a.extraction.incidents.size(), a.gold.size(), a.placeMatches, a.placeDateMatches,
                a.categoryMatches);
    for (const auto& p : a.extraction.incidents)
        std::printf("   + %-48s %s..%s %-28s %.4f,%.4f p%d c%.2f\n", p.title.c_str(),
                    formatDay(p.first).c_str(), formatDay(p.last).c_str(), p.category.c_str(), p.location.lat,
                    p.location.lon, int(p.locationPrecision), p.confidence);
    for (const auto& g : a.gold)
        std::printf("   = %-48s %s..%s %-28s %.4f,%.4f\n", g.place.c_str(), formatDay(g.first).c_str(),
                    formatDay(g.last).c_str(), g.category.c_str(), g.location.lat, g.location.lon);
}

}  // namespace

int main(int argc, char** argv) {
    std::string gazetteerPath = Gazetteer::defaultPath();
    std::string dir = std::string(FP_SOURCE_DIR) + "/tests/fixtures/articles";
    bool verbose = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--gazetteer") && i + 1 < argc)
            gazetteerPath = argv[++i];
        else if (!std::strcmp(argv[i], "--articles") && i + 1 < argc)
            dir = argv[++i];
        else if (!std::strcmp(argv[i], "--verbose"))
            verbose = true;
        else {
            std::fprintf(stderr, "usage: fp_extract_eval [--gazetteer FILE] [--articles DIR] [--verbose]\n");
            return 2;
        }
    }
    auto gazetteer = Gazetteer::load(gazetteerPath);
    if (!gazetteer) {
        std::fprintf(stderr, "fp_extract_eval: %s\n", gazetteer.error().describe().c_str());
        return 1;
    }
    auto report = evaluateArticles(dir, gazetteer.value());
    if (!report) {
        std::fprintf(stderr, "fp_extract_eval: %s\n", report.error().describe().c_str());
        return 1;
    }
    std::string corpus;
    for (const EvaluatedArticle& a : report.value().articles) {
        if (verbose) printArticle(a);
        auto text = readArticleText(dir + "/" + a.file);
        if (text) corpus += text.value().text + "\n\n";
    }
    std::printf("%zu articles\n", report.value().articles.size());
    printScore("place", report.value().place);
    printScore("place+date", report.value().placeDate);
    printScore("category", report.value().category);

    std::string big;
    while (big.size() < 1024 * 1024) big += corpus;
    const ArticleText text{"1 MB", big, ArticleFormat::Plain};
    ExtractOptions options;
    options.published = dayNumber(2023, 1, 8);
    options.gazetteer = gazetteer.value();
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    const Extraction x = extractIncidents(text, options);
    const double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // CPU time too: on a shared, overloaded machine the wall time says more about the load than the code.
    std::printf("speed: %.2f MB coded in %.3f s wall, %.3f s CPU (%zu incidents, %zu unresolved)\n",
                double(big.size()) / 1048576.0, s, cpu, x.incidents.size(), x.unresolved.size());
    return 0;
}
