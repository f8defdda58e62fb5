#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// The text fields of many rows in one compact buffer, for fields that are read one row at a time (an
/// inspector, a tooltip, a table) and never by the drawing: each row is one record holding only its non-empty
/// fields, and a field whose values repeat (a source's name, a place, an actor) keeps each distinct value
/// once in a dictionary that the records refer to by number. A field that is empty in every row costs
/// nothing, a row one or two bytes plus its distinct text.
///
/// Record layout: a varint bit mask of the non-empty fields, then per such field a varint tag, `length << 1`
/// followed by the bytes, or `code << 1 | 1` for the dictionary's value number `code`. Every kGroup-th
/// record's offset is kept; a row is found by skipping at most kGroup - 1 records from there.
class PackedTextRows {
public:
    static constexpr size_t kFields = 13;
    using Row = std::array<std::string_view, kFields>;

    /// Appends a row (copies its text).
    void append(const Row& fields);
    /// Field `field` of row `row`; the view stays valid while this object lives and is not appended to.
    std::string_view field(size_t row, size_t field) const;
    size_t size() const { return m_rows; }
    /// Room for about `rows` more rows of about `bytes` encoded bytes in total (a hint).
    void reserve(size_t rows, size_t bytes);
    /// Encoded bytes per row so far (0 when empty), to size reserve() from a sample.
    size_t bytesPerRow() const { return m_rows ? m_bytes.size() / m_rows : 0; }
    /// Ends appending: frees the dictionaries' look-up tables and spare capacity.
    void finish();
    /// Heap bytes held (capacity, not size).
    size_t memoryBytes() const;

private:
    static constexpr size_t kGroup = 16;

    /// Distinct values of one field while they repeat enough to be worth a dictionary.
    struct Dictionary {
        std::vector<std::string> values;
        /// Open addressing over `values` (a power of two in size, at most half full): per slot the value's
        /// hash in the high 32 bits and its code + 1 in the low ones, 0 for an empty slot.
        std::vector<uint64_t> slots;
        size_t offered = 0;  // non-empty values appended while open
        bool open = true;
    };

    /// The dictionary code of `value` in field `field`, or UINT32_MAX when it is stored as text.
    uint32_t code(size_t field, std::string_view value);
    /// Byte offset of the record of `row`.
    size_t recordAt(size_t row) const;

    std::string m_bytes;
    std::vector<uint64_t> m_groupStart;  // offset of records 0, kGroup, 2 kGroup, ...
    std::array<Dictionary, kFields> m_dictionaries;
    size_t m_rows = 0;
};

}  // namespace fp
