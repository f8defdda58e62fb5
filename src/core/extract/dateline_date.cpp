#include "core/extract/dateline_date.h"

#include <cctype>
#include <string_view>

namespace fp {

namespace {

constexpr size_t kMaxLines = 6;        // a date line sits at the top, under the headline
constexpr size_t kMaxLineBytes = 120;  // longer lines are sentences, whose dates are events
constexpr DayNumber kNoContext = 0;    // full dates with a year do not depend on the publication day

/// True when `words` hold a four-digit number (a written year).
bool hasYear(std::string_view words) {
    size_t run = 0;
    for (char c : words) {
        run = std::isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
        if (run == 4) return true;
    }
    return false;
}

}  // namespace

std::optional<DayNumber> findDatelineDay(const ArticleText& article) {
    std::string_view rest = article.text;
    for (size_t line = 0; line < kMaxLines && !rest.empty();) {
        const size_t end = rest.find('\n');
        const std::string_view text = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        if (text.find_first_not_of(" \t") == std::string_view::npos) continue;
        ++line;
        if (text.size() > kMaxLineBytes) continue;
        const TextUnits units = splitText(text);
        for (const DateMention& d :
             findDates(units, 0, units.tokens.size(), DateContext{kNoContext, false})) {
            const std::string_view words = text.substr(d.span.begin, d.span.size());
            if (!d.relative && d.precision == TimePrecision::Day && d.first == d.last && hasYear(words))
                return d.first;
        }
    }
    return std::nullopt;
}

}  // namespace fp
