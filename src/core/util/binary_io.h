#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace fp {

/// 64-bit hash of `bytes` (not cryptographic): for cache keys and checksums of files this program wrote.
uint64_t hash64(std::string_view bytes, uint64_t seed = 0);

/// `value` as 16 lowercase hex digits.
std::string hex64(uint64_t value);

/// Appends values to a byte string in the machine's own layout: for caches that only the build that wrote
/// them reads back (their keys hold the program's build id), never for files exchanged between machines.
class ByteWriter {
public:
    template <class T>
    void put(const T& value) {
        static_assert(std::is_trivially_copyable_v<T>);
        m_bytes.append(reinterpret_cast<const char*>(&value), sizeof(T));
    }
    template <class T>
    void putVector(const std::vector<T>& values) {
        static_assert(std::is_trivially_copyable_v<T>);
        put<uint64_t>(values.size());
        m_bytes.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
    }
    void putString(std::string_view s) {
        put<uint64_t>(s.size());
        m_bytes.append(s);
    }
    void putStrings(const std::vector<std::string>& strings) {
        put<uint64_t>(strings.size());
        for (const auto& s : strings) putString(s);
    }
    const std::string& bytes() const { return m_bytes; }

private:
    std::string m_bytes;
};

/// Reads back what a ByteWriter wrote; every get fails (returns false, and keeps failing) instead of reading
/// past the end, so a truncated or foreign file is refused, never trusted.
class ByteReader {
public:
    explicit ByteReader(std::string_view bytes) : m_bytes(bytes) {}
    template <class T>
    bool get(T& value) {
        static_assert(std::is_trivially_copyable_v<T>);
        if (!take(sizeof(T))) return false;
        std::memcpy(&value, m_bytes.data() + m_pos - sizeof(T), sizeof(T));
        return true;
    }
    template <class T>
    bool getVector(std::vector<T>& values) {
        static_assert(std::is_trivially_copyable_v<T>);
        uint64_t n = 0;
        if (!get(n) || n > (m_bytes.size() - m_pos) / sizeof(T) || !take(n * sizeof(T))) return fail();
        values.resize(n);
        if (n > 0) std::memcpy(values.data(), m_bytes.data() + m_pos - n * sizeof(T), n * sizeof(T));
        return true;
    }
    bool getString(std::string& s) {
        uint64_t n = 0;
        if (!get(n) || !take(n)) return fail();
        s.assign(m_bytes.data() + m_pos - n, n);
        return true;
    }
    bool getStrings(std::vector<std::string>& strings) {
        uint64_t n = 0;
        if (!get(n) || n > m_bytes.size() - m_pos) return fail();  // each string takes 8 bytes at least
        strings.resize(n);
        for (auto& s : strings)
            if (!getString(s)) return false;
        return true;
    }
    /// True when everything was read without a failure.
    bool atEnd() const { return m_ok && m_pos == m_bytes.size(); }
    bool ok() const { return m_ok; }
    size_t position() const { return m_pos; }

private:
    bool take(uint64_t n) {
        if (!m_ok || n > m_bytes.size() - m_pos) return fail();
        m_pos += n;
        return true;
    }
    bool fail() {
        m_ok = false;
        return false;
    }
    std::string_view m_bytes;
    size_t m_pos = 0;
    bool m_ok = true;
};

}  // namespace fp
