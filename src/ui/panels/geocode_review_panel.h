#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/geocode/geocode_reviews.h"
#include "ui/panel.h"

namespace fp {

/// Which held rows the geocoding review lists.
enum class GeocodeReviewFilter { All, Ambiguous, Unmatched, Skipped };

/// A held row by what identifies it across changes of the list (see GeocodeChoice::matches).
struct GeocodeRowKey {
    uint64_t layerId = 0;
    std::string source;
    int64_t row = 0;
    std::string name;
    friend bool operator==(const GeocodeRowKey&, const GeocodeRowKey&) = default;
};

/// Counts of the held rows over every layer, for the title, the status bar and the filter buttons.
struct GeocodeReviewCounts {
    size_t ambiguous = 0;  ///< not skipped
    size_t unmatched = 0;  ///< not skipped
    size_t skipped = 0;
    size_t awaiting() const { return ambiguous + unmatched; }
    size_t all() const { return awaiting() + skipped; }
};

/// "ambiguous: 3 candidates", "unmatched" or "skipped (ambiguous: 2 candidates)": why a row is held.
std::string geocodeHeldReason(const PendingGeocodeRow& row);
/// The row's country and admin columns as written ("Kosovo, Mitrovica"); "no country or admin area given".
std::string geocodeContext(const GeocodeQuery& query);

/// The "Geocoding review" window: every row of every incident layer held back by geocoding (ambiguous or
/// unmatched place names), filtered (all, ambiguous, unmatched, skipped), one line each with its row number,
/// place name and context as written, why it is held, and the incident's date, category and description.
/// The selected row's details list its candidates (name, admin area, country, population, distance from the
/// first) with Use and Show; Pick on map enters pick mode (the next click on the map places the row there,
/// Esc cancels; the window folds away meanwhile); Skip leaves it off the map (it stays listed). Decisions go
/// out as ResolveGeocode. The list is rebuilt only when the reviews change (GeocodeReviews::generation());
/// drawing is clipped to the visible lines, so a frame costs the same with ten held rows or ten thousand.
class GeocodeReviewPanel : public Panel {
public:
    GeocodeReviewPanel() { m_open = false; }
    /// Window ID; the shown title carries the count awaiting a decision.
    const char* title() const override { return "###Geocoding review"; }
    void draw(const UiContext& ctx, CommandList& out) override;
    /// Opens the panel in front of the other windows (on the next draw).
    void bringToFront() {
        m_open = true;
        m_focusNext = true;
    }

    /// Brings the panel's view of the rows up to date with `reviews` (cheap when nothing changed); closes the
    /// panel when the last listed row was decided. draw() calls it; MainUi calls it every frame for the
    /// status bar count and to notice new held rows.
    void refresh(const GeocodeReviews& reviews);
    const GeocodeReviewCounts& counts() const { return m_counts; }
    /// Layers listed now that were not listed before the last refresh() (their rows await a decision).
    const std::vector<uint64_t>& newlyHeldLayers() const { return m_newLayers; }

    void setFilter(GeocodeReviewFilter filter);
    GeocodeReviewFilter filter() const { return m_filter; }
    /// The rows the filter lets through, in layer then row order (after refresh()).
    size_t visibleCount() const { return m_visible.size(); }
    /// The selected row; nullopt when the list is empty.
    const std::optional<GeocodeRowKey>& selected() const { return m_selected; }
    /// Selects the row with data row number `row` (1-based) of layer `layerId`; false if it is not listed.
    bool select(uint64_t layerId, int64_t row);

    /// Starts pick mode for the selected row: the next click on the map places it.
    void startPick();
    void cancelPick() { m_pick.reset(); }
    bool picking() const { return m_pick.has_value(); }
    /// "Click the map to place row 8 'Mitrovica' — Esc cancels"; empty when not picking.
    std::string pickHint() const;
    /// Pick mode's click at `screen` (physical pixels of the map view): emits ResolveGeocode placing the row
    /// there and leaves pick mode. A point outside the map CRS's domain keeps pick mode and returns the
    /// error; so does a row that is no longer held (pick mode ends then).
    Status placeAt(const MapState& state, ScreenXY screen, CommandList& out);
    /// The status bar's hint: the pick mode's, else "3 rows await geocoding review"; empty when none await.
    std::string statusHint() const;
    /// Where the row `resolve` placed (a ResolveGeocode this panel emitted, applied to `state`) now is in its
    /// layer's store; layerId 0 when it is not there (or the command placed nothing). O(log incidents).
    IncidentRef placedIncident(const MapState& state, const ResolveGeocode& resolve);
    /// Draws the pick mode's banner over the map and its crosshair at the pointer; Esc cancels. Call every
    /// frame after the panels (nothing is drawn when not picking).
    void drawPickOverlay(const UiContext& ctx);

private:
    struct Entry {
        size_t layer = 0;  // index into GeocodeReviews::layers()
        size_t row = 0;    // index into that layer's summary.pending
    };
    const PendingGeocodeRow* find(const GeocodeRowKey& key, uint64_t* layerId = nullptr) const;
    bool passes(const PendingGeocodeRow& row) const;
    void rebuild();
    void drawFilter();
    void drawList(const UiContext& ctx);
    void drawDetails(const UiContext& ctx, CommandList& out);
    void drawCandidates(const UiContext& ctx, const PendingGeocodeRow& row, uint64_t layerId,
                        CommandList& out);
    /// Appends the command placing or skipping `row`, remembering what placedIncident() needs to find it.
    void emit(const PendingGeocodeRow& row, uint64_t layerId, GeocodeChoice choice, CommandList& out);

    struct Emitted {
        uint64_t layerId = 0;
        GeocodeChoice choice;
        int64_t startSeconds = 0;
        std::string id;
    };
    std::vector<Emitted> m_emitted;  // placing commands not yet looked up by placedIncident()

    const GeocodeReviews* m_reviews = nullptr;
    uint64_t m_generation = 0;
    std::vector<uint64_t> m_listedLayers;
    std::vector<uint64_t> m_newLayers;
    GeocodeReviewCounts m_counts;
    GeocodeReviewFilter m_filter = GeocodeReviewFilter::All;
    std::vector<Entry> m_visible;
    size_t m_selectedIndex = 0;  // into m_visible, valid when m_selected
    std::optional<GeocodeRowKey> m_selected;
    bool m_scrollToSelected = false;
    bool m_focusNext = false;
    bool m_foldedForPick = false;
    std::optional<GeocodeRowKey> m_pick;
};

}  // namespace fp
