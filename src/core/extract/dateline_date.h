#pragma once

#include <optional>

#include "core/extract/article_text.h"
#include "core/extract/date_finder.h"

namespace fp {

/// The publication day an article states at its top, if any: the first full date with its year ("date
/// 2023-01-08", "Jan. 8, 2023", "8 January 2023") on one of its first lines that is short enough to be a
/// dateline, byline or date line (not a sentence reporting an event). Relative dates and dates without a
/// year do not count. nullopt when there is none.
std::optional<DayNumber> findDatelineDay(const ArticleText& article);

}  // namespace fp
