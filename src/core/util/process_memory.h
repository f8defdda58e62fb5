#pragma once

#include <cstddef>

namespace fp {

/// A memory field of /proc/self/status in MiB: "VmRSS" (resident now) or "VmHWM" (resident high-water mark
/// since start or since resetPeakResident). 0 when the system has no such file (not Linux) or field.
double processStatusMiB(const char* field);

/// From this many incidents a data set is large for the memory policy: after loading it the heap is trimmed
/// (releaseFreeMemory), and an export of it keeps returning large blocks (returnLargeBlocksWhenFreed).
inline constexpr size_t kLargeDataSetRows = 65536;

/// Gives the heap's free pages back to the system (glibc's malloc_trim): call after a phase that freed large
/// buffers, which malloc would otherwise keep resident. Costs a walk over the heap's free chunks (about a
/// millisecond); no-op where unsupported.
void releaseFreeMemory();

/// From now on, every block of 1 MiB or more is given back to the system when freed: a fixed mmap threshold
/// (glibc otherwise raises its threshold each time a large block is freed, up to 32 MiB, after which freed
/// buffers of that size stay resident). Each such block then costs fresh pages, so this suits a process that
/// handles large data once (an export), not one that allocates per frame. No-op where unsupported.
void returnLargeBlocksWhenFreed();

/// From now on, freed blocks under 32 MiB (glibc's largest automatic threshold) stay in the heap for reuse,
/// without the fresh pages returnLargeBlocksWhenFreed costs. No-op where unsupported.
void keepLargeBlocksForReuse();

/// Starts a new high-water mark for VmHWM (writes 5 to /proc/self/clear_refs); no-op where unsupported.
void resetPeakResident();

}  // namespace fp
