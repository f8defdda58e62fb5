#pragma once

// The undo/redo check every session test of a change makes.
#include <gtest/gtest.h>

#include <string>

#include "app/session/session.h"

namespace fp::test {

/// Applies `change` to `session`; undo must put back what `read` saw before and redo what it saw after, and
/// the history names the change `name`.
template <class Read>
void expectUndoRedo(Session& session, const Command& change, const std::string& name, Read read) {
    const auto before = read();
    const Status applied = session.apply(change);
    ASSERT_TRUE(applied.ok()) << applied.error().describe();
    const auto after = read();
    ASSERT_NE(before, after) << name;
    EXPECT_EQ(session.history().undoName(), name);
    EXPECT_TRUE(session.dirty());
    ASSERT_TRUE(session.apply(Undo{}).ok());
    EXPECT_EQ(read(), before) << "undo " << name;
    EXPECT_EQ(session.history().redoName(), name);
    ASSERT_TRUE(session.apply(Redo{}).ok());
    EXPECT_EQ(read(), after) << "redo " << name;
}

}  // namespace fp::test
