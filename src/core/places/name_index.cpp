#include "core/places/name_index.h"

#include <algorithm>

#include "core/places/gazetteer_data.h"

namespace fp {

namespace {

constexpr uint32_t kSymbols = 37;  // space, a-z, 0-9: all a normalised key holds
constexpr uint32_t kTrigramCount = kSymbols * kSymbols * kSymbols;

uint32_t symbol(char c) {
    if (c >= 'a' && c <= 'z') return static_cast<uint32_t>(c - 'a') + 1;
    if (c >= '0' && c <= '9') return static_cast<uint32_t>(c - '0') + 27;
    return 0;
}

/// Appends the distinct trigram codes of " " + term (anchored at the start, open at the end, so prefixes
/// share them) to `out`.
void appendTrigrams(std::string_view term, std::vector<uint32_t>& out) {
    const size_t first = out.size();
    auto add = [&](uint32_t code) {
        for (size_t i = first; i < out.size(); ++i)
            if (out[i] == code) return;  // terms are short: a linear check beats sorting
        out.push_back(code);
    };
    uint32_t a = 0, b = symbol(term.empty() ? ' ' : term[0]);
    for (size_t i = 1; i < term.size(); ++i) {
        const uint32_t c = symbol(term[i]);
        add((a * kSymbols + b) * kSymbols + c);
        a = b;
        b = c;
    }
    if (term.size() == 1) add(b * kSymbols);  // a one-letter term still gets one code
}

void trigrams(std::string_view term, std::vector<uint32_t>& out) {
    out.clear();
    appendTrigrams(term, out);
}

/// The first 8 bytes as a big-endian number: ordering by it orders by those bytes like string compare.
uint64_t head(std::string_view s) {
    uint64_t h = 0;
    for (size_t i = 0; i < 8; ++i) h = (h << 8) | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0u);
    return h;
}

}  // namespace

std::pair<int, int> boundedEditDistance(std::string_view a, std::string_view b, int maxDistance) {
    // Rows live on the stack: this runs thousands of times per typo query. Only the band |i - j| <=
    // maxDistance is computed: a cell outside it is more than maxDistance, and every cell is kept at most
    // `over` (the smallest of over and its true value, as the recurrence only adds and takes minima), which
    // is what the results report anyway.
    constexpr int kMaxLen = 96;
    const int over = maxDistance + 1;
    const int n = static_cast<int>(a.size());
    const int m = std::min(static_cast<int>(b.size()), n + maxDistance);
    if (n >= kMaxLen || m >= kMaxLen || maxDistance < 0) return {over, over};
    int rows[3][kMaxLen];
    int* prev2 = rows[0];
    int* prev = rows[1];
    int* cur = rows[2];
    for (int j = 0; j <= m; ++j) prev2[j] = cur[j] = over;
    for (int j = 0; j <= m; ++j) prev[j] = std::min(j, over);
    for (int i = 1; i <= n; ++i) {
        const int lo = std::max(1, i - maxDistance), hi = std::min(m, i + maxDistance);
        // This row's buffer last held row i - 3: clear what that row's band left of this one's.
        for (int j = std::max(1, i - 3 - maxDistance); j < lo && j <= m; ++j) cur[j] = over;
        cur[0] = std::min(i, over);
        int rowMin = cur[0];
        for (int j = lo; j <= hi; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = std::min(v, prev2[j - 2] + 1);
            cur[j] = std::min(v, over);
            rowMin = std::min(rowMin, cur[j]);
        }
        if (rowMin > maxDistance) return {over, over};
        int* spare = prev2;
        prev2 = prev;
        prev = cur;
        cur = spare;
    }
    // prev now holds the distances from all of a to each prefix b[0, j).
    int best = over;
    for (int j = std::max(0, n - maxDistance); j <= m; ++j) best = std::min(best, prev[j]);
    const int whole = static_cast<int>(b.size()) <= m ? std::min(prev[b.size()], over) : over;
    return {whole, std::min(best, over)};
}

void NameIndex::build(const GazetteerTables& t) {
    struct Raw {
        uint64_t head;
        std::string_view term;
        NameIndexEntry entry;
    };
    std::vector<Raw> raw;
    raw.reserve(t.names.size() * 2);
    for (PlaceIndex p = 0; p < t.places.size(); ++p) {
        const auto [first, end] = t.nameRange(t.places[p]);
        for (uint32_t n = first; n < end; ++n) {
            const std::string_view key = t.str(t.names[n].key);
            bool seen = false;
            for (uint32_t k = first; k < n && !seen; ++k) seen = t.str(t.names[k].key) == key;
            if (seen || key.empty()) continue;
            raw.push_back({head(key), key, {p, n, false}});
            for (size_t i = 1; i < key.size(); ++i)
                if (key[i - 1] == ' ') raw.push_back({head(key.substr(i)), key.substr(i), {p, n, true}});
        }
    }
    std::sort(raw.begin(), raw.end(), [](const Raw& x, const Raw& y) {
        return x.head != y.head ? x.head < y.head : x.term < y.term;
    });
    m_terms.clear();
    m_entryStart.clear();
    m_entries.clear();
    m_entries.reserve(raw.size());
    for (const Raw& r : raw) {
        if (m_terms.empty() || m_terms.back() != r.term) {
            m_terms.push_back(r.term);
            m_entryStart.push_back(static_cast<uint32_t>(m_entries.size()));
        }
        m_entries.push_back(r.entry);
    }
    m_entryStart.push_back(static_cast<uint32_t>(m_entries.size()));

    m_trigramStart.assign(kTrigramCount + 1, 0);
    std::vector<uint32_t> codes;
    std::vector<uint32_t> codeEnd(m_terms.size());
    codes.reserve(m_terms.size() * 10);
    for (uint32_t t = 0; t < m_terms.size(); ++t) {
        appendTrigrams(m_terms[t], codes);
        codeEnd[t] = static_cast<uint32_t>(codes.size());
    }
    for (uint32_t c : codes) ++m_trigramStart[c + 1];
    for (uint32_t c = 0; c < kTrigramCount; ++c) m_trigramStart[c + 1] += m_trigramStart[c];
    m_trigramTerms.resize(codes.size());
    std::vector<uint32_t> fill(m_trigramStart.begin(), m_trigramStart.end() - 1);
    // Terms go into the lists shortest first, so each list is ordered by term length and a fuzzy lookup can
    // binary-search the lengths it needs.
    std::vector<uint32_t> byLength(m_terms.size());
    for (uint32_t t = 0; t < m_terms.size(); ++t) byLength[t] = t;
    std::stable_sort(byLength.begin(), byLength.end(),
                     [&](uint32_t a, uint32_t b) { return m_terms[a].size() < m_terms[b].size(); });
    for (uint32_t t : byLength)
        for (uint32_t i = t ? codeEnd[t - 1] : 0; i < codeEnd[t]; ++i) m_trigramTerms[fill[codes[i]]++] = t;
}

std::pair<uint32_t, uint32_t> NameIndex::prefixRange(std::string_view key) const {
    const auto first = std::lower_bound(m_terms.begin(), m_terms.end(), key);
    // Past every term starting with key: the first term not below key + a byte above 'z'.
    const std::string upper = std::string(key) + '\x7f';
    const auto end = std::lower_bound(first, m_terms.end(), std::string_view(upper));
    return {static_cast<uint32_t>(first - m_terms.begin()), static_cast<uint32_t>(end - m_terms.begin())};
}

void NameIndex::prefixMatches(std::string_view key, size_t maxTerms, std::vector<TermMatch>& out) const {
    const auto [first, end] = prefixRange(key);
    for (uint32_t t = first; t < end && t - first < maxTerms; ++t)
        out.push_back({t, static_cast<uint8_t>(m_terms[t] == key ? 0 : 1), 0});
}

void NameIndex::fuzzyMatches(std::string_view key, int maxDistance, size_t maxTerms,
                             std::vector<TermMatch>& out) const {
    if (key.size() < 2 || maxDistance <= 0 || m_terms.empty()) return;
    const size_t len = key.size();
    const size_t d = static_cast<size_t>(maxDistance);

    // Whole names: terms of length len +- d that share enough trigrams of the key. Each edit breaks at most
    // 3 trigrams (4 for a swap of neighbours); the lists are ordered by term length, so only the slice of
    // those lengths is read.
    std::vector<uint32_t> codes;
    trigrams(key, codes);
    const int need = std::max(1, static_cast<int>(codes.size()) - 4 * maxDistance);
    // Shared-trigram counts per term; thread_local so concurrent searches do not share it, reset after use.
    thread_local std::vector<uint8_t> counts;
    if (counts.size() < m_terms.size()) counts.assign(m_terms.size(), 0);
    std::vector<uint32_t> touched, whole;
    auto shorter = [&](uint32_t t, size_t l) { return m_terms[t].size() < l; };
    for (uint32_t c : codes) {
        const uint32_t* begin = m_trigramTerms.data() + m_trigramStart[c];
        const uint32_t* end = m_trigramTerms.data() + m_trigramStart[c + 1];
        const uint32_t* from = std::lower_bound(begin, end, len > d ? len - d : 0, shorter);
        const uint32_t* to = std::lower_bound(from, end, len + d + 1, shorter);
        for (const uint32_t* i = from; i != to; ++i) {
            if (counts[*i] == 0) touched.push_back(*i);
            if (counts[*i] < 255 && ++counts[*i] == need) whole.push_back(*i);
        }
    }
    if (whole.size() > maxTerms) {
        std::nth_element(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(maxTerms), whole.end(),
                         [&](uint32_t x, uint32_t y) { return counts[x] > counts[y]; });
        whole.resize(maxTerms);
    }
    for (uint32_t t : touched) counts[t] = 0;
    for (uint32_t t : whole) {
        if (m_terms[t] == key) continue;
        const int w = boundedEditDistance(key, m_terms[t], maxDistance).first;
        if (w <= maxDistance) out.push_back({t, 2, static_cast<uint8_t>(w)});
    }

    // Longer names whose start is within d edits of the key (type-ahead with a typo): typists get the first
    // letters right far more often, so only names sharing the key's first 3 letters (2 for short keys) are
    // read, a contiguous range of the sorted terms.
    if (len < 4) return;
    const std::string_view stem = key.substr(0, len >= 6 ? 3 : 2);
    auto it = std::lower_bound(m_terms.begin(), m_terms.end(), stem);
    for (size_t read = 0; it != m_terms.end() && it->starts_with(stem) && read < maxTerms * 8; ++it, ++read) {
        if (it->size() <= len) continue;
        const auto [w, p] = boundedEditDistance(key, *it, maxDistance);
        if (w > maxDistance && p > 0 && p <= maxDistance)
            out.push_back({static_cast<uint32_t>(it - m_terms.begin()), 3, static_cast<uint8_t>(p)});
    }
}

}  // namespace fp
