// Fuzzes the date parser under every kind of hint, the per-column inference of a date format from a column's
// values, and the --date-format option. A parsed date written as ISO text must parse back to itself.

#include "core/time/date_format.h"
#include "core/time/time_point.h"
#include "fuzz_support.h"

namespace {

void checkRoundTrip(std::string_view text, const fp::ParsedTime& parsed) {
    const fp::CivilTime c = fp::toCivil(parsed.time);
    if (c.year < 1 || c.year > 9999) return;  // ISO text is written for four-digit years only
    const std::string iso = fp::formatIso(parsed.time);
    auto again = fp::parseTime(iso);
    if (!again || again->time.seconds != parsed.time.seconds)
        fp::fuzz::fail("'" + std::string(text) + "' parsed, but its ISO form '" + iso +
                       "' does not parse back");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace fp;
    fuzz::Input in(data, size);
    const uint8_t control = in.byte();
    DateHints hints;
    hints.numbers = static_cast<DateHints::Numbers>(control % 4);
    hints.monthFirst = (control & 4) != 0;
    hints.fullYear = (control & 8) ? 1990 + in.byte() % 60 : 0;
    const std::string_view text = in.rest();

    (void)parseDateFormatOption(text);
    // Each line is one value of a column; the whole input also as one value.
    DateColumnSurvey survey;
    size_t begin = 0;
    while (begin <= text.size()) {
        size_t end = text.find('\n', begin);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view value = text.substr(begin, end - begin);
        survey.add(value, (control & 16) ? std::string_view("2021") : std::string_view());
        if (auto parsed = parseTime(value, hints)) checkRoundTrip(value, parsed.value());
        begin = end + 1;
    }
    const DateFormat format = survey.result();
    (void)format.describe();
    (void)format.expected();
    if (auto parsed = parseTime(text, format.hints)) checkRoundTrip(text, parsed.value());
    return 0;
}
