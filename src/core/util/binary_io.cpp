#include "core/util/binary_io.h"

namespace fp {

namespace {
constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;

uint64_t mix(uint64_t h) {
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    return h;
}
}  // namespace

uint64_t hash64(std::string_view bytes, uint64_t seed) {
    // Eight bytes a step: a few GB/s, enough to fingerprint a source file before trusting a cache entry.
    uint64_t h = mix(seed ^ (bytes.size() * kMul));
    size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        uint64_t w;
        std::memcpy(&w, bytes.data() + i, 8);
        h = (h ^ mix(w)) * kMul;
    }
    uint64_t tail = 0;
    if (bytes.size() > i) std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
    h = (h ^ mix(tail ^ (bytes.size() - i))) * kMul;
    return mix(h);
}

std::string hex64(uint64_t value) {
    static const char* digits = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, value >>= 4) s[static_cast<size_t>(i)] = digits[value & 15];
    return s;
}

}  // namespace fp
