#pragma once

#include <string>

#include "ui/panel.h"

namespace fp {

/// Help > Keys and mouse: the map and time controls in a short overlay over the map. The window shell opens
/// it by itself on the first start; closed with its button, Escape or its title bar's close button.
class KeysHelpOverlay : public Panel {
public:
    KeysHelpOverlay() { m_open = false; }
    const char* title() const override { return "Keys and mouse"; }
    void draw(const UiContext& ctx, CommandList& out) override;
};

/// Help > About: the program's version and those of GDAL, PROJ and OpenGL (what `flashpoint --version`
/// prints, set by the window shell).
class AboutBox : public Panel {
public:
    AboutBox() { m_open = false; }
    const char* title() const override { return "About Flashpoint"; }
    void draw(const UiContext& ctx, CommandList& out) override;
    void setVersionText(std::string text) { m_versionText = std::move(text); }
    const std::string& versionText() const { return m_versionText; }

private:
    std::string m_versionText;
};

}  // namespace fp
