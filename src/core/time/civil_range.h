#pragma once

// The instants toCivil and fromCivil (core/time/time_point.h) handle: years -32767..32767. Readers of counts
// of seconds, milliseconds or days check against them, since toCivil would wrap the year of an instant
// outside.

#include <cstdint>

namespace fp {

/// -32767-01-01T00:00:00Z, in seconds since the epoch.
inline constexpr int64_t kEarliestSeconds = -1096193779200;
/// 32767-12-31T23:59:59Z, in seconds since the epoch.
inline constexpr int64_t kLatestSeconds = 971890963199;

}  // namespace fp
