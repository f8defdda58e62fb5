#pragma once

#include "ui/panel.h"

namespace fp {

/// The main menu bar: File (Add layer…, Quit), View (panels, theme, reset view), Map (CRS…, presets), Help.
class MainMenu : public Panel {
public:
    const char* title() const override { return "##mainmenu"; }
    void draw(const UiContext& ctx, CommandList& out) override;
};

}  // namespace fp
