#pragma once

namespace fp {

/// A memory field of /proc/self/status in MiB: "VmRSS" (resident now) or "VmHWM" (resident high-water mark
/// since start or since resetPeakResident). 0 when the system has no such file (not Linux) or field.
double processStatusMiB(const char* field);

/// Gives the heap's free pages back to the system (glibc's malloc_trim): call after a phase that freed large
/// buffers, which malloc would otherwise keep resident. Costs a walk over the heap's free chunks (about a
/// millisecond); no-op where unsupported.
void releaseFreeMemory();

/// From now on, every block of 1 MiB or more is given back to the system when freed (a fixed mmap threshold;
/// glibc otherwise raises its threshold each time a large block is freed, up to 32 MiB, after which a large
/// data set's freed column and image buffers stay resident). For large data sets only: the fresh pages cost
/// a few percent of a small export's time. No-op where unsupported.
void returnLargeBlocksWhenFreed();

/// Starts a new high-water mark for VmHWM (writes 5 to /proc/self/clear_refs); no-op where unsupported.
void resetPeakResident();

}  // namespace fp
