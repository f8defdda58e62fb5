#include "core/extract/evaluation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/proj/geodesic.h"

namespace fp {

namespace {

Result<DayNumber> readDay(const nlohmann::json& j, const char* key, const std::string& where) {
    if (!j.contains(key) || !j[key].is_string())
        return makeError(ErrorCode::InvalidArgument, where,
                         std::string("'") + key + "' is missing or not text");
    auto t = parseTime(j[key].get<std::string>());
    if (!t) return makeError(ErrorCode::InvalidArgument, where, t.error().message);
    return daysSinceEpoch(t.value().time);
}

/// Greedy one-to-one matching of proposals and gold incidents that `ok` accepts, nearest pairs first.
template <class Ok>
size_t countMatches(const std::vector<IncidentProposal>& props, const std::vector<GoldIncident>& gold,
                    Ok ok) {
    struct Pair {
        double cost;
        size_t p, g;
    };
    std::vector<Pair> pairs;
    for (size_t i = 0; i < props.size(); ++i)
        for (size_t j = 0; j < gold.size(); ++j) {
            const double km = geodesicDistance(props[i].location, gold[j].location) / 1000.0;
            if (km <= EvaluationReport::kMatchKm && ok(props[i], gold[j]))
                pairs.push_back(
                    {km - daySpanOverlap(props[i].first, props[i].last, gold[j].first, gold[j].last), i, j});
        }
    std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.cost < b.cost; });
    std::vector<bool> usedP(props.size()), usedG(gold.size());
    size_t n = 0;
    for (const Pair& pr : pairs)
        if (!usedP[pr.p] && !usedG[pr.g]) usedP[pr.p] = usedG[pr.g] = true, ++n;
    return n;
}

Result<EvaluatedArticle> evaluateOne(const nlohmann::json& a, const std::string& dir,
                                     const std::shared_ptr<const Gazetteer>& gazetteer) {
    EvaluatedArticle out;
    if (!a.contains("file") || !a["file"].is_string() || !a.contains("incidents") ||
        !a["incidents"].is_array())
        return makeError(ErrorCode::InvalidArgument, dir + "/gold.json",
                         "an article lacks 'file' or 'incidents'");
    out.file = a["file"].get<std::string>();
    const std::string where = dir + "/gold.json: " + out.file;
    auto published = readDay(a, "published", where);
    if (!published) return published.error();
    out.published = published.value();
    for (const auto& g : a["incidents"]) {
        auto first = readDay(g, "start", where), last = readDay(g, "end", where);
        if (!first) return first.error();
        if (!last) return last.error();
        if (!g.contains("lat") || !g.contains("lon") || !g["lat"].is_number() || !g["lon"].is_number())
            return makeError(ErrorCode::InvalidArgument, where, "a gold incident lacks lat/lon");
        out.gold.push_back({g.value("place", ""),
                            g.value("category", ""),
                            {g["lon"].get<double>(), g["lat"].get<double>()},
                            first.value(),
                            last.value()});
    }
    auto article = readArticleText(dir + "/" + out.file);
    if (!article) return article.error();
    ExtractOptions options;
    options.published = out.published;
    options.gazetteer = gazetteer;
    out.extraction = extractIncidents(article.value(), options);
    const auto& props = out.extraction.incidents;
    out.placeMatches = countMatches(props, out.gold, [](const auto&, const auto&) { return true; });
    out.placeDateMatches =
        countMatches(props, out.gold, [](const IncidentProposal& p, const GoldIncident& g) {
            return daySpanOverlap(p.first, p.last, g.first, g.last) >= 0.5;
        });
    out.categoryMatches = countMatches(props, out.gold, [](const IncidentProposal& p, const GoldIncident& g) {
        return p.category == g.category;
    });
    return out;
}

}  // namespace

double daySpanOverlap(DayNumber aFirst, DayNumber aLast, DayNumber bFirst, DayNumber bLast) {
    const DayNumber from = std::max(aFirst, bFirst), to = std::min(aLast, bLast);
    if (from > to) return 0.0;
    const DayNumber either = std::max(aLast, bLast) - std::min(aFirst, bFirst) + 1;
    return double(to - from + 1) / double(either);
}

Result<EvaluationReport> evaluateArticles(const std::string& dir,
                                          std::shared_ptr<const Gazetteer> gazetteer) {
    const std::string path = dir + "/gold.json";
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::NotFound, path, "cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    const nlohmann::json doc = nlohmann::json::parse(text.str(), nullptr, false);
    if (doc.is_discarded() || !doc.contains("articles") || !doc["articles"].is_array())
        return makeError(ErrorCode::InvalidArgument, path, "is not JSON with an 'articles' list");
    EvaluationReport report;
    for (const auto& a : doc["articles"]) {
        auto one = evaluateOne(a, dir, gazetteer);
        if (!one) return one.error();
        EvaluatedArticle& e = one.value();
        for (MatchScore* s : {&report.place, &report.placeDate, &report.category}) {
            s->proposed += e.extraction.incidents.size();
            s->gold += e.gold.size();
        }
        report.place.matched += e.placeMatches;
        report.placeDate.matched += e.placeDateMatches;
        report.category.matched += e.categoryMatches;
        report.articles.push_back(std::move(e));
    }
    return report;
}

}  // namespace fp
