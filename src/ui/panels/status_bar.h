#pragma once

#include <string>

#include "ui/panel.h"

namespace fp {

/// The bar along the bottom: lat/lon under the cursor and where that is ("3 km NE of Zvečan, ..."), the map
/// CRS, the scale 1:N, and the log's warning and error counts (a click opens the log).
class StatusBar : public Panel {
public:
    const char* title() const override { return "##statusbar"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// Height of the bar in ImGui units as last drawn (0 before the first frame).
    float height() const { return m_height; }
    /// Where the cursor was as last drawn ("3 km NE of Zvečan, ..."); empty when off the map or unknown.
    const std::string& placeText() const { return m_placeText; }

private:
    float m_height = 0.f;
    std::string m_placeText;
};

}  // namespace fp
