#pragma once

#include "ui/panel.h"

namespace fp {

/// The bar along the bottom: lat/lon under the cursor, the map CRS, the scale 1:N, and the log's warning and
/// error counts (a click opens the log).
class StatusBar : public Panel {
public:
    const char* title() const override { return "##statusbar"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// Height of the bar in ImGui units as last drawn (0 before the first frame).
    float height() const { return m_height; }

private:
    float m_height = 0.f;
};

}  // namespace fp
