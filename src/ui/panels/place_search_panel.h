#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/places/gazetteer.h"
#include "ui/panel.h"

namespace fp {

/// How a place is described in lists: "capital", "municipality", "border crossing", ... from its feature
/// code.
const char* placeKindLabel(const Place& place);

/// How much map around a place to show when flying to it, in metres: a district more than a village.
double placeViewRadiusMetres(const Place& place);

/// Find place (Ctrl+F): type-ahead search of the offline gazetteer, results with country and admin area,
/// ranked near the view centre. Up/Down choose, Enter or a click flies there (FlyToPlace) and closes the
/// box, Escape closes it. Until the gazetteer is loaded it says so; a load error is shown instead.
class PlaceSearchPanel : public Panel {
public:
    static constexpr size_t kMaxResults = 12;

    PlaceSearchPanel() { m_open = false; }
    const char* title() const override { return "Find place"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// The gazetteer to search (shared, read-only); null while it loads.
    void setGazetteer(std::shared_ptr<const Gazetteer> gazetteer);
    /// Why the gazetteer could not be loaded (shown in the box); empty clears it.
    void setLoadError(std::string error) { m_loadError = std::move(error); }
    /// Puts the keyboard focus into the field on the next frame.
    void focusField() { m_focusField = true; }

    const std::string& query() const { return m_query; }
    void setQuery(std::string query) { m_query = std::move(query); }
    /// The hits shown for the current query (best first).
    const std::vector<PlaceHit>& hits() const { return m_hits; }
    int selected() const { return m_selected; }

private:
    void refresh(const UiContext& ctx);
    void fly(const PlaceHit& hit, CommandList& out);

    std::shared_ptr<const Gazetteer> m_gazetteer;
    std::string m_loadError;
    std::string m_query;
    std::string m_searched;  ///< the query m_hits belong to
    bool m_searchedWithGazetteer = false;
    std::vector<PlaceHit> m_hits;
    std::string m_searchError;
    int m_selected = 0;
    bool m_focusField = false;
};

}  // namespace fp
