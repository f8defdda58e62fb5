#include "core/util/process_memory.h"

#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace fp {

double processStatusMiB(const char* field) {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return 0.0;
    char line[256];
    double kib = 0.0;
    const size_t n = std::strlen(field);
    while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, field, n) == 0 && line[n] == ':') kib = std::atof(line + n + 1);
    std::fclose(f);
    return kib / 1024.0;
}

void releaseFreeMemory() {
    malloc_trim(0);
}

void returnLargeBlocksWhenFreed() {
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
}

void keepLargeBlocksForReuse() {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

void resetPeakResident() {
    if (std::FILE* f = std::fopen("/proc/self/clear_refs", "w")) {
        std::fputs("5", f);
        std::fclose(f);
    }
}

}  // namespace fp
