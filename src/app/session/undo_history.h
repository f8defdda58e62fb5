#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/export/export_settings.h"
#include "core/project/map_state.h"

namespace fp {

/// One undoable change of the project: the parts of the state it changed (MapState::Part bits, plus the
/// export settings) as they were before and after. Undo puts `before` back into those parts only, so that
/// what happened elsewhere meanwhile (panning, playing, other layers) stays.
struct UndoEntry {
    std::string name;  ///< what the Edit menu shows after "Undo " / "Redo ", e.g. "Change layer colour"
    unsigned parts = 0;
    MapState::Snapshot before;
    MapState::Snapshot after;
    ExportSettings exportBefore;
    ExportSettings exportAfter;
    /// Entries with the same non-empty key recorded in consecutive frames merge into one (a slider dragged
    /// over many frames is one step), keeping the first `before` and the last `after`.
    std::string mergeKey;
    uint64_t frame = 0;
};

/// The session's undo and redo stacks, and which point of them the project file holds (the unsaved mark).
class UndoHistory {
public:
    /// Most entries kept; older ones are forgotten.
    static constexpr size_t kLimit = 200;

    /// A change with `mergeKey` in `frame` that changed nothing (a drag resting for a frame): the newest
    /// entry with that key, recorded the frame before, counts as recorded in `frame`, so that the drag stays
    /// one step.
    void extend(const std::string& mergeKey, uint64_t frame);
    /// Adds `entry` as the newest change; the redo steps are dropped.
    void record(UndoEntry entry);
    /// The entry to undo (restore its `before`), moving back one step; null when there is none.
    const UndoEntry* undo();
    /// The entry to redo (restore its `after`), moving forward one step; null when there is none.
    const UndoEntry* redo();
    bool canUndo() const { return m_position > 0; }
    bool canRedo() const { return m_position < m_entries.size(); }
    /// Name of the change Undo would revert (empty when none).
    std::string undoName() const { return canUndo() ? m_entries[m_position - 1].name : std::string(); }
    /// Name of the change Redo would apply again (empty when none).
    std::string redoName() const { return canRedo() ? m_entries[m_position].name : std::string(); }

    /// Forgets every entry (New, Open): the current state is the saved one.
    void clear();
    /// The current state is what the project file holds (after Save).
    void markSaved() { m_saved = m_position; }
    /// No point of the history is what the project file holds (a recovered copy of unsaved changes).
    void markUnsaved() { m_saved.reset(); }
    /// True when undo and redo have led away from what the project file holds (or it was never saved and
    /// something changed).
    bool dirty() const { return m_saved != m_position; }
    size_t size() const { return m_entries.size(); }

private:
    std::vector<UndoEntry> m_entries;
    size_t m_position = 0;              // entries applied: undo reverts m_entries[m_position - 1]
    std::optional<size_t> m_saved = 0;  // m_position when saved; nullopt: no longer reachable
};

}  // namespace fp
