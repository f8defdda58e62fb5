#include "ui/panels/coding_review.h"

#include <time.h>

#include <chrono>
#include <cstdio>

#include "core/extract/place_finder.h"

namespace fp {

namespace {

double threadCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

}  // namespace

CodingReview::~CodingReview() {
    // The worker reads the article and the gazetteer it holds shares; let it finish rather than leave it.
    if (m_running.valid()) m_running.wait();
}

Status CodingReview::start(ArticleText article, DayNumber published) {
    if (!m_gazetteer)
        return makeError(ErrorCode::InvalidArgument, article.name, "the gazetteer is still loading");
    if (m_running.valid())
        return makeError(ErrorCode::InvalidArgument, article.name, "the last text is still being coded");
    m_article = std::make_shared<const ArticleText>(std::move(article));
    m_published = published;
    m_items.clear();
    m_unresolved.clear();
    m_lastAdded.clear();
    m_hasResult = false;
    ExtractOptions options;
    options.published = published;
    options.gazetteer = m_gazetteer;
    m_running = std::async(std::launch::async, [article = m_article, options] {
        // CPU time of this thread: what the coding costs, whatever else the machine does.
        const double before = threadCpuSeconds();
        Extraction x = extractIncidents(*article, options);
        return std::pair{std::move(x), threadCpuSeconds() - before};
    });
    return {};
}

bool CodingReview::poll() {
    if (!m_running.valid() || m_running.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return false;
    auto [x, seconds] = m_running.get();
    m_lastRunSeconds = seconds;
    for (IncidentProposal& p : x.incidents) m_items.push_back({p, p, ReviewDecision::Pending});
    m_unresolved = std::move(x.unresolved);
    m_hasResult = true;
    ++m_generation;
    return true;
}

void CodingReview::wait() {
    if (m_running.valid()) m_running.wait();
    poll();
}

void CodingReview::decide(size_t item, ReviewDecision decision) {
    ReviewItem& it = m_items.at(item);
    // What was sent to a layer stays there (Edit > Undo takes it back out).
    if (it.decision != ReviewDecision::Added) it.decision = decision;
}

Status CodingReview::resolvePlace(size_t item, const std::string& name) {
    IncidentProposal& p = m_items.at(item).edited;
    if (!m_gazetteer) return makeError(ErrorCode::InvalidArgument, name, "the gazetteer is still loading");
    PlaceSearchOptions options;
    options.limit = 1;
    options.fuzzy = false;
    if (isValidLonLat(p.location)) options.near = p.location;
    auto hits = m_gazetteer->search(name, options);
    if (!hits)
        return makeError(ErrorCode::InvalidArgument, name, "is not a place name: " + hits.error().message);
    if (hits.value().empty()) return makeError(ErrorCode::NotFound, name, "no place of that name is known");
    const Place place = m_gazetteer->place(hits.value().front().place);
    p.place = std::string(place.name);
    p.location = place.position;
    p.adminAreas = placeAdminAreas(place);
    // Never finer than the place itself: a district named is a district, whatever was chosen before.
    p.locationPrecision = std::max(p.locationPrecision, placePrecision(place));
    return {};
}

Status CodingReview::setDays(size_t item, DayNumber first, DayNumber last) {
    if (last < first)
        return makeError(ErrorCode::InvalidArgument, formatDay(last), "is before " + formatDay(first));
    IncidentProposal& p = m_items.at(item).edited;
    p.first = first;
    p.last = last;
    return {};
}

size_t CodingReview::acceptedCount() const {
    size_t n = 0;
    for (const ReviewItem& it : m_items) n += it.decision == ReviewDecision::Accepted;
    return n;
}

std::optional<AddCodedIncidents> CodingReview::takeAccepted(uint64_t layerId) {
    AddCodedIncidents add;
    add.layerId = layerId;
    m_lastAdded.clear();
    for (size_t i = 0; i < m_items.size(); ++i) {
        ReviewItem& it = m_items[i];
        if (it.decision != ReviewDecision::Accepted) continue;
        add.incidents.push_back(codedIncident(it.edited, m_article->name, m_published));
        it.decision = ReviewDecision::Added;
        m_lastAdded.push_back(i);
    }
    if (add.incidents.empty()) return std::nullopt;
    return add;
}

void CodingReview::addFailed() {
    for (size_t i : m_lastAdded)
        if (i < m_items.size() && m_items[i].decision == ReviewDecision::Added)
            m_items[i].decision = ReviewDecision::Accepted;
    m_lastAdded.clear();
}

Incident codedIncident(const IncidentProposal& proposal, const std::string& articleName,
                       DayNumber published) {
    Incident inc = toIncident(proposal, articleName, published);
    inc.tags.push_back("reviewed");
    return inc;
}

std::optional<DayNumber> parseDayField(const std::string& text) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
        !isValidDate(y, m, d))
        return std::nullopt;
    return dayNumber(y, m, d);
}

}  // namespace fp
