#include "core/places/place_labels.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>

#include "core/places/gazetteer.h"
#include "core/places/normalize.h"

namespace fp {

namespace {

std::unique_ptr<icu::Transliterator> makeTransliterator(const char* id) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(id, UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();
    return t;
}

/// `utf8` through `t`; the input when ICU is unavailable or the text is not valid UTF-8.
std::string transliterate(icu::Transliterator* t, std::string_view utf8) {
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    if (!t || u.indexOf(static_cast<UChar>(0xFFFD)) >= 0) return std::string(utf8);
    t->transliterate(u);
    std::string out;
    u.toUTF8String(out);
    return out;
}

// One transliterator of each kind per thread: ICU transliterators are not safe to share between threads.
icu::Transliterator* latinTransliterator() {
    thread_local std::unique_ptr<icu::Transliterator> instance = makeTransliterator("Any-Latin; NFC");
    return instance.get();
}
// Serbian Cyrillic as Serbia writes it in Latin (ј -> j, њ -> nj, џ -> dž), where plain Any-Latin follows
// ISO 9 (ǰ, n̂, d̂); other scripts left over still go through Any-Latin.
icu::Transliterator* serbianLatinTransliterator() {
    thread_local std::unique_ptr<icu::Transliterator> instance =
        makeTransliterator("Serbian-Latin/BGN; Any-Latin; NFC");
    return instance.get();
}

bool writesSerbianCyrillic(std::string_view country) {
    return country == "RS" || country == "XK" || country == "BA" || country == "ME";
}
icu::Transliterator* asciiTransliterator() {
    thread_local std::unique_ptr<icu::Transliterator> instance = makeTransliterator("Any-Latin; Latin-ASCII");
    return instance.get();
}

bool isEnglishTag(std::string_view lang) {
    return lang == "en" || lang.rfind("en-", 0) == 0;
}

/// Quarter-octave step of a scale: labels stay the same while zooming within one step.
int scaleStep(double metresPerPixel) {
    return static_cast<int>(std::floor(std::log2(metresPerPixel) * 4.0));
}

}  // namespace

std::string toLatinScript(std::string_view utf8, std::string_view countryCode) {
    if (isAscii(utf8)) return std::string(utf8);
    icu::Transliterator* serbian =
        writesSerbianCyrillic(countryCode) ? serbianLatinTransliterator() : nullptr;
    return transliterate(serbian ? serbian : latinTransliterator(), utf8);
}

std::string placeLabelText(const Gazetteer& gazetteer, PlaceIndex index, PlaceLabelScript script) {
    const Place& p = gazetteer.place(index);
    switch (script) {
        case PlaceLabelScript::Local:
            break;
        case PlaceLabelScript::Latin:
            return toLatinScript(p.name, p.country());
        case PlaceLabelScript::English:
            for (const PlaceName& n : gazetteer.names(index))
                if (isEnglishTag(n.lang) && !n.text.empty()) return std::string(n.text);
            // The ASCII name, which records without one hold as their main name: made ASCII here then.
            if (isAscii(p.asciiName)) return std::string(p.asciiName);
            return transliterate(asciiTransliterator(), p.asciiName);
    }
    return std::string(p.name);
}

double minLabelImportance(double metresPerPixel) {
    if (!std::isfinite(metresPerPixel) || metresPerPixel <= 0.0) return 1.0;
    // 0.2 at 40 m/px, +0.3 per tenfold: 0.5 at 400 m/px, 0.8 at 4 km/px.
    return std::clamp(0.2 + 0.3 * std::log10(metresPerPixel / 40.0), 0.0, 0.9);
}

std::vector<PlaceLabel> selectPlaceLabels(const Gazetteer& gazetteer, const GeoBBox& box,
                                          double metresPerPixel, PlaceLabelScript script, size_t maxLabels) {
    std::vector<PlaceLabel> out;
    if (box.empty() || maxLabels == 0) return out;
    const double minImportance = minLabelImportance(metresPerPixel);
    // Areas come back too (the region's municipalities and districts) but are skipped: a few dozen at most,
    // so some headroom over maxLabels keeps the count of places right.
    const auto found = gazetteer.inBox(box, maxLabels + 100, false);
    for (PlaceIndex i : found) {
        const Place& p = gazetteer.place(i);
        if (p.isArea()) continue;
        const double importance = placeImportance(p);
        if (importance < minImportance) break;  // inBox returns the most important first
        out.push_back({i, p.position, placeLabelText(gazetteer, i, script), static_cast<float>(importance)});
        if (out.size() >= maxLabels) break;
    }
    return out;
}

bool PlaceLabelCache::update(const std::shared_ptr<const Gazetteer>& gazetteer, const GeoBBox& viewBox,
                             double metresPerPixel, const PlaceLabelStyle& style) {
    const bool usable = gazetteer && style.visible && !viewBox.empty() && std::isfinite(metresPerPixel) &&
                        metresPerPixel > 0.0;
    if (!usable) {
        if (!m_valid && m_labels.empty()) return false;
        m_valid = false;
        m_labels.clear();
        ++m_generation;
        return true;
    }
    const int step = scaleStep(metresPerPixel);
    const bool inside = viewBox.minX >= m_box.minX && viewBox.maxX <= m_box.maxX &&
                        viewBox.minY >= m_box.minY && viewBox.maxY <= m_box.maxY;
    if (m_valid && inside && step == m_scaleStep && gazetteer == m_gazetteer && style == m_style)
        return false;
    const double padX = 0.5 * viewBox.width(), padY = 0.5 * viewBox.height();
    m_box = GeoBBox::fromCorners(viewBox.minX - padX, std::max(-90.0, viewBox.minY - padY),
                                 viewBox.maxX + padX, std::min(90.0, viewBox.maxY + padY));
    m_scaleStep = step;
    m_gazetteer = gazetteer;
    m_style = style;
    m_valid = true;
    // The step's middle scale, so every view within one step selects the same places. The padded box holds
    // about four views' worth of places, hence the larger limit.
    const double stepScale = std::exp2((step + 0.5) / 4.0);
    m_labels = selectPlaceLabels(*gazetteer, m_box, stepScale, style.script, 4 * size_t{style.maxLabels});
    ++m_generation;
    return true;
}

}  // namespace fp
