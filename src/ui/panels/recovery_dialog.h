#pragma once

#include <string>
#include <vector>

#include "ui/panel.h"

namespace fp {

/// A recovery copy of unsaved work left by a window that did not close cleanly.
struct RecoveryOffer {
    std::string path;  ///< the recovery file
    std::string projectName;
    std::string projectPath;           ///< empty: the project had no file yet
    std::string savedAt;               ///< ISO 8601 UTC
    std::vector<std::string> notKept;  ///< incident layers the copy could not hold
};

/// Offers each recovery copy found at start-up, newest first: Restore (RecoverProject, restore) makes it the
/// open project, Discard (RecoverProject, discard) deletes it, Later keeps it for the next start.
class RecoveryDialog : public Panel {
public:
    RecoveryDialog() { m_open = false; }
    const char* title() const override { return "Recover unsaved work"; }
    void draw(const UiContext& ctx, CommandList& out) override;
    /// Replaces the copies on offer (opens the dialog when there is any).
    void offer(std::vector<RecoveryOffer> offers);
    const std::vector<RecoveryOffer>& offers() const { return m_offers; }
    /// The sentence the dialog says about the first copy on offer (empty when none).
    std::string describeFirst() const;

private:
    std::vector<RecoveryOffer> m_offers;
};

}  // namespace fp
