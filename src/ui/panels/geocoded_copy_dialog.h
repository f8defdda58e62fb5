#pragma once

#include <cstdint>
#include <string>

#include "core/util/result.h"
#include "ui/panel.h"

namespace fp {

/// "Save geocoded copy…" of an incident layer whose rows were geocoded from place names: the output path
/// (default `<source>-geocoded.csv` next to the source; CSV or GeoPackage by extension), what the copy will
/// hold (rows geocoded, resolved, still held), and Save, which emits SaveGeocodedCopy. Asks in a modal before
/// replacing an existing file, and more sternly before writing over the source itself. Errors stay in the
/// dialog; success closes it (the app logs what the copy holds, the UI notifies).
class GeocodedCopyDialog : public Panel {
public:
    GeocodedCopyDialog() { m_open = false; }
    const char* title() const override { return "Save geocoded copy"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// Opens the dialog for layer `layerId` read from `source`; the path starts at the default copy path.
    void open(uint64_t layerId, std::string layerName, std::string source);
    /// While true (the app is writing a copy) Save is disabled and the dialog says so.
    void setBusy(bool busy) { m_busy = busy; }
    /// How the SaveGeocodedCopy it emitted went: closes on success, shows the error otherwise.
    void finished(const Status& status);

    /// What the form asks for, or what is wrong with it (naming the field). Used by Save and by tests.
    Result<SaveGeocodedCopy> request() const;
    /// Save as the button does: emits the command, or first asks (confirmation() says which question).
    void submit(CommandList& out);
    /// Answers the open question: `yes` emits the command with the permission asked for.
    void answer(bool yes, CommandList& out);

    enum class Confirm { None, Replace, OverwriteSource };
    Confirm confirmation() const { return m_confirm; }
    uint64_t layerId() const { return m_layerId; }
    const std::string& error() const { return m_error; }

    std::string output;  ///< as typed

private:
    uint64_t m_layerId = 0;
    std::string m_layerName;
    std::string m_source;
    std::string m_error;
    Confirm m_confirm = Confirm::None;
    bool m_appearing = false;
    bool m_busy = false;
};

}  // namespace fp
