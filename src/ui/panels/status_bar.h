#pragma once

#include <string>

#include "ui/panel.h"

namespace fp {

/// The bar along the bottom: lat/lon under the cursor and where that is ("3 km NE of Zvečan, ..."), the map
/// CRS, the scale 1:N, the geocoding review's hint (a click opens it), and the log's warning and error counts
/// (a click opens the log).
class StatusBar : public Panel {
public:
    const char* title() const override { return "##statusbar"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// Height of the bar in ImGui units as last drawn (0 before the first frame).
    float height() const { return m_height; }
    /// Where the cursor was as last drawn ("3 km NE of Zvečan, ..."); empty when off the map or unknown.
    const std::string& placeText() const { return m_placeText; }
    /// "3 rows await geocoding review", or pick mode's instruction; empty shows nothing. Set before draw().
    void setGeocodeHint(std::string hint) { m_geocodeHint = std::move(hint); }
    const std::string& geocodeHint() const { return m_geocodeHint; }

private:
    /// draw's parts: the bar's window, the cursor/CRS/scale/place fields, the log counters.
    bool beginBar();
    void drawFields(const UiContext& ctx, CommandList& out);
    void drawCounters(const UiContext& ctx, CommandList& out);
    /// Left edge of the counters on the right, in window coordinates.
    float countersX(const UiContext& ctx) const;

    float m_height = 0.f;
    std::string m_placeText;
    std::string m_geocodeHint;
};

}  // namespace fp
