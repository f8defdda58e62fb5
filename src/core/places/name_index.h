#pragma once

// Internal to core/places: the name index behind Gazetteer::search.
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/places/place.h"

namespace fp {

struct GazetteerTables;

/// A place's name as reached through the index: `word` is false when the term is the whole name, true when
/// it starts at a later word ("mitrovica" of "sremska mitrovica").
struct NameIndexEntry {
    PlaceIndex place = 0;
    uint32_t name = 0;  ///< index into GazetteerData::names
    bool word = false;
};

/// A term of the index that a query reached, with how.
struct TermMatch {
    uint32_t term = 0;
    uint8_t kind = 0;      ///< 0 exact, 1 prefix, 2 fuzzy (whole term), 3 fuzzy prefix
    uint8_t distance = 0;  ///< edit distance for fuzzy kinds
};

/// Sorted unique search terms (every normalised name, and each of its suffixes that starts at a word) with
/// the names they come from, plus a trigram index over the terms for typo-tolerant lookup.
class NameIndex {
public:
    /// Indexes every name of `t` (views into t.pool, which must outlive the index).
    void build(const GazetteerTables& t);

    /// The contiguous range [first, end) of terms equal to or starting with `key`.
    std::pair<uint32_t, uint32_t> prefixRange(std::string_view key) const;
    /// Number of name entries behind the terms [first, end).
    size_t entryCount(std::pair<uint32_t, uint32_t> range) const {
        return m_entryStart[range.second] - m_entryStart[range.first];
    }
    /// Terms equal to or starting with `key`, at most `maxTerms` (in term order).
    void prefixMatches(std::string_view key, size_t maxTerms, std::vector<TermMatch>& out) const;
    /// Terms within `maxDistance` edits (Damerau-Levenshtein, adjacent transpositions) of `key`, whole or
    /// as a prefix. Bounded work: at most `maxTerms` candidate terms are verified.
    void fuzzyMatches(std::string_view key, int maxDistance, size_t maxTerms,
                      std::vector<TermMatch>& out) const;

    std::string_view term(uint32_t t) const { return m_terms[t]; }
    const NameIndexEntry* entriesBegin(uint32_t t) const { return m_entries.data() + m_entryStart[t]; }
    const NameIndexEntry* entriesEnd(uint32_t t) const { return m_entries.data() + m_entryStart[t + 1]; }
    size_t termCount() const { return m_terms.size(); }

private:
    std::vector<std::string_view> m_terms;
    std::vector<uint32_t> m_entryStart;
    std::vector<NameIndexEntry> m_entries;
    std::vector<uint32_t> m_trigramStart;
    std::vector<uint32_t> m_trigramTerms;
};

/// Edit distance between `a` and every prefix of `b` up to |a| + maxDistance characters (optimal string
/// alignment: insert, delete, substitute, swap adjacent). Returns {distance to all of b (maxDistance + 1
/// when larger), smallest distance to a prefix of b}.
std::pair<int, int> boundedEditDistance(std::string_view a, std::string_view b, int maxDistance);

}  // namespace fp
