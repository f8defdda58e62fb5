#pragma once

#include <span>
#include <string>

#include "ui/panel.h"

namespace fp {

/// A CRS offered in one click.
struct CrsPreset {
    const char* label;
    const char* definition;
};

/// The presets: UTM 34N (the default), Web Mercator, ETRS89-LAEA, WGS 84 and a Lambert conformal conic
/// fitted to the Balkans.
std::span<const CrsPreset> crsPresets();

/// Whether `crs` is the preset (compared as PROJ-normalised definitions, so "+proj=… +units=m" matches the
/// "… +type=crs" form the CRS keeps).
bool isPreset(const Crs& crs, const CrsPreset& preset);

/// Switches the map CRS by EPSG code, PROJ string or WKT, or by a preset. A failure is shown inline and the
/// old CRS stays (the app applies SetCrs and reports back through crsFinished).
class CrsPanel : public Panel {
public:
    CrsPanel() { m_open = false; }
    const char* title() const override { return "Map CRS"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// Result of a SetCrs: clears the inline error on success, shows `error` otherwise.
    void crsFinished(const std::string& definition, bool ok, const std::string& error);

    /// Puts the keyboard focus into the definition field on the next frame (Map > CRS…).
    void focusField() { m_focusField = true; }

    const std::string& definitionText() const { return m_text; }
    void setDefinitionText(std::string text) { m_text = std::move(text); }

private:
    std::string m_text;
    std::string m_error;
    bool m_appearing = true;
    bool m_focusField = false;
};

}  // namespace fp
