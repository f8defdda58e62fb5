#pragma once

#include <string_view>
#include <vector>

#include "core/extract/text_units.h"

namespace fp {

/// A word or phrase that reports an event of one category.
struct EventMention {
    TextSpan span;          ///< the trigger words ("road blocks", "opened fire")
    size_t firstToken = 0;  ///< tokens [firstToken, endToken) of the trigger
    size_t endToken = 0;
    std::string_view category;  ///< a category of assets/incident_styles.json ("Arrest", "Diplomacy")
    std::string_view label;     ///< a short title noun ("Roadblock", "Diplomatic visit")
    double weight = 1.0;        ///< how surely the words report an event (0..1): "roadblock" 1, "talks" 0.5
};

/// Every category findEvents can give, each the name of a category in the shipped style sheet.
const std::vector<std::string_view>& eventCategories();

/// Finds event words in tokens [first, end) of `units` (English news wording: "set up barricades",
/// "shot and wounded", "was arrested", "took to the streets", "demanded", "is set to visit", "deployed
/// troops", "raised the combat readiness"...). At each token the longest phrase wins; triggers of one
/// category a few words apart ("shot and wounded") are one mention. In text order.
std::vector<EventMention> findEvents(const TextUnits& units, size_t first, size_t end);

/// True when tokens [first, end) speak of the future: "will", "is set to", "plans to", "is due to",
/// "is expected to", "is scheduled to", "is to", "upcoming".
bool speaksOfFuture(const TextUnits& units, size_t first, size_t end);

}  // namespace fp
