#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/extract/extractor.h"

namespace fp {

/// Precision and recall of one kind of match.
struct MatchScore {
    size_t matched = 0;
    size_t proposed = 0;
    size_t gold = 0;
    double precision() const { return proposed ? double(matched) / double(proposed) : 0.0; }
    double recall() const { return gold ? double(matched) / double(gold) : 0.0; }
    double f1() const {
        const double p = precision(), r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    }
};

/// A hand-coded incident of an evaluation article.
struct GoldIncident {
    std::string place;
    std::string category;
    LonLat location;
    DayNumber first = 0;
    DayNumber last = 0;
};

/// One article of an evaluation set, with what extraction proposed for it.
struct EvaluatedArticle {
    std::string file;
    DayNumber published = 0;
    std::vector<GoldIncident> gold;
    Extraction extraction;
    size_t placeMatches = 0, placeDateMatches = 0, categoryMatches = 0;
};

/// Scores of a whole evaluation set.
struct EvaluationReport {
    std::vector<EvaluatedArticle> articles;
    MatchScore place;      ///< proposal within kMatchKm of a gold incident
    MatchScore placeDate;  ///< and their day spans overlap by half or more (intersection over union)
    MatchScore category;   ///< within kMatchKm and of the same category
    static constexpr double kMatchKm = 15.0;
};

/// Overlap of two inclusive day spans: days in both over days in either (0 when disjoint).
double daySpanOverlap(DayNumber aFirst, DayNumber aLast, DayNumber bFirst, DayNumber bLast);

/// Codes every article listed in `dir`/gold.json ({"articles": [{"file", "published", "incidents":
/// [{"place", "lat", "lon", "start", "end", "category"}]}]}) and scores the proposals against the gold
/// incidents, each proposal matched to at most one gold incident (nearest first). Fails naming the file
/// when gold.json or an article cannot be read or is malformed.
Result<EvaluationReport> evaluateArticles(const std::string& dir, std::shared_ptr<const Gazetteer> gazetteer);

}  // namespace fp
