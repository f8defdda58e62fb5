#include "ui/panels/geocode_review_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/proj/geodesic.h"
#include "core/util/text.h"
#include "ui/widgets.h"

namespace fp {

namespace {

const char* plural(size_t n, const char* one, const char* many) {
    return n == 1 ? one : many;
}

std::string rowLabel(const PendingGeocodeRow& row) {
    return "row " + std::to_string(row.row) + " '" + row.query.name + "'";
}

}  // namespace

std::string geocodeHeldReason(const PendingGeocodeRow& row) {
    std::string why;
    if (row.result.outcome == GeocodeOutcome::Ambiguous) {
        const size_t n = std::max(row.result.candidateCount, row.result.candidates.size());
        why = "ambiguous: " + std::to_string(n) + plural(n, " candidate", " candidates");
    } else {
        why = "unmatched";
    }
    return row.skipped ? "skipped (" + why + ")" : why;
}

std::string geocodeContext(const GeocodeQuery& query) {
    std::string text = query.country;
    for (const std::string& admin : query.admin) {
        if (admin.empty()) continue;
        text += (text.empty() ? "" : ", ") + admin;
    }
    return text.empty() ? "no country or admin area given" : text;
}

void GeocodeReviewPanel::refresh(const GeocodeReviews& reviews) {
    m_newLayers.clear();
    if (m_reviews == &reviews && m_generation == reviews.generation()) return;
    m_reviews = &reviews;
    m_generation = reviews.generation();

    const size_t before = m_counts.all();
    m_counts = {};
    std::vector<uint64_t> listed;
    for (const LayerGeocodeReview& layer : reviews.layers()) {
        size_t awaiting = 0;
        for (const PendingGeocodeRow& row : layer.summary.pending) {
            if (row.skipped)
                ++m_counts.skipped;
            else if (row.result.outcome == GeocodeOutcome::Ambiguous)
                ++m_counts.ambiguous, ++awaiting;
            else
                ++m_counts.unmatched, ++awaiting;
        }
        listed.push_back(layer.layerId);
        const bool known =
            std::find(m_listedLayers.begin(), m_listedLayers.end(), layer.layerId) != m_listedLayers.end();
        if (!known && awaiting > 0) m_newLayers.push_back(layer.layerId);
    }
    m_listedLayers = std::move(listed);
    // The last row decided: nothing is left to review, so the window gives the map back.
    if (before > 0 && m_counts.all() == 0) m_open = false;
    if (m_pick && !find(*m_pick)) m_pick.reset();
    rebuild();
}

bool GeocodeReviewPanel::passes(const PendingGeocodeRow& row) const {
    switch (m_filter) {
        case GeocodeReviewFilter::All:
            return true;
        case GeocodeReviewFilter::Ambiguous:
            return !row.skipped && row.result.outcome == GeocodeOutcome::Ambiguous;
        case GeocodeReviewFilter::Unmatched:
            return !row.skipped && row.result.outcome != GeocodeOutcome::Ambiguous;
        case GeocodeReviewFilter::Skipped:
            return row.skipped;
    }
    return true;
}

void GeocodeReviewPanel::rebuild() {
    // The selection stays on its row; once that row is resolved, on the row that took its place.
    const size_t previousIndex = m_selectedIndex;
    m_visible.clear();
    bool found = false;
    if (m_reviews) {
        const auto& layers = m_reviews->layers();
        for (size_t l = 0; l < layers.size(); ++l)
            for (size_t r = 0; r < layers[l].summary.pending.size(); ++r) {
                const PendingGeocodeRow& row = layers[l].summary.pending[r];
                if (!passes(row)) continue;
                if (m_selected && !found && m_selected->layerId == layers[l].layerId &&
                    m_selected->source == row.source && m_selected->row == row.row &&
                    m_selected->name == row.query.name) {
                    m_selectedIndex = m_visible.size();
                    found = true;
                }
                m_visible.push_back({l, r});
            }
    }
    if (m_visible.empty()) {
        m_selected.reset();
        return;
    }
    if (!found) {
        m_selectedIndex = m_selected ? std::min(previousIndex, m_visible.size() - 1) : 0;
        const Entry& e = m_visible[m_selectedIndex];
        const LayerGeocodeReview& layer = m_reviews->layers()[e.layer];
        const PendingGeocodeRow& row = layer.summary.pending[e.row];
        m_selected = GeocodeRowKey{layer.layerId, row.source, row.row, row.query.name};
        m_scrollToSelected = true;
    }
}

const PendingGeocodeRow* GeocodeReviewPanel::find(const GeocodeRowKey& key, uint64_t* layerId) const {
    if (!m_reviews) return nullptr;
    for (const LayerGeocodeReview& layer : m_reviews->layers()) {
        if (layer.layerId != key.layerId) continue;
        for (const PendingGeocodeRow& row : layer.summary.pending)
            if (row.source == key.source && row.row == key.row && row.query.name == key.name) {
                if (layerId) *layerId = layer.layerId;
                return &row;
            }
    }
    return nullptr;
}

void GeocodeReviewPanel::setFilter(GeocodeReviewFilter filter) {
    if (filter == m_filter) return;
    m_filter = filter;
    rebuild();
}

bool GeocodeReviewPanel::select(uint64_t layerId, int64_t row) {
    if (m_reviews && m_reviews->generation() != m_generation) refresh(*m_reviews);
    for (size_t i = 0; i < m_visible.size(); ++i) {
        const LayerGeocodeReview& layer = m_reviews->layers()[m_visible[i].layer];
        const PendingGeocodeRow& r = layer.summary.pending[m_visible[i].row];
        if (layer.layerId != layerId || r.row != row) continue;
        m_selectedIndex = i;
        m_selected = GeocodeRowKey{layerId, r.source, r.row, r.query.name};
        m_scrollToSelected = true;
        return true;
    }
    return false;
}

void GeocodeReviewPanel::startPick() {
    if (m_selected) m_pick = m_selected;
}

std::string GeocodeReviewPanel::pickHint() const {
    if (!m_pick) return {};
    return "Click the map to place row " + std::to_string(m_pick->row) + " '" + m_pick->name +
           "' \xE2\x80\x94 Esc cancels";
}

Status GeocodeReviewPanel::placeAt(const MapState& state, ScreenXY screen, CommandList& out) {
    refresh(state.geocodeReviews());
    if (!m_pick) return {};
    uint64_t layerId = 0;
    const PendingGeocodeRow* row = find(*m_pick, &layerId);
    if (!row) {
        const GeocodeRowKey gone = *m_pick;
        m_pick.reset();
        return makeError(
            ErrorCode::NotFound, gone.source,
            "row " + std::to_string(gone.row) + " '" + gone.name + "' is no longer held for review");
    }
    const LonLat at = state.projection().unproject(state.view().toMap(screen));
    if (!isValidLonLat(at) || !std::isfinite(at.lon) || !std::isfinite(at.lat))
        return makeError(
            ErrorCode::ProjectionFailed, rowLabel(*row),
            "that point lies outside the area the map CRS covers: click inside it, or press Esc");
    emit(*row, layerId, choiceForMapPoint(*row, at), out);
    m_pick.reset();
    return {};
}

std::string GeocodeReviewPanel::statusHint() const {
    if (m_pick) return pickHint();
    const size_t n = m_counts.awaiting();
    if (n == 0) return {};
    return std::to_string(n) + (n == 1 ? " row awaits" : " rows await") + " geocoding review";
}

void GeocodeReviewPanel::emit(const PendingGeocodeRow& row, uint64_t layerId, GeocodeChoice choice,
                              CommandList& out) {
    if (choice.kind != GeocodeChoice::Kind::Skip) {
        // A handful at most: each is looked up once its command was applied.
        if (m_emitted.size() >= 16) m_emitted.erase(m_emitted.begin());
        m_emitted.push_back({layerId, choice, row.incident.start.seconds, row.incident.id});
    }
    out.push_back(ResolveGeocode{layerId, std::move(choice)});
}

IncidentRef GeocodeReviewPanel::placedIncident(const MapState& state, const ResolveGeocode& resolve) {
    const auto it = std::find_if(m_emitted.begin(), m_emitted.end(), [&](const Emitted& e) {
        return e.layerId == resolve.layerId && e.choice == resolve.choice;
    });
    if (it == m_emitted.end()) return {};
    const Emitted emitted = *it;
    m_emitted.erase(it);
    for (const IncidentLayer& layer : state.scene().incidentLayers) {
        if (layer.id != emitted.layerId || !layer.data) continue;
        const IncidentStore& store = *layer.data;
        // The store is sorted by start (stably, the added incident after the others of its start).
        const auto& start = store.startSeconds();
        const auto range = std::equal_range(start.begin(), start.end(), emitted.startSeconds);
        for (auto at = range.second; at != range.first;) {
            const auto i = static_cast<size_t>(--at - start.begin());
            if (store.lon()[i] == emitted.choice.position.lon &&
                store.lat()[i] == emitted.choice.position.lat && store.id(i) == emitted.id)
                return {layer.id, static_cast<uint32_t>(i)};
        }
    }
    return {};
}

}  // namespace fp
