#include "core/extract/text_units.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

namespace fp {

namespace {

/// Words that end with a period without ending a sentence.
bool isAbbreviation(std::string_view lower) {
    static constexpr std::array<std::string_view, 34> kAbbrev{
        "jan", "feb", "mar", "apr", "jun", "jul",  "aug", "sep", "sept",   "oct", "nov", "dec",
        "mr",  "mrs", "ms",  "dr",  "gen", "lt",   "col", "maj", "capt",   "sgt", "st",  "no",
        "gov", "sen", "rep", "jr",  "sr",  "prof", "rev", "vs",  "approx", "cpl"};
    return std::find(kAbbrev.begin(), kAbbrev.end(), lower) != kAbbrev.end();
}

struct CodePoint {
    UChar32 cp = 0;
    size_t length = 1;
};

CodePoint decodeAt(std::string_view text, size_t i) {
    int32_t at = static_cast<int32_t>(i);
    UChar32 cp = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), at, static_cast<int32_t>(text.size()), cp);
    return {cp, static_cast<size_t>(at) - i};
}

bool isWordChar(UChar32 cp) {
    return cp >= 0 && (u_isalnum(cp) || u_hasBinaryProperty(cp, UCHAR_DIACRITIC));
}

bool isApostrophe(UChar32 cp) {
    return cp == '\'' || cp == 0x2019;
}

/// Appends the token at `i` and returns the index after it.
size_t readToken(std::string_view text, size_t i, bool spaceBefore, std::vector<Token>& out) {
    Token t;
    t.spaceBefore = spaceBefore;
    const CodePoint first = decodeAt(text, i);
    size_t end = i + first.length;
    if (isWordChar(first.cp)) {
        bool digitsOnly = true, anyLower = false;
        int letters = 0;
        for (size_t k = i; k < text.size();) {
            const CodePoint c = decodeAt(text, k);
            if (isWordChar(c.cp)) {
                if (!(c.cp >= '0' && c.cp <= '9')) digitsOnly = false;
                if (u_isalpha(c.cp)) {
                    ++letters;
                    if (u_islower(c.cp)) anyLower = true;
                }
                k += c.length;
                end = k;
                continue;
            }
            // An apostrophe inside a word ("O'Brien", "don't") keeps it whole; "'s" is split off below.
            if (isApostrophe(c.cp) && k + c.length < text.size()) {
                const CodePoint next = decodeAt(text, k + c.length);
                const bool possessive =
                    (next.cp == 's' || next.cp == 'S') &&
                    (k + c.length + 1 >= text.size() || !isWordChar(decodeAt(text, k + c.length + 1).cp));
                if (isWordChar(next.cp) && !possessive && u_isalpha(next.cp)) {
                    k += c.length;
                    continue;
                }
            }
            break;
        }
        t.number = digitsOnly;
        t.word = !digitsOnly;
        t.capital = t.word && u_isupper(first.cp);
        t.allCaps = t.word && letters >= 2 && !anyLower;
    }
    t.span = {i, end};
    t.lower.reserve(end - i);
    for (size_t k = i; k < end; ++k)
        t.lower += static_cast<char>(std::tolower(static_cast<unsigned char>(text[k])));
    out.push_back(std::move(t));
    return end;
}

bool endsSentenceAt(const std::vector<Token>& tokens, size_t p, std::string_view text) {
    const Token& mark = tokens[p];
    if (mark.lower != "." && mark.lower != "!" && mark.lower != "?" && mark.lower != "\xE2\x80\xA6")
        return false;
    if (p + 1 >= tokens.size()) return true;
    // Closing quotes and brackets after the mark belong to the sentence; the next real token decides.
    size_t n = p + 1;
    while (n < tokens.size() && !tokens[n].spaceBefore &&
           (tokens[n].lower == "\"" || tokens[n].lower == ")" || tokens[n].lower == "\xE2\x80\x9D" ||
            tokens[n].lower == "'" || tokens[n].lower == "\xE2\x80\x99"))
        ++n;
    if (n >= tokens.size()) return true;
    const Token& next = tokens[n];
    if (!next.spaceBefore) return false;  // "U.S", "3.5", "example.com"
    if (mark.lower == "." && p > 0) {
        const Token& before = tokens[p - 1];
        if (before.word && !before.spaceBefore && p >= 2 && tokens[p - 2].lower == ".") return false;
        if (before.word && isAbbreviation(before.lower) && (next.number || !next.capital)) return false;
        if (before.word && before.span.size() == 1 && before.capital) return false;  // an initial
        if (before.word && (before.lower == "mr" || before.lower == "mrs" || before.lower == "dr" ||
                            before.lower == "gen" || before.lower == "st" || before.lower == "lt"))
            return false;
    }
    const char c = text[next.span.begin];
    return next.capital || next.number || c == '"' || c == '\'' || static_cast<unsigned char>(c) >= 0xC0 ||
           !next.word;
}

}  // namespace

TextUnits splitText(std::string_view text) {
    TextUnits units;
    auto& tokens = units.tokens;
    tokens.reserve(text.size() / 5);
    std::vector<size_t> breakBefore;  // token indices that start a new paragraph (1) or line (2)
    std::vector<uint8_t> lineBreak;
    size_t i = 0;
    int newlines = 0;
    bool space = false;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\n' || c == ' ' || c == '\t' || c == '\r' || c == '\f') {
            if (c == '\n') ++newlines;
            space = true;
            ++i;
            continue;
        }
        lineBreak.push_back(tokens.empty() ? 0 : newlines >= 2 ? 1 : newlines == 1 ? 2 : 0);
        i = readToken(text, i, space, tokens);
        newlines = 0;
        space = false;
    }
    size_t paragraph = 0, start = 0;
    size_t lineStart = 0;
    auto close = [&](size_t end) {
        if (end > start)
            units.sentences.push_back(
                {{tokens[start].span.begin, tokens[end - 1].span.end}, paragraph, start, end});
        start = end;
    };
    for (size_t t = 0; t < tokens.size(); ++t) {
        if (t > 0 && lineBreak[t] == 1) {
            close(t);
            ++paragraph;
            lineStart = t;
        } else if (t > 0 && lineBreak[t] == 2) {
            // A short line without closing punctuation is a headline or a dateline line of its own.
            const Token& last = tokens[t - 1];
            const bool closed = last.lower == "." || last.lower == "!" || last.lower == "?" ||
                                last.lower == ":" || last.lower == ",";
            if (!closed && tokens[t - 1].span.end - tokens[lineStart].span.begin < 60) close(t);
            lineStart = t;
        }
        if (endsSentenceAt(tokens, t, text)) {
            size_t end = t + 1;
            while (end < tokens.size() && !tokens[end].spaceBefore && !tokens[end].word &&
                   !tokens[end].number && lineBreak[end] == 0)
                ++end;
            close(end);
            t = end - 1;
        }
    }
    close(tokens.size());
    return units;
}

}  // namespace fp
