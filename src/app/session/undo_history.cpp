#include "app/session/undo_history.h"

namespace fp {

void UndoHistory::record(UndoEntry entry) {
    if (m_saved && *m_saved > m_position) m_saved.reset();  // the saved state was in the dropped redo steps
    m_entries.resize(m_position);
    // Merging into the newest entry changes the state it leads to: not when the file holds exactly that
    // state.
    if (!m_entries.empty() && !entry.mergeKey.empty() && m_saved != m_position) {
        UndoEntry& last = m_entries.back();
        if (last.mergeKey == entry.mergeKey && entry.frame == last.frame + 1) {
            last.after = std::move(entry.after);
            last.exportAfter = entry.exportAfter;
            last.parts |= entry.parts;
            last.name = std::move(entry.name);
            last.frame = entry.frame;
            return;
        }
    }
    m_entries.push_back(std::move(entry));
    m_position = m_entries.size();
    if (m_entries.size() > kLimit) {
        m_entries.erase(m_entries.begin());
        --m_position;
        if (m_saved) m_saved = *m_saved == 0 ? std::nullopt : std::optional<size_t>(*m_saved - 1);
    }
}

void UndoHistory::extend(const std::string& mergeKey, uint64_t frame) {
    if (mergeKey.empty() || m_position == 0 || m_position != m_entries.size() || m_saved == m_position)
        return;
    UndoEntry& last = m_entries.back();
    if (last.mergeKey == mergeKey && frame == last.frame + 1) last.frame = frame;
}

const UndoEntry* UndoHistory::undo() {
    if (!canUndo()) return nullptr;
    return &m_entries[--m_position];
}

const UndoEntry* UndoHistory::redo() {
    if (!canRedo()) return nullptr;
    return &m_entries[m_position++];
}

void UndoHistory::clear() {
    m_entries.clear();
    m_position = 0;
    m_saved = 0;
}

}  // namespace fp
