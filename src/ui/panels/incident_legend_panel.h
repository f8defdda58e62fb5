#pragma once

#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model/incident_style_sheet.h"
#include "ui/panel.h"
#include "ui/panels/incident_layer_save.h"
#include "ui/timeline/incident_time_cache.h"

namespace fp {

/// Incidents per category of one store, most frequent first (computed once per store).
struct CategoryCount {
    uint16_t category = 0;  ///< IncidentStore category index
    size_t count = 0;
};
std::vector<CategoryCount> countCategories(const IncidentStore& store);

/// The "Incidents" window: a field to add an incident source, then per incident layer (topmost first) its
/// visibility, name and count, zoom and remove buttons, and the legend: each category's marker, name and
/// count with a checkbox that hides or shows it on the map (SetIncidentStyle::hiddenCategories), plus the
/// uncertainty discs, marker size and opacity. Open from the start: the map's symbols need their key.
/// While the map shows a time window, counts are those in the window ("3 of 12"), from WindowCounts in
/// O(categories × log n) per frame; the order stays that of the totals, so rows do not jump during playback.
class IncidentLegendPanel : public Panel {
public:
    const char* title() const override { return "Incidents"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    void setStyleSheet(std::shared_ptr<const IncidentStyleSheet> sheet) { m_sheet = std::move(sheet); }
    /// Window counts shared with the other panels; without it counts are always totals.
    void setTimeCache(IncidentTimeCache* cache) { m_cache = cache; }
    /// Puts the keyboard focus into the source field on the next frame (File > Add incidents…).
    void focusSourceField() { m_focusSource = true; }
    /// Result of the last AddIncidents this panel asked for: clears the field on success, shows `error`
    /// otherwise.
    void addFinished(const std::string& source, bool ok, const std::string& error);
    const std::string& sourceText() const { return m_source; }
    void setSourceText(std::string text) { m_source = std::move(text); }
    /// Layers whose source the field-mapping dialog can reload: they get a "Map fields…" button
    /// (ShowFieldMapping).
    void setMappableLayers(std::set<uint64_t> ids) { m_mappable = std::move(ids); }
    /// Layers whose rows were geocoded from place names: they get a "Save geocoded copy…" button
    /// (ShowGeocodedCopy).
    void setGeocodedLayers(std::set<uint64_t> ids) { m_geocoded = std::move(ids); }

private:
    void drawLayer(const IncidentLayer& layer, const UiContext& ctx, CommandList& out);
    const std::vector<CategoryCount>& countsFor(const IncidentLayer& layer);

    std::shared_ptr<const IncidentStyleSheet> m_sheet = IncidentStyleSheet::shipped();
    IncidentTimeCache* m_cache = nullptr;
    std::vector<size_t> m_inWindow;  // per category of the layer being drawn
    std::string m_source;
    std::string m_error;
    bool m_focusSource = false;
    std::set<uint64_t> m_mappable;
    std::set<uint64_t> m_geocoded;
    IncidentLayerSaveButtons m_saveButtons;
    struct CachedCounts {
        const IncidentStore* data = nullptr;
        std::vector<CategoryCount> counts;
    };
    std::unordered_map<uint64_t, CachedCounts> m_counts;  // by layer id
};

}  // namespace fp
