#include "core/model/packed_text.h"

namespace fp {

namespace {

/// A dictionary stays open while it holds fewer values than this...
constexpr size_t kMaxDictionaryValues = size_t{1} << 16;
/// ...and, once this many values were offered to it, while at most half of them were new.
constexpr size_t kDictionaryTrial = 1024;

void putVarint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}

uint64_t getVarint(const char*& p) {
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
        const auto byte = static_cast<uint8_t>(*p++);
        v |= static_cast<uint64_t>(byte & 0x7f) << shift;
        if (byte < 0x80) return v;
    }
}

}  // namespace

uint32_t PackedTextRows::code(size_t field, std::string_view value) {
    Dictionary& d = m_dictionaries[field];
    if (!d.open) return UINT32_MAX;
    ++d.offered;
    const auto hash = static_cast<uint32_t>(std::hash<std::string_view>{}(value) >> 32);
    if (d.slots.empty()) d.slots.assign(64, 0);
    const size_t mask = d.slots.size() - 1;
    size_t at = hash & mask;
    for (; d.slots[at] != 0; at = (at + 1) & mask) {
        const uint64_t slot = d.slots[at];
        if (slot >> 32 == hash && d.values[(slot & 0xffffffffu) - 1] == value)
            return static_cast<uint32_t>((slot & 0xffffffffu) - 1);
    }
    const bool full = d.values.size() >= kMaxDictionaryValues;
    const bool unrepeated = d.offered >= kDictionaryTrial && d.values.size() * 2 > d.offered;
    if (full || unrepeated) {
        // Mostly distinct values (ids, free text) are cheaper as text; the codes given so far stay valid.
        d.open = false;
        d.slots = std::vector<uint64_t>();  // frees it (= {} keeps the capacity)
        return UINT32_MAX;
    }
    const auto next = static_cast<uint32_t>(d.values.size());
    d.values.emplace_back(value);
    d.slots[at] = uint64_t{hash} << 32 | (next + 1);
    if (d.values.size() * 2 > d.slots.size()) {
        // Grow: every value goes to its slot in a table twice the size.
        std::vector<uint64_t> grown(d.slots.size() * 2, 0);
        const size_t grownMask = grown.size() - 1;
        for (uint64_t slot : d.slots) {
            if (slot == 0) continue;
            size_t to = (slot >> 32) & grownMask;
            while (grown[to] != 0) to = (to + 1) & grownMask;
            grown[to] = slot;
        }
        d.slots = std::move(grown);
    }
    return next;
}

void PackedTextRows::append(const Row& fields) {
    if (m_rows % kGroup == 0) m_groupStart.push_back(m_bytes.size());
    ++m_rows;
    uint64_t mask = 0;
    for (size_t k = 0; k < kFields; ++k)
        if (!fields[k].empty()) mask |= uint64_t{1} << k;
    putVarint(m_bytes, mask);
    for (size_t k = 0; k < kFields; ++k) {
        if (fields[k].empty()) continue;
        if (const uint32_t c = code(k, fields[k]); c != UINT32_MAX) {
            putVarint(m_bytes, uint64_t{c} << 1 | 1);
        } else {
            putVarint(m_bytes, uint64_t{fields[k].size()} << 1);
            m_bytes.append(fields[k]);
        }
    }
}

size_t PackedTextRows::recordAt(size_t row) const {
    const char* p = m_bytes.data() + m_groupStart[row / kGroup];
    for (size_t skip = row % kGroup; skip > 0; --skip) {
        for (uint64_t mask = getVarint(p); mask != 0; mask &= mask - 1) {
            const uint64_t tag = getVarint(p);
            if ((tag & 1) == 0) p += tag >> 1;
        }
    }
    return static_cast<size_t>(p - m_bytes.data());
}

std::string_view PackedTextRows::field(size_t row, size_t field) const {
    const char* p = m_bytes.data() + recordAt(row);
    const uint64_t mask = getVarint(p);
    if ((mask >> field & 1) == 0) return {};
    for (size_t k = 0; k < field; ++k) {
        if ((mask >> k & 1) == 0) continue;
        const uint64_t tag = getVarint(p);
        if ((tag & 1) == 0) p += tag >> 1;
    }
    const uint64_t tag = getVarint(p);
    if (tag & 1) return m_dictionaries[field].values[tag >> 1];
    return {p, static_cast<size_t>(tag >> 1)};
}

void PackedTextRows::reserve(size_t rows, size_t bytes) {
    m_groupStart.reserve(m_groupStart.size() + rows / kGroup + 1);
    m_bytes.reserve(m_bytes.size() + bytes);
}

void PackedTextRows::finish() {
    for (Dictionary& d : m_dictionaries) {
        d.slots = std::vector<uint64_t>();  // frees it (= {} keeps the capacity)
        d.values.shrink_to_fit();
    }
    // Copying a large buffer to save a few per cent is not worth it.
    if (m_bytes.capacity() - m_bytes.size() > m_bytes.size() / 16) m_bytes.shrink_to_fit();
    m_groupStart.shrink_to_fit();
}

size_t PackedTextRows::memoryBytes() const {
    size_t bytes = m_bytes.capacity() + m_groupStart.capacity() * sizeof(uint64_t);
    for (const Dictionary& d : m_dictionaries) {
        bytes += d.values.capacity() * sizeof(std::string);
        for (const std::string& v : d.values) bytes += v.capacity() > 15 ? v.capacity() + 1 : 0;
        bytes += d.slots.capacity() * sizeof(uint64_t);
    }
    return bytes;
}

}  // namespace fp
