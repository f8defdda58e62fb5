#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/model/incident_style_sheet.h"
#include "ui/panel.h"
#include "ui/panels/coding_review.h"
#include "ui/panels/highlighted_text.h"

namespace fp {

/// File > "Code incidents from text…": the user pastes an article or opens a .txt/.md/.html file (reduced to
/// text, nothing run), gives its publication date (today, or the date line the text starts with) and codes
/// it. The text is shown beside the review list of proposed incidents, each one's sentence and its event,
/// place and date words highlighted; choosing one scrolls the text to it, flies the map there and marks its
/// place (a region-level place as a wide ring). Each is accepted, edited (title, category, place
/// re-resolved through the gazetteer, days, precisions) or rejected; "Add accepted" emits one
/// AddCodedIncidents, to a new "Coded incidents" layer or an incident layer the user picks. Mentions that
/// gave no incident are listed with the reason. Coding runs on a worker thread (CodingReview).
class CodeIncidentsPanel : public Panel {
public:
    CodeIncidentsPanel() { m_open = false; }
    const char* title() const override { return "Code incidents from text"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// Opens the panel (brought to the front).
    void open();
    /// The gazetteer places are resolved through; null while it loads.
    void setGazetteer(std::shared_ptr<const Gazetteer> gazetteer) {
        m_review.setGazetteer(std::move(gazetteer));
    }
    /// Why the gazetteer could not be loaded (shown instead of coding).
    void setLoadError(std::string error) { m_loadError = std::move(error); }
    /// The categories offered when editing (default: the shipped sheet's).
    void setStyleSheet(std::shared_ptr<const IncidentStyleSheet> sheet) { m_sheet = std::move(sheet); }
    /// The day the date field starts with (today by default; tests fix it).
    void setToday(DayNumber today);

    /// The text field's content (what "Code incidents" codes).
    const std::string& input() const { return m_input; }
    void setInput(std::string text);
    /// Reads a .txt/.md/.html file into the text field (reduced to text); its file name becomes the source of
    /// the incidents and a date line at its top the publication date (unless one was typed). The error
    /// names the file and the reason.
    Status openFile(const std::string& path);
    const std::string& publishedField() const { return m_published; }
    void setPublishedField(std::string date) {
        m_published = std::move(date);
        m_publishedTyped = true;
    }
    /// Codes the text field's content as the date field says (what the "Code incidents" button does).
    Status run();
    /// The model: proposals, decisions, edits.
    CodingReview& review() { return m_review; }
    const CodingReview& review() const { return m_review; }
    /// The selected proposal (-1: none).
    int selected() const { return m_selected; }
    /// Selects proposal `item`: the text scrolls to its sentence; with `out` the map flies to its place.
    void select(int item, CommandList* out = nullptr);
    /// The incident layer "Add accepted" adds to (0: a new one).
    uint64_t targetLayer() const { return m_targetLayer; }
    void setTargetLayer(uint64_t layerId) { m_targetLayer = layerId; }
    /// The app applied an AddCodedIncidents from this panel: on success later additions go to the layer it
    /// made (the newest incident layer of `state`), on failure the items are Accepted again.
    void addFinished(bool ok, const MapState* state);
    /// True while coding runs (the app keeps drawing frames to pick up the result).
    bool busy() const { return m_review.running(); }

private:
    void drawSourceBar(const UiContext& ctx);
    void drawText(const UiContext& ctx, ImVec2 size);
    void drawReview(const UiContext& ctx, ImVec2 size, CommandList& out);
    void drawItem(const UiContext& ctx, size_t i, CommandList& out);
    void drawEditor(const UiContext& ctx, size_t i);
    void drawUnresolved();
    void drawAddBar(const UiContext& ctx, CommandList& out);
    void drawPlaceMarker(const UiContext& ctx) const;
    std::vector<TextHighlight> highlights(Theme theme) const;
    /// Loads the selected item's fields into the edit buffers.
    void loadEditFields();
    std::string articleName() const;

    CodingReview m_review;
    HighlightedText m_text;
    std::shared_ptr<const IncidentStyleSheet> m_sheet = IncidentStyleSheet::shipped();
    std::string m_loadError;
    std::string m_input;
    std::string m_path;
    std::string m_openedName;  // file name of the opened file ("" for pasted text)
    std::string m_openedText;  // its text as opened: an edited text is "pasted text" again
    std::string m_published;
    bool m_publishedTyped = false;
    std::string m_status;  // the last error or what the date came from
    bool m_showInput = true;
    bool m_focus = false;
    int m_selected = -1;
    uint64_t m_targetLayer = 0;
    bool m_awaitingAdd = false;
    uint64_t m_shownGeneration = 0;  // the review's result generation the view shows
    bool m_scrollReviewToTop = false;
    DayNumber m_today = 0;
    // Edit buffers of the selected item.
    std::string m_editPlace, m_editFirst, m_editLast, m_editError;
};

}  // namespace fp
