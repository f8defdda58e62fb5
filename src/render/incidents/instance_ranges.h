#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/geo/types.h"

namespace fp {

/// Instances [first, first + count) of an instance buffer, drawn by one call.
struct InstanceSegment {
    uint32_t first = 0;
    uint32_t count = 0;
};

/// What InstanceRanges needs of one instance: its inclusive time span and its box on the map (relative map
/// units; a marker's centre, a disc's extent).
struct RangedItem {
    int32_t start = 0, end = 0;
    float minX = 0.f, minY = 0.f, maxX = 0.f, maxY = 0.f;
};

/// Finds, per frame and without looking at single instances, the parts of an instance buffer that can hold
/// something visible in a time window and a view, so only those are sent through the vertex stage.
///
/// The buffer is cut into runs (instances of one drawing rank, e.g. a size class and a span level, mostly in
/// time order) and each run into blocks of kBlockSize instances. Per block it keeps the largest end of the
/// run up to and including the block, the smallest start from the block on, and the box of its instances.
/// Both time bounds are monotonic along the run, so a window's first and last candidate blocks are two
/// binary searches; blocks whose box misses the view are then skipped. Conservative by construction: an
/// instance overlapping the window and the view always lies in a returned segment (exactness first; the
/// shaders still test each instance). How tight the result is depends on the order within runs: time order
/// with short spans (a separate run for long spans) keeps it near the window.
class InstanceRanges {
public:
    static constexpr uint32_t kBlockSize = 64;

    /// Indexes `count` instances in drawing order; `runEnds` lists the end of each run (ascending, the last
    /// equal to `count`); `item(i)` gives instance i's span and box.
    template <class ItemOf>
    void build(uint32_t count, const std::vector<uint32_t>& runEnds, ItemOf&& item);

    /// Appends, in buffer order, the segments that hold every instance whose [start, end] meets
    /// [windowStart, windowEnd] and whose box grown by `reach` meets `visible` (relative map units).
    /// Segments are merged when adjacent or separated by less than a block. O(runs log blocks + candidate
    /// blocks).
    void collect(int32_t windowStart, int32_t windowEnd, const MapBBox& visible, double reach,
                 std::vector<InstanceSegment>& out) const;

    size_t runCount() const { return m_runs.size(); }
    size_t memoryBytes() const {
        return m_runs.capacity() * sizeof(Run) + m_blocks.capacity() * sizeof(Block);
    }

private:
    struct Run {
        uint32_t begin = 0, end = 0;  // instances
        uint32_t firstBlock = 0, blockCount = 0;
    };
    struct Block {
        int32_t maxEndSoFar = std::numeric_limits<int32_t>::min();     // this and earlier blocks of the run
        int32_t minStartOnward = std::numeric_limits<int32_t>::max();  // this and later blocks of the run
        float minX = 0.f, minY = 0.f, maxX = 0.f, maxY = 0.f;
    };
    void summariseRun(const Run& run);

    std::vector<Run> m_runs;
    std::vector<Block> m_blocks;
};

template <class ItemOf>
void InstanceRanges::build(uint32_t count, const std::vector<uint32_t>& runEnds, ItemOf&& item) {
    m_runs.clear();
    m_blocks.clear();
    uint32_t begin = 0;
    for (const uint32_t end : runEnds) {
        if (end <= begin || end > count) continue;
        Run run{begin, end, static_cast<uint32_t>(m_blocks.size()),
                (end - begin + kBlockSize - 1) / kBlockSize};
        for (uint32_t b = 0; b < run.blockCount; ++b) {
            Block block;
            block.minX = block.minY = std::numeric_limits<float>::max();
            block.maxX = block.maxY = std::numeric_limits<float>::lowest();
            const uint32_t last = std::min(end, begin + (b + 1) * kBlockSize);
            for (uint32_t i = begin + b * kBlockSize; i < last; ++i) {
                const RangedItem r = item(i);
                block.maxEndSoFar = std::max(block.maxEndSoFar, r.end);
                block.minStartOnward = std::min(block.minStartOnward, r.start);
                block.minX = std::min(block.minX, r.minX);
                block.minY = std::min(block.minY, r.minY);
                block.maxX = std::max(block.maxX, r.maxX);
                block.maxY = std::max(block.maxY, r.maxY);
            }
            m_blocks.push_back(block);
        }
        m_runs.push_back(run);
        summariseRun(run);
        begin = end;
    }
}

}  // namespace fp
