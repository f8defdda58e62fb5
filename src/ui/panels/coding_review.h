#pragma once

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/extract/extractor.h"
#include "core/util/result.h"
#include "ui/commands.h"

namespace fp {

/// What the user decided about a proposed incident.
enum class ReviewDecision : uint8_t {
    Pending,   ///< not decided yet
    Accepted,  ///< to be added with the next "Add accepted"
    Rejected,  ///< never added
    Added,     ///< sent to a layer already (AddCodedIncidents emitted)
};

/// One proposal under review: as the extractor proposed it and as the user edited it.
struct ReviewItem {
    IncidentProposal proposed;  ///< untouched: its sentence and evidence spans index the article text
    IncidentProposal edited;    ///< what is added: title, category, place, location, dates and precisions
    ReviewDecision decision = ReviewDecision::Pending;
};

/// The model behind File > "Code incidents from text…": one article, the extractor's proposals for it and
/// the user's decision and edits for each, with no ImGui in it (CodeIncidentsPanel draws it). The
/// extraction runs on a worker thread (start), its result is picked up by poll() in a later frame.
class CodingReview {
public:
    CodingReview() = default;
    ~CodingReview();
    CodingReview(const CodingReview&) = delete;
    CodingReview& operator=(const CodingReview&) = delete;

    /// The gazetteer places are resolved through (shared, read-only); null while it loads.
    void setGazetteer(std::shared_ptr<const Gazetteer> gazetteer) { m_gazetteer = std::move(gazetteer); }
    bool hasGazetteer() const { return m_gazetteer != nullptr; }

    /// Starts coding `article` (reduced text) published on `published` on a worker thread; the article's
    /// name is the incidents' source ("story.html", "pasted text"). Earlier proposals are dropped.
    /// InvalidArgument while the gazetteer is not loaded or a run is still going.
    Status start(ArticleText article, DayNumber published);
    /// Takes the worker's result once it is ready; true when new proposals arrived (this frame).
    bool poll();
    /// Blocks until the running extraction is done, then poll()s (tests, shutdown).
    void wait();
    bool running() const { return m_running.valid(); }
    /// CPU seconds the last extraction took (0 before one finished).
    double lastRunSeconds() const { return m_lastRunSeconds; }

    /// The article the proposals index into (empty before the first start).
    const ArticleText& article() const { return *m_article; }
    bool hasResult() const { return m_hasResult; }
    /// Counts the results taken by poll(): a viewer compares it with the last one it showed.
    uint64_t resultGeneration() const { return m_generation; }
    DayNumber published() const { return m_published; }
    const std::vector<ReviewItem>& items() const { return m_items; }
    const std::vector<UnresolvedMention>& unresolved() const { return m_unresolved; }

    void decide(size_t item, ReviewDecision decision);
    /// The proposal as edited; change it through this, then the next acceptedCommand() carries the edit.
    IncidentProposal& edit(size_t item) { return m_items.at(item).edited; }
    /// Puts the item's edits back to the proposal.
    void revert(size_t item) { m_items.at(item).edited = m_items.at(item).proposed; }
    /// Re-resolves the item's place from `name` through the gazetteer (the hit nearest its current place
    /// wins): name, location, admin areas, and a location precision no finer than the place allows (a
    /// district stays region-level). NotFound naming `name` when no place matches.
    Status resolvePlace(size_t item, const std::string& name);
    /// Sets the item's days (inclusive). InvalidArgument when `last` is before `first`.
    Status setDays(size_t item, DayNumber first, DayNumber last);

    /// How many items are Accepted (not yet added).
    size_t acceptedCount() const;
    /// The command adding every Accepted item (as edited) to incident layer `layerId` (0: a new "Coded
    /// incidents" layer), with the sentence and the article as provenance; the items become Added. nullopt
    /// when none is Accepted.
    std::optional<AddCodedIncidents> takeAccepted(uint64_t layerId);
    /// The command failed: the items it held are Accepted again.
    void addFailed();

private:
    std::shared_ptr<const Gazetteer> m_gazetteer;
    std::shared_ptr<const ArticleText> m_article = std::make_shared<const ArticleText>();
    DayNumber m_published = 0;
    std::future<std::pair<Extraction, double>> m_running;
    bool m_hasResult = false;
    uint64_t m_generation = 0;
    double m_lastRunSeconds = 0.0;
    std::vector<ReviewItem> m_items;
    std::vector<UnresolvedMention> m_unresolved;
    std::vector<size_t> m_lastAdded;  // items of the last takeAccepted, for addFailed
};

/// The incident a reviewed proposal becomes: the extractor's native incident (toIncident) with the sentence
/// as its description and `articleName` (a file name or "pasted text") as its source, tagged "extracted"
/// and "reviewed".
Incident codedIncident(const IncidentProposal& proposal, const std::string& articleName, DayNumber published);

/// A day typed as YYYY-MM-DD; nullopt when it is not one.
std::optional<DayNumber> parseDayField(const std::string& text);

}  // namespace fp
