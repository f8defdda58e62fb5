#include "core/places/normalize.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace fp {

namespace {

/// One transliterator per thread: ICU transliterators keep per-call state and are not safe to share.
icu::Transliterator* transliterator() {
    thread_local std::unique_ptr<icu::Transliterator> instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(
            icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
        if (U_FAILURE(status)) t.reset();
        return t;
    }();
    return instance.get();
}

}  // namespace

bool isAscii(std::string_view text) {
    for (unsigned char c : text)
        if (c >= 0x80) return false;
    return true;
}

std::string normalizeAsciiPlaceName(std::string_view ascii) {
    std::string out;
    out.reserve(ascii.size());
    bool pendingSpace = false;
    for (char raw : ascii) {
        char c = raw;
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (alnum) {
            if (pendingSpace && !out.empty()) out.push_back(' ');
            pendingSpace = false;
            out.push_back(c);
        } else if (c != '\'' && c != '`') {
            // Apostrophes join ("Hunt's" -> "hunts"); everything else separates words.
            pendingSpace = true;
        }
    }
    return out;
}

std::string normalizePlaceName(std::string_view utf8) {
    if (isAscii(utf8)) return normalizeAsciiPlaceName(utf8);
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    if (u.indexOf(static_cast<UChar>(0xFFFD)) >= 0) return {};  // invalid UTF-8 was replaced
    icu::Transliterator* t = transliterator();
    if (!t) return {};
    t->transliterate(u);
    std::string latin;
    u.toUTF8String(latin);
    // Latin-ASCII leaves characters it has no mapping for (other scripts Any-Latin could not convert); they
    // are not searchable, so they become word breaks like punctuation.
    for (char& c : latin)
        if (static_cast<unsigned char>(c) >= 0x80) c = ' ';
    return normalizeAsciiPlaceName(latin);
}

}  // namespace fp
