#include "render/incidents/instance_ranges.h"

namespace fp {

void InstanceRanges::summariseRun(const Run& run) {
    Block* blocks = m_blocks.data() + run.firstBlock;
    for (uint32_t b = 1; b < run.blockCount; ++b)
        blocks[b].maxEndSoFar = std::max(blocks[b].maxEndSoFar, blocks[b - 1].maxEndSoFar);
    for (uint32_t b = run.blockCount; b-- > 1;)
        blocks[b - 1].minStartOnward = std::min(blocks[b - 1].minStartOnward, blocks[b].minStartOnward);
}

void InstanceRanges::collect(int32_t windowStart, int32_t windowEnd, const MapBBox& visible, double reach,
                             std::vector<InstanceSegment>& out) const {
    if (windowStart > windowEnd || visible.empty()) return;
    const double minX = visible.minX - reach, maxX = visible.maxX + reach;
    const double minY = visible.minY - reach, maxY = visible.maxY + reach;
    auto append = [&](uint32_t first, uint32_t end) {
        if (!out.empty()) {
            InstanceSegment& last = out.back();
            // A gap under a block costs less in the vertex stage than another draw call.
            if (first <= last.first + last.count + kBlockSize) {
                last.count = end - last.first;
                return;
            }
        }
        out.push_back({first, end - first});
    };
    for (const Run& run : m_runs) {
        const Block* blocks = m_blocks.data() + run.firstBlock;
        const Block* stop = blocks + run.blockCount;
        // Blocks before `lo` ended before the window; blocks from `hi` on start after it.
        const Block* lo =
            std::partition_point(blocks, stop, [&](const Block& b) { return b.maxEndSoFar < windowStart; });
        const Block* hi =
            std::partition_point(lo, stop, [&](const Block& b) { return b.minStartOnward <= windowEnd; });
        for (const Block* b = lo; b < hi; ++b) {
            if (b->maxX < minX || b->minX > maxX || b->maxY < minY || b->minY > maxY) continue;
            const uint32_t first = run.begin + static_cast<uint32_t>(b - blocks) * kBlockSize;
            append(first, std::min(run.end, first + kBlockSize));
        }
    }
}

}  // namespace fp
