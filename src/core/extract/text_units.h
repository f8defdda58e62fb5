#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/extract/article_text.h"

namespace fp {

/// One word, number or punctuation mark of a text.
struct Token {
    TextSpan span;
    std::string lower;         ///< the text with ASCII letters lower-cased (other bytes as they are)
    bool word = false;         ///< letters (any script), possibly with digits
    bool number = false;       ///< ASCII digits only
    bool capital = false;      ///< a word starting with an upper-case letter (any script)
    bool allCaps = false;      ///< a word of two or more letters, every one upper-case ("BELGRADE", "KFOR")
    bool spaceBefore = false;  ///< white space separates it from the token before
};

/// A sentence: tokens [firstToken, endToken) of paragraph `paragraph`.
struct Sentence {
    TextSpan span;
    size_t paragraph = 0;
    size_t firstToken = 0;
    size_t endToken = 0;
};

/// A text cut into tokens and sentences. Words are split at hyphens ("mid-December" is "mid", "-",
/// "December") and a possessive "'s" is a token of its own, so names are found in "Mitrovica's".
struct TextUnits {
    std::vector<Token> tokens;
    std::vector<Sentence> sentences;
};

/// Tokenises `text` and splits it into sentences: at '.', '!' or '?' followed by a capital, a digit or a
/// quote (not after an abbreviation such as "Dec." or "U.S." or an initial), at paragraph breaks (a blank
/// line), and after a short line without closing punctuation (a headline or a dateline line). Linear time.
TextUnits splitText(std::string_view text);

}  // namespace fp
