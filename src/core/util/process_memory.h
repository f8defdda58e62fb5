#pragma once

namespace fp {

/// A memory field of /proc/self/status in MiB: "VmRSS" (resident now) or "VmHWM" (resident high-water mark
/// since start or since resetPeakResident). 0 when the system has no such file (not Linux) or field.
double processStatusMiB(const char* field);

/// Starts a new high-water mark for VmHWM (writes 5 to /proc/self/clear_refs); no-op where unsupported.
void resetPeakResident();

}  // namespace fp
