#pragma once

#include <string>
#include <string_view>

namespace fp {

/// The ISO 3166-1 alpha-2 code ("XK", "RS") of a country as incident sources write it: an alpha-2 or
/// alpha-3 code ("SRB"), an ISO numeric code ("688"), or the English name ("Serbia", any case; a few common
/// variants such as "Republic of Serbia" too). Kosovo, which ISO has not assigned, is "XK" (as GeoNames and
/// ACLED use it; also "XKX", "KOS" and ACLED's numeric 0). Names come from ICU/CLDR, not a hand list.
/// Returns an empty string when the text names no country. Thread-safe.
std::string countryCodeFromText(std::string_view text);

}  // namespace fp
