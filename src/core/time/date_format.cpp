#include "core/time/date_format.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <vector>

#include "core/time/civil_range.h"
#include "core/util/text.h"

namespace fp {

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int toInt(std::string_view digits) {
    int v = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), v);
    return v;
}

/// A run of digits, of letters, or one other character.
struct Token {
    enum class Kind : uint8_t { Digits, Letters, Other } kind;
    std::string_view text;
};

/// Up to kMaxTokens tokens of `s`; false when it has more (then it is no date this survey knows).
constexpr size_t kMaxTokens = 24;
bool tokenize(std::string_view s, std::array<Token, kMaxTokens>& out, size_t& n) {
    n = 0;
    for (size_t i = 0; i < s.size();) {
        if (n == kMaxTokens) return false;
        size_t j = i + 1;
        Token::Kind kind = Token::Kind::Other;
        if (isDigit(s[i])) {
            kind = Token::Kind::Digits;
            while (j < s.size() && isDigit(s[j])) ++j;
        } else if (isAlpha(s[i])) {
            kind = Token::Kind::Letters;
            while (j < s.size() && isAlpha(s[j])) ++j;
        }
        out[n++] = {kind, s.substr(i, j - i)};
        i = j;
    }
    return true;
}

/// A plain number: optional sign, digits, optional fraction.
bool isNumber(std::string_view s) {
    size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    const size_t digitsBegin = i;
    while (i < s.size() && isDigit(s[i])) ++i;
    if (i == digitsBegin) return false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && isDigit(s[i])) ++i;
    }
    return i == s.size();
}

/// The year of an instant `seconds` after the epoch; the first or last year toCivil knows for an instant
/// before or after them (a column of numbers too large for dates still says its years).
int yearOf(double seconds) {
    const double clamped = std::clamp(std::floor(seconds), static_cast<double>(kEarliestSeconds),
                                      static_cast<double>(kLatestSeconds));
    return toCivil(TimePoint{static_cast<int64_t>(clamped)}).year;
}

std::string yearsText(int minYear, int maxYear) {
    if (minYear == 0 && maxYear == 0) return {};
    if (minYear == maxYear) return "year " + std::to_string(minYear);
    return "years " + std::to_string(minYear) + "\u2013" + std::to_string(maxYear);
}

/// The form with 'A'/'B' (first/second number of a numeric date) written as day and month.
std::string resolvedForm(std::string form, bool monthFirst) {
    for (char& c : form) {
        if (c == 'A') c = monthFirst ? 'm' : 'd';
        if (c == 'B') c = monthFirst ? 'd' : 'm';
    }
    return form;
}

}  // namespace

std::string DateFormat::describe() const {
    std::string out = forms.empty() ? std::string("no values") : forms;
    if (!note.empty()) out += ", " + note;
    if (const std::string years = yearsText(minYear, maxYear); !years.empty()) out += ", " + years;
    return out;
}

std::string DateFormat::expected() const {
    std::string out = forms.empty() ? std::string("a date") : forms;
    if (!note.empty()) out += " (" + note + ")";
    return out;
}

const char* dateFormatOptionValues() {
    return "auto, iso, day-first (or a pattern such as dd/mm/yyyy, d-Mon-yy), month-first (mm/dd/yyyy), "
           "unix, unix-ms, excel";
}

Result<std::optional<DateFormat>> parseDateFormatOption(std::string_view text) {
    std::string t(trimSpaces(text));
    std::string lower = t;
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (lower.empty() || lower == "auto") return std::optional<DateFormat>();
    DateFormat f;
    f.note = "as chosen";
    using N = DateHints::Numbers;
    if (lower == "iso") {
        f.forms = "yyyy-mm-dd";
    } else if (lower == "unix" || lower == "unix-s" || lower == "epoch") {
        f.hints.numbers = N::UnixSeconds;
        f.forms = "Unix seconds";
    } else if (lower == "unix-ms" || lower == "epoch-ms") {
        f.hints.numbers = N::UnixMillis;
        f.forms = "Unix milliseconds";
    } else if (lower == "excel") {
        f.hints.numbers = N::ExcelDays;
        f.forms = "Excel serial days";
    } else if (lower == "day-first" || lower == "dmy") {
        f.forms = "dd/mm/yyyy";
        f.note = "day first, as chosen";
    } else if (lower == "month-first" || lower == "mdy") {
        f.hints.monthFirst = true;
        f.forms = "mm/dd/yyyy";
        f.note = "month first, as chosen";
    } else {
        // A pattern: which of day and month comes first is all it needs to say.
        const bool known = std::all_of(lower.begin(), lower.end(), [](char c) {
            return c == 'd' || c == 'm' || c == 'y' || c == 'o' || c == 'n' || c == 't' || c == 'h' ||
                   c == 's' || c == '/' || c == '-' || c == '.' || c == ' ' || c == ',' || c == ':';
        });
        const size_t d = lower.find('d'), m = lower.find('m');
        if (!known || d == std::string::npos || m == std::string::npos ||
            lower.find('y') == std::string::npos) {
            return makeError(ErrorCode::InvalidArgument, "--date-format",
                             "'" + t + "' is not a date format (expected " + dateFormatOptionValues() + ")");
        }
        // "yyyy-mm-dd" puts the year first, which says the order by itself.
        f.hints.monthFirst = m < d && lower.find('y') > m;
        f.forms = t;
        f.note = f.hints.monthFirst ? "month first, as chosen" : "as chosen";
    }
    return std::optional<DateFormat>(std::move(f));
}

void DateColumnSurvey::addNumber(std::string_view text) {
    double v = 0;
    const char* begin = text.data() + (text.front() == '+' ? 1 : 0);
    std::from_chars(begin, text.data() + text.size(), v);
    size_t digits = 0;
    for (char c : text) {
        if (c == '.') break;
        digits += isDigit(c) ? 1 : 0;
    }
    const bool integer = text.find('.') == std::string_view::npos;
    if (m_numbers == 0) {
        m_minNumber = m_maxNumber = v;
        m_minDigits = m_maxDigits = digits;
    }
    ++m_numbers;
    m_integers += integer ? 1 : 0;
    m_minNumber = std::min(m_minNumber, v);
    m_maxNumber = std::max(m_maxNumber, v);
    m_minDigits = std::min(m_minDigits, digits);
    m_maxDigits = std::max(m_maxDigits, digits);
}

void DateColumnSurvey::addYear(int year, bool twoDigits, std::string_view yearText) {
    if (twoDigits) {
        ++m_twoDigitYears;
        const std::string_view y = trimSpaces(yearText);
        int full = 0;
        if (y.size() == 4 && isNumber(y)) full = toInt(y);
        year = expandTwoDigitYear(year, full);
        if (full != 0 && full == year) ++m_yearsConfirmed;
    }
    if (m_minYear == 0 && m_maxYear == 0) m_minYear = m_maxYear = year;
    m_minYear = std::min(m_minYear, year);
    m_maxYear = std::max(m_maxYear, year);
}

// Longer than a page on purpose: one pass over a value that tries each date shape in order of likelihood; the
// order is the rule, and splitting it would scatter it.
void DateColumnSurvey::add(std::string_view text, std::string_view yearText) {
    const std::string_view t = trimSpaces(text);
    if (t.empty()) return;
    ++m_values;
    if (isNumber(t)) {
        addNumber(t);
        return;
    }
    std::array<Token, kMaxTokens> tokens;
    size_t n = 0;
    if (!tokenize(t, tokens, n)) {
        ++m_unknown;
        return;
    }
    // The first three parts of the date (numbers or a month name) and where the time of day begins.
    std::array<size_t, 3> part{};
    size_t parts = 0, k = 0;
    int monthPart = -1;
    for (; k < n && parts < 3; ++k) {
        const Token& tok = tokens[k];
        if (tok.kind == Token::Kind::Digits) {
            part[parts++] = k;
        } else if (tok.kind == Token::Kind::Letters && monthFromName(tok.text) != 0 && monthPart < 0) {
            monthPart = static_cast<int>(parts);
            part[parts++] = k;
        } else if (tok.kind == Token::Kind::Letters) {
            break;
        }
    }
    const auto len = [&](size_t p) { return tokens[part[p]].text.size(); };
    enum Role : char { Year = 'y', Day = 'd', Month = 'm', First = 'A', Second = 'B' };
    std::array<Role, 3> roles{};
    const bool yearFirst = parts >= 2 && monthPart < 0 && len(0) == 4 && part[0] + 1 < n &&
                           (tokens[part[0] + 1].text == "-" || tokens[part[0] + 1].text == "/");
    if (yearFirst) {
        roles = {Year, Month, Day};
    } else if (monthPart == 1 && parts == 3) {
        roles = {Day, Month, Year};
    } else if (monthPart == 0 && parts == 3) {
        roles = {Month, Day, Year};
    } else if (monthPart == 0 && parts == 2 && len(1) == 4) {
        roles = {Month, Year, Year};
    } else if (monthPart < 0 && parts == 3 && len(0) <= 2 && len(1) <= 2 && (len(2) == 2 || len(2) == 4)) {
        roles = {First, Second, Year};
    } else {
        ++m_unknown;
        return;
    }
    std::string form;
    size_t end = part[parts - 1] + 1;
    for (size_t i = 0; i < end; ++i) {
        const auto p = static_cast<size_t>(std::find(part.begin(), part.begin() + parts, i) - part.begin());
        if (p == parts) {
            form += tokens[i].text;
            continue;
        }
        const size_t l = tokens[i].text.size();
        switch (roles[p]) {
            case Year:
                form += l == 2 ? "yy" : "yyyy";
                addYear(toInt(tokens[i].text), l == 2, yearText);
                break;
            case Month:
                form += tokens[i].kind == Token::Kind::Letters ? (l == 3 ? "Mon" : "Month")
                        : l == 1                               ? "m"
                                                               : "mm";
                break;
            case Day:
                form += l == 1 ? "d" : "dd";
                break;
            default:
                form += std::string(l, static_cast<char>(roles[p]));
                break;
        }
    }
    if (roles[0] == First) {
        ++m_numericDates;
        m_firstOver12 += toInt(tokens[part[0]].text) > 12 ? 1 : 0;
        m_secondOver12 += toInt(tokens[part[1]].text) > 12 ? 1 : 0;
    }
    // A time of day: "hh:mm" or "hh:mm:ss", after a 'T' or a space; fractions and zones are not shown.
    size_t timeParts = 0;
    for (size_t i = end; i < n; ++i)
        if (tokens[i].kind == Token::Kind::Digits && tokens[i - 1].text != ".") ++timeParts;
    if (timeParts >= 2 && end < n) {
        form += tokens[end].text == "T" ? "T" : " ";
        form += timeParts >= 3 ? "hh:mm:ss" : "hh:mm";
        if (tokens[n - 1].text == "Z") form += "Z";
    }
    ++m_forms[form];
}

DateFormat DateColumnSurvey::result() const {
    DateFormat f;
    using N = DateHints::Numbers;
    if (m_numbers > 0 && m_numbers * 2 >= m_values) {
        const bool integers = m_integers == m_numbers && m_minNumber >= 0;
        if (integers && m_minDigits == m_maxDigits && (m_minDigits == 8 || m_minDigits == 14)) {
            f.forms = m_minDigits == 8 ? "yyyymmdd" : "yyyymmddhhmmss";
            const double scale = m_minDigits == 8 ? 1e4 : 1e10;
            f.minYear = static_cast<int>(m_minNumber / scale);
            f.maxYear = static_cast<int>(m_maxNumber / scale);
            return f;
        }
        if (integers && m_maxDigits == 4) {
            f.forms = "yyyy";
            f.minYear = static_cast<int>(m_minNumber);
            f.maxYear = static_cast<int>(m_maxNumber);
            return f;
        }
        double scale = 1;
        if (m_minDigits >= 12) {
            f.hints.numbers = N::UnixMillis;
            f.forms = "Unix milliseconds";
            scale = 1e-3;
        } else if (m_minDigits >= 9) {
            f.hints.numbers = N::UnixSeconds;
            f.forms = "Unix seconds";
        } else {
            f.hints.numbers = N::ExcelDays;
            f.forms = "Excel serial days";
            scale = kSecondsPerDay;
        }
        const double offset = f.hints.numbers == N::ExcelDays ? -25569.0 * kSecondsPerDay : 0;
        f.minYear = yearOf(m_minNumber * scale + offset);
        f.maxYear = yearOf(m_maxNumber * scale + offset);
        return f;
    }
    f.hints.monthFirst = m_secondOver12 > m_firstOver12;
    std::vector<std::pair<std::string, size_t>> forms(m_forms.begin(), m_forms.end());
    std::stable_sort(forms.begin(), forms.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (size_t i = 0; i < forms.size() && i < 3; ++i)
        f.forms += (i ? " or " : "") + resolvedForm(forms[i].first, f.hints.monthFirst);
    if (m_numericDates > 0 && orderUndecided()) {
        f.note = "day first (assumed: no value has a day or month over 12 to decide)";
    } else if (m_numericDates > 0 && m_firstOver12 > 0 && m_secondOver12 > 0) {
        f.note = std::string(f.hints.monthFirst ? "month first" : "day first") + " (" +
                 std::to_string(std::min(m_firstOver12, m_secondOver12)) + " values say the opposite)";
    } else if (m_numericDates > 0) {
        f.note = f.hints.monthFirst ? "month first" : "day first";
    } else if (!f.forms.empty() && f.forms[0] == 'd') {
        f.note = "day first";
    }
    if (m_twoDigitYears > 0 && m_yearsConfirmed == m_twoDigitYears)
        f.note += std::string(f.note.empty() ? "" : ", ") + "century from the year column";
    f.minYear = m_minYear;
    f.maxYear = m_maxYear;
    return f;
}

}  // namespace fp
