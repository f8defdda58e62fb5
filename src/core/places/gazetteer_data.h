#pragma once

// Internal to core/places: the flat tables behind a Gazetteer, laid out exactly as its file stores them, so a
// gazetteer file is used in place (memory-mapped) and one built from records in memory looks the same.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/places/place.h"
#include "core/places/place_record.h"
#include "core/util/result.h"

namespace fp {

/// A string of the pool: byte offset and length.
struct StrRef {
    uint32_t offset = 0;
    uint32_t size = 0;
};

/// One place as stored (68 bytes, no padding). Positions are micro-degrees.
struct PlaceRow {
    uint32_t id = 0;
    int32_t lonE6 = 0;
    int32_t latE6 = 0;
    uint32_t population = 0;
    uint32_t firstName = 0;
    uint32_t nameCount = 0;
    char featureClass = 'P';
    uint8_t source = 0;
    char country[2] = {0, 0};
    StrRef featureCode, admin1Code, admin2Code, admin1Name, admin2Name;
};
static_assert(sizeof(PlaceRow) == 68);

/// One name as stored (28 bytes; the padding is written as zeros).
struct NameRow {
    StrRef text, key, lang;
    uint8_t kind = 0;
    uint8_t pad[3] = {0, 0, 0};
};
static_assert(sizeof(NameRow) == 28);

/// A place id and its index, ordered by id.
struct IdRow {
    uint32_t id = 0;
    uint32_t place = 0;
};

/// Cells of the 1-degree grid over places (see PlaceGrid).
inline constexpr int kGridColumns = 360;
inline constexpr int kGridRows = 180;

/// Views of the tables, wherever they live (a mapped file or GazetteerData).
struct GazetteerTables {
    std::span<const char> pool;        ///< every string: texts, search keys, languages, codes, admin names
    std::span<const PlaceRow> places;  ///< in record order
    std::span<const NameRow> names;    ///< each place's names, contiguous, the main name first
    std::span<const uint32_t> byImportance;  ///< place indices, most important first (placeImportance)
    std::span<const uint32_t> rank;          ///< position of each place in byImportance
    std::span<const uint32_t> gridStart;     ///< kGridColumns * kGridRows + 1 offsets into gridItems
    std::span<const uint32_t> gridItems;     ///< place indices by cell, most important first in a cell
    std::span<const IdRow> ids;              ///< by ascending id

    /// The pool's string `r`; empty when `r` lies outside the pool (a damaged file never reads past it).
    std::string_view str(StrRef r) const {
        if (r.offset > pool.size() || r.size > pool.size() - r.offset) return {};
        return {pool.data() + r.offset, r.size};
    }
    /// The Place of row `index` (index < places.size()), its views into the pool.
    Place place(uint32_t index) const;
    /// The names [first, first + count) of a place, clamped to the table.
    std::pair<uint32_t, uint32_t> nameRange(const PlaceRow& row) const;
    PlaceName name(uint32_t index) const;
};

/// Tables owned in memory: what fromRecords() builds and writeGazetteerFile() stores.
struct GazetteerData {
    std::vector<char> pool;
    std::vector<PlaceRow> places;
    std::vector<NameRow> names;
    std::vector<uint32_t> byImportance, rank, gridStart, gridItems;
    std::vector<IdRow> ids;

    GazetteerTables tables() const;
};

/// Tables in a file mapped read-only into memory, and what verifying them needs.
struct MappedGazetteer {
    std::shared_ptr<const void> mapping;  ///< keeps the file mapped
    GazetteerTables tables;
    std::span<const unsigned char> checked;  ///< the bytes the header's CRC-32 covers
    uint32_t crc = 0;
};

/// Maps a gazetteer file and checks its header, section table and the small order and grid tables: the
/// places and names are read on use (bounds-safe) and checked in full by verifyGazetteerTables(). Every
/// failure names `path`.
Result<MappedGazetteer> mapGazetteerFile(const std::string& path);

/// What mapGazetteerFile checks, on the bytes of a whole gazetteer file already in memory (8-byte aligned,
/// outliving the result, whose tables point into them and whose `mapping` is empty). Every failure names
/// `path`.
Result<MappedGazetteer> readGazetteerBytes(std::span<const unsigned char> bytes, const std::string& path);

/// Flattens records into tables, normalising names; duplicate texts of one place are dropped. Fails on
/// invalid records, naming `sourceName` and the record.
Result<GazetteerData> dataFromRecords(const std::vector<PlaceRecord>& records, const std::string& sourceName);

/// Checks every row, reference, order and cell of `t` (and, for a file, the CRC-32 of `mapped`); one pass
/// over everything. UnsupportedFormat naming `source` on the first defect.
Status verifyGazetteerTables(const GazetteerTables& t, const std::string& source,
                             const MappedGazetteer* mapped = nullptr);

}  // namespace fp
