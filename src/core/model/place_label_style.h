#pragma once

#include <optional>
#include <string_view>

namespace fp {

/// Which name of a place a map label shows.
enum class PlaceLabelScript : uint8_t {
    Local = 0,    ///< the place's main name as the gazetteer has it (local language and script)
    Latin = 1,    ///< the main name transliterated to Latin script (ICU "Any-Latin"), diacritics kept
    English = 2,  ///< a name tagged English ('en') when the data has one, else the plain ASCII name
};

/// Lower-case name of a script choice ("local", "latin", "english"), for flags and files.
const char* placeLabelScriptName(PlaceLabelScript script);
/// The script named by `name` (case-insensitive "local", "latin", "english"); nullopt for anything else.
std::optional<PlaceLabelScript> parsePlaceLabelScript(std::string_view name);

/// How gazetteer places are labelled on the map (a scene option; the gazetteer is MapScene::gazetteer).
struct PlaceLabelStyle {
    bool visible = true;
    PlaceLabelScript script = PlaceLabelScript::Local;
    float sizePx = 10.5f;      ///< label em size of ordinary places, logical pixels (capitals 1.25x)
    unsigned maxLabels = 120;  ///< at most this many places are considered per view (most important first)
    friend bool operator==(const PlaceLabelStyle&, const PlaceLabelStyle&) = default;
};

}  // namespace fp
