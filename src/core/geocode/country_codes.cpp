#include "core/geocode/country_codes.h"

#include <unicode/locid.h>
#include <unicode/uregion.h>

#include <charconv>
#include <unordered_map>

#include "core/places/normalize.h"

namespace fp {

namespace {

/// normalised English name / lower-case alpha-2 / alpha-3 -> alpha-2, built once from ICU's country list.
const std::unordered_map<std::string, std::string>& countryTable() {
    static const std::unordered_map<std::string, std::string> table = [] {
        std::unordered_map<std::string, std::string> t;
        for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) {
            const std::string code(*c);
            const icu::Locale locale("", *c);
            icu::UnicodeString name;
            locale.getDisplayCountry(icu::Locale::getEnglish(), name);
            std::string utf8;
            name.toUTF8String(utf8);
            const std::string key = normalizePlaceName(utf8);
            if (!key.empty()) t.emplace(key, code);
            t.emplace(normalizeAsciiPlaceName(code), code);
            if (const char* iso3 = locale.getISO3Country(); iso3 && *iso3)
                t.emplace(normalizeAsciiPlaceName(iso3), code);
        }
        // Kosovo has no ISO assignment; XK is the user-assigned code GeoNames, ACLED and the EU use.
        for (const char* k : {"kosovo", "xk", "xkx", "kos", "republic of kosovo", "kosova"}) t[k] = "XK";
        return t;
    }();
    return table;
}

}  // namespace

std::string countryCodeFromText(std::string_view text) {
    const std::string key = normalizePlaceName(text);
    if (key.empty()) return {};
    int numeric = -1;
    if (auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), numeric);
        ec == std::errc() && ptr == key.data() + key.size()) {
        if (numeric == 0) return "XK";  // ACLED's iso for Kosovo
        UErrorCode status = U_ZERO_ERROR;
        const URegion* region = uregion_getRegionFromNumericCode(numeric, &status);
        if (U_FAILURE(status) || !region) return {};
        const std::string code = uregion_getRegionCode(region);
        return code.size() == 2 ? code : std::string();
    }
    const auto& table = countryTable();
    if (auto it = table.find(key); it != table.end()) return it->second;
    // "Republic of Serbia", "Serbia (country)": a known name after a common prefix or before a remark.
    for (std::string_view prefix : {"republic of ", "the "})
        if (key.starts_with(prefix))
            if (auto it = table.find(key.substr(prefix.size())); it != table.end()) return it->second;
    return {};
}

}  // namespace fp
