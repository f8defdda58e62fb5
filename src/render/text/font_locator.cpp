#include "render/text/font_locator.h"

#include <fontconfig/fontconfig.h>

#include <array>
#include <memory>
#include <vector>

namespace fp {

namespace {

constexpr std::array<FcChar32, 6> kRequiredChars = {0x0160, 0x00EB, 0x0107, 0x0110, 0x0448, 0x0416};

struct PatternDeleter {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
struct CharSetDeleter {
    void operator()(FcCharSet* c) const { FcCharSetDestroy(c); }
};
using PatternPtr = std::unique_ptr<FcPattern, PatternDeleter>;
using CharSetPtr = std::unique_ptr<FcCharSet, CharSetDeleter>;

bool coversRequiredChars(FcPattern* font) {
    FcCharSet* charset = nullptr;
    if (FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) != FcResultMatch || !charset) return false;
    for (FcChar32 c : kRequiredChars)
        if (!FcCharSetHasChar(charset, c)) return false;
    return true;
}

/// The file of fontconfig's best match for `family`, or empty if that match is unusable for labels.
std::string matchFamily(const std::string& family, bool bold, const CharSetPtr& required) {
    PatternPtr pattern(FcPatternCreate());
    if (!pattern) return {};
    FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcPatternAddInteger(pattern.get(), FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern.get(), FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddBool(pattern.get(), FC_SCALABLE, FcTrue);
    // Asking for the characters lets the matcher prefer a covering face when the family is missing.
    FcPatternAddCharSet(pattern.get(), FC_CHARSET, required.get());
    if (!FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern)) return {};
    FcDefaultSubstitute(pattern.get());

    FcResult result = FcResultNoMatch;
    PatternPtr font(FcFontMatch(nullptr, pattern.get(), &result));
    if (!font || result != FcResultMatch) return {};

    FcBool scalable = FcFalse;
    if (FcPatternGetBool(font.get(), FC_SCALABLE, 0, &scalable) == FcResultMatch && !scalable) return {};
    if (!coversRequiredChars(font.get())) return {};
    // The atlas opens face 0 of the file; a later face of a collection would be the wrong font.
    int index = 0;
    if (FcPatternGetInteger(font.get(), FC_INDEX, 0, &index) == FcResultMatch && index != 0) return {};
    FcChar8* file = nullptr;
    if (FcPatternGetString(font.get(), FC_FILE, 0, &file) != FcResultMatch || !file) return {};
    return reinterpret_cast<const char*>(file);
}

}  // namespace

Result<std::string> findSystemFont(const std::string& family, bool bold) {
    if (!FcInit()) return makeError(ErrorCode::NotFound, family, "fontconfig could not be initialised");
    CharSetPtr required(FcCharSetCreate());
    for (FcChar32 c : kRequiredChars) FcCharSetAddChar(required.get(), c);

    std::vector<std::string> families = {family};
    for (const char* fallback : {"Noto Sans", "DejaVu Sans", "Liberation Sans"})
        if (family != fallback) families.emplace_back(fallback);

    for (bool wantBold : {bold, false}) {
        for (const std::string& f : families) {
            std::string file = matchFamily(f, wantBold, required);
            if (!file.empty()) return file;
        }
        if (!bold) break;
    }
    std::string tried;
    for (const std::string& f : families) tried += (tried.empty() ? "\"" : ", \"") + f + "\"";
    return makeError(ErrorCode::NotFound, family,
                     "no installed scalable font covers Latin Extended and Cyrillic (tried " + tried +
                         "); install fonts-dejavu-core or fonts-noto-core");
}

}  // namespace fp
