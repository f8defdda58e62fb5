#include "app/session/settings.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "core/util/atomic_file.h"
#include "core/util/log.h"

namespace fp {

namespace {

using nlohmann::json;

/// Reads `object[key]` into `out` when present and of the right type; otherwise records a problem.
template <class T>
void read(const json& object, const char* key, T& out, std::string& problems) {
    if (!object.is_object() || !object.contains(key)) return;
    const json& value = object[key];
    bool fits = false;
    if constexpr (std::is_same_v<T, bool>)
        fits = value.is_boolean();
    else if constexpr (std::is_integral_v<T>)
        fits = value.is_number_integer();
    else
        fits = value.is_string();
    if (fits)
        out = value.get<T>();
    else
        problems += std::string(problems.empty() ? "" : ", ") + "'" + key + "'";
}

/// Reads the remembered field mappings: each well-formed entry is kept, each bad one skipped with a warning.
void readFieldMappings(const json& mappings, GuiSettings& s, const std::string& path) {
    if (!mappings.is_object()) {
        logWarning(path + ": 'incidentFieldMappings' is not an object; no field mappings remembered");
        return;
    }
    for (const auto& [key, entry] : mappings.items()) {
        std::map<std::string, std::string> mapping;
        bool good = !key.empty() && entry.is_object() && !entry.empty();
        if (good)
            for (const auto& [field, column] : entry.items()) {
                if (field.empty() || !column.is_string()) {
                    good = false;
                    break;
                }
                mapping[field] = column.get<std::string>();
            }
        if (!good) {
            logWarning(path + ": ignored the unreadable field mapping remembered for '" + key + "'");
            continue;
        }
        s.fieldMappings[key] = std::move(mapping);
    }
}

}  // namespace

void fitWindowToScreen(GuiSettings& s, const ScreenRect& area) {
    if (area.width <= 0 || area.height <= 0) return;
    // Room for the window manager's title bar and borders, which the size does not include.
    constexpr int kFrameX = 16, kFrameY = 48;
    const int maxW = std::max(200, area.width - kFrameX), maxH = std::max(150, area.height - kFrameY);
    s.width = std::clamp(s.width, std::min(200, maxW), maxW);
    s.height = std::clamp(s.height, std::min(150, maxH), maxH);
    if (!s.hasPosition) return;
    s.x = std::clamp(s.x, area.x, area.x + area.width - s.width - kFrameX / 2);
    s.y = std::clamp(s.y, area.y, area.y + area.height - s.height - kFrameY / 2);
}

std::string guiConfigDir() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg == '/')
        return (std::filesystem::path(xdg) / "flashpoint").string();
    if (const char* home = std::getenv("HOME"); home && *home)
        return (std::filesystem::path(home) / ".config" / "flashpoint").string();
    return {};
}

GuiSettings loadGuiSettings(const std::string& path) {
    GuiSettings s;
    std::error_code ec;
    if (path.empty() || !std::filesystem::exists(path, ec)) return s;
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const json root = json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded() || !root.is_object()) {
        logWarning(path + ": settings file is not valid JSON; using the default settings");
        return s;
    }
    s.fromFile = true;
    std::string problems;
    if (root.contains("window")) {
        const json& w = root["window"];
        read(w, "width", s.width, problems);
        read(w, "height", s.height, problems);
        read(w, "maximized", s.maximized, problems);
        int x = 0, y = 0;
        std::string before = problems;
        if (w.is_object() && w.contains("x") && w.contains("y")) {
            read(w, "x", x, problems);
            read(w, "y", y, problems);
            if (problems == before) {
                s.hasPosition = true;
                s.x = x;
                s.y = y;
            }
        }
    }
    std::string theme;
    read(root, "theme", theme, problems);
    if (theme == "dark")
        s.theme = Theme::Dark;
    else if (!theme.empty() && theme != "light")
        problems += std::string(problems.empty() ? "" : ", ") + "'theme'";
    if (root.contains("panels")) {
        const json& p = root["panels"];
        read(p, "layers", s.layersOpen, problems);
        read(p, "log", s.logOpen, problems);
        read(p, "crs", s.crsOpen, problems);
    }
    if (root.contains("sideBars")) {
        const json& b = root["sideBars"];
        read(b, "leftCollapsed", s.leftBarCollapsed, problems);
        read(b, "rightCollapsed", s.rightBarCollapsed, problems);
        read(b, "leftWidth", s.leftBarWidth, problems);
        read(b, "rightWidth", s.rightBarWidth, problems);
    }
    read(root, "keysHelpShown", s.keysHelpShown, problems);
    if (root.contains("incidentFieldMappings")) readFieldMappings(root["incidentFieldMappings"], s, path);
    if (root.contains("recentProjects")) {
        const json& recent = root["recentProjects"];
        if (!recent.is_array()) problems += std::string(problems.empty() ? "" : ", ") + "'recentProjects'";
        for (const auto& item : recent.is_array() ? recent : json::array())
            if (item.is_string() && !item.get<std::string>().empty())
                s.recentProjects.push_back(item.get<std::string>());
    }
    if (s.width < 200 || s.width > 32768 || s.height < 150 || s.height > 32768) {
        problems += std::string(problems.empty() ? "" : ", ") + "window size";
        s.width = GuiSettings{}.width;
        s.height = GuiSettings{}.height;
    }
    if (!problems.empty())
        logWarning(path + ": ignored unreadable settings (" + problems + "); using defaults for them");
    return s;
}

Status saveGuiSettings(const std::string& path, const GuiSettings& s) {
    if (path.empty())
        return makeError(ErrorCode::NotFound, "settings", "no configuration folder (HOME is not set)");
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    json root;
    root["version"] = 1;
    root["window"] = {{"width", s.width}, {"height", s.height}, {"maximized", s.maximized}};
    if (s.hasPosition) {
        root["window"]["x"] = s.x;
        root["window"]["y"] = s.y;
    }
    root["theme"] = s.theme == Theme::Dark ? "dark" : "light";
    root["panels"] = {{"layers", s.layersOpen}, {"log", s.logOpen}, {"crs", s.crsOpen}};
    root["sideBars"] = {{"leftCollapsed", s.leftBarCollapsed},
                        {"rightCollapsed", s.rightBarCollapsed},
                        {"leftWidth", s.leftBarWidth},
                        {"rightWidth", s.rightBarWidth}};
    root["keysHelpShown"] = s.keysHelpShown;
    if (!s.fieldMappings.empty()) {
        json mappings = json::object();
        for (const auto& [key, mapping] : s.fieldMappings) mappings[key] = mapping;
        root["incidentFieldMappings"] = std::move(mappings);
    }
    if (!s.recentProjects.empty()) root["recentProjects"] = s.recentProjects;
    return writeFileAtomically(path, root.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

}  // namespace fp
