#include "core/model/place_label_style.h"

#include <cctype>
#include <string>

namespace fp {

const char* placeLabelScriptName(PlaceLabelScript script) {
    switch (script) {
        case PlaceLabelScript::Latin:
            return "latin";
        case PlaceLabelScript::English:
            return "english";
        case PlaceLabelScript::Local:
            break;
    }
    return "local";
}

std::optional<PlaceLabelScript> parsePlaceLabelScript(std::string_view name) {
    std::string lower(name);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (PlaceLabelScript s : {PlaceLabelScript::Local, PlaceLabelScript::Latin, PlaceLabelScript::English})
        if (lower == placeLabelScriptName(s)) return s;
    return std::nullopt;
}

}  // namespace fp
