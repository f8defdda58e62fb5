#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ui/panel.h"

namespace fp {

/// What the user answers to "Write N changed incidents back to FILE?".
enum class WriteBackAnswer { Write, SaveAsNew, Cancel };

/// The question for `targets`: "Write 3 changed incidents back to /data/coded.csv?", or one line per file
/// when saving the project would write into several.
std::string writeBackQuestion(const std::vector<WriteBackTarget>& targets);

/// The command that carries out `answer` to the question asked before `pending` (SaveIncidentLayer or
/// SaveProject): `pending` confirmed (Write); the layer saved as the new GeoPackage `newPath`, or every
/// edited layer of the project as GeoPackages beside it (SaveAsNew); nothing (Cancel).
std::optional<Command> writeBackCommand(const Command& pending, WriteBackAnswer answer,
                                        const std::string& newPath);

/// The modal question asked before incident edits overwrite the user's source files: Write / Save as new
/// GeoPackage… (with the path to write, for one layer) / Cancel. Nothing is written without an answer.
class WriteBackDialog : public Panel {
public:
    const char* title() const override { return "Write edits back?"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// Asks about `targets` before `pending`.
    void ask(Command pending, std::vector<WriteBackTarget> targets);
    bool isAsking() const { return m_pending.has_value(); }
    /// True once after the user cancelled a question asked before saving the project.
    bool takeCancelledProjectSave();

private:
    void answer(WriteBackAnswer a, CommandList& out);

    std::optional<Command> m_pending;
    std::vector<WriteBackTarget> m_targets;
    std::string m_path;  ///< the new GeoPackage, for one layer
    bool m_choosingPath = false, m_openPopup = false, m_cancelledProjectSave = false;
};

}  // namespace fp
