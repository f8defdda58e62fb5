// File > "Code incidents from text…": the text, the source bar, the add bar and the map marker. The review
// list and its editor are in code_incidents_review.cpp.
#include "ui/panels/code_incidents_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "core/extract/dateline_date.h"
#include "ui/widgets.h"

namespace fp {

namespace {

constexpr const char* kPastedText = "pasted text";

DayNumber systemToday() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::seconds>(now).count() / 86400;
}

}  // namespace

void CodeIncidentsPanel::open() {
    m_open = true;
    m_focus = true;
    if (m_published.empty()) setToday(systemToday());
}

void CodeIncidentsPanel::setToday(DayNumber today) {
    m_today = today;
    m_published = formatDay(today);
    m_publishedTyped = false;
}

void CodeIncidentsPanel::setInput(std::string text) {
    m_input = std::move(text);
    m_showInput = true;
}

Status CodeIncidentsPanel::openFile(const std::string& path) {
    const std::string clean = cleanPathInput(path);
    auto article = readArticleText(clean);
    if (!article) return article.error();
    m_openedName = std::filesystem::path(clean).filename().string();
    m_openedText = article.value().text;
    setInput(article.value().text);
    m_status = "Opened " + m_openedName;
    // Unless typed, the date is this file's: its date line, else today (not the last file's date line).
    if (!m_publishedTyped) {
        const auto day = findDatelineDay(article.value());
        m_published = formatDay(day.value_or(m_today != 0 ? m_today : systemToday()));
        if (day) m_status += "; published " + m_published + " (the date line at its top)";
    }
    return {};
}

std::string CodeIncidentsPanel::articleName() const {
    return !m_openedName.empty() && m_input == m_openedText ? m_openedName : std::string(kPastedText);
}

Status CodeIncidentsPanel::run() {
    auto article = makeArticleText(m_input, articleName());
    if (!article) return article.error();
    std::string dateNote;
    if (const auto day = findDatelineDay(article.value()); day && !m_publishedTyped) {
        m_published = formatDay(*day);
        dateNote = " (from the date line at its top)";
    }
    const auto published = parseDayField(trimBlanks(m_published));
    if (!published)
        return makeError(ErrorCode::InvalidArgument, "Published",
                         "'" + m_published + "' is not a date YYYY-MM-DD (e.g. 2023-01-08)");
    // The name the incidents cite (article.name): the file opened, or "pasted text".
    if (Status s = m_review.start(std::move(article).value(), *published); !s) return s;
    m_selected = -1;
    m_status = "Coding " + articleName() + ", published " + formatDay(*published) + dateNote + "\xE2\x80\xA6";
    return {};
}

void CodeIncidentsPanel::addFinished(bool ok, const MapState* state) {
    if (!m_awaitingAdd) return;
    m_awaitingAdd = false;
    if (!ok) {
        m_review.addFailed();
        return;
    }
    if (m_targetLayer == 0 && state) {
        uint64_t newest = 0;
        for (const IncidentLayer& layer : state->scene().incidentLayers) newest = std::max(newest, layer.id);
        m_targetLayer = newest;
    }
}

void CodeIncidentsPanel::drawSourceBar(const UiContext& ctx) {
    const float s = ctx.scale;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("Open").x -
                            2.f * ImGui::GetStyle().FramePadding.x - ImGui::GetStyle().ItemSpacing.x);
    const bool enter =
        ImGui::InputTextWithHint("##path", "Open a .txt, .md or .html file, or paste the text below", &m_path,
                                 ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Open") || enter) && !trimBlanks(m_path).empty()) {
        Status opened = openFile(m_path);
        // A file is coded at once (it takes well under a second); its text is then shown wrapped.
        if (opened && m_review.hasGazetteer() && !m_review.running()) opened = run();
        if (!opened) m_status = opened.error().describe();
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Published");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110.f * s);
    if (ImGui::InputTextWithHint("##published", "YYYY-MM-DD", &m_published)) m_publishedTyped = true;
    itemTooltip(
        "Publication date: \"last week\", \"on Saturday\" count from it. A date line at the top of "
        "the text (\"date 2023-01-08\") fills it in unless you typed one.");
    ImGui::SameLine();
    const bool canRun = m_review.hasGazetteer() && !m_review.running() && !trimBlanks(m_input).empty();
    ImGui::BeginDisabled(!canRun);
    if (ImGui::Button("Code incidents"))
        if (Status started = run(); !started) m_status = started.error().describe();
    ImGui::EndDisabled();
    if (m_review.hasResult()) {
        ImGui::SameLine();
        if (ImGui::Button(m_showInput ? "Show review" : "Edit text")) m_showInput = !m_showInput;
    }
    if (!m_loadError.empty())
        ImGui::TextColored(logLevelColor(LogLevel::Error, ctx.theme), "Places unavailable: %s",
                           m_loadError.c_str());
    else if (!m_review.hasGazetteer())
        ImGui::TextDisabled("Loading places\xE2\x80\xA6");
    else {
        ImGui::PushTextWrapPos(0.f);
        ImGui::TextDisabled("%s", m_status.empty() ? "Paste an article below or open a file, then code it."
                                                   : m_status.c_str());
        ImGui::PopTextWrapPos();
    }
}

void CodeIncidentsPanel::drawAddBar(const UiContext& ctx, CommandList& out) {
    const auto& layers = ctx.state.scene().incidentLayers;
    const IncidentLayer* target =
        m_targetLayer ? ctx.state.scene().findIncidentLayer(m_targetLayer) : nullptr;
    if (!target) m_targetLayer = 0;
    const std::string newLayer =
        "New layer \xE2\x80\x9C"
        "Coded incidents\xE2\x80\x9D";
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Add to");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(260.f * ctx.scale);
    if (ImGui::BeginCombo("##target", target ? target->name.c_str() : newLayer.c_str())) {
        if (ImGui::Selectable(newLayer.c_str(), m_targetLayer == 0)) m_targetLayer = 0;
        for (const IncidentLayer& layer : layers) {
            ImGui::PushID(static_cast<int>(layer.id));
            if (ImGui::Selectable(layer.name.c_str(), layer.id == m_targetLayer)) m_targetLayer = layer.id;
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    const size_t accepted = m_review.acceptedCount();
    ImGui::BeginDisabled(accepted == 0);
    if (ImGui::Button("Add accepted"))
        if (auto add = m_review.takeAccepted(m_targetLayer)) {
            out.push_back(std::move(*add));
            m_awaitingAdd = true;
        }
    ImGui::EndDisabled();
    ImGui::SameLine();
    const std::string source = m_review.hasResult() ? m_review.article().name : articleName();
    const std::string note = std::to_string(accepted) + " accepted \xC2\xB7 source \xE2\x80\x9C" + source +
                             "\xE2\x80\x9D and the sentence kept with each";
    ImGui::TextDisabled("%s", ellipsize(note, ImGui::GetContentRegionAvail().x).c_str());
    itemTooltip(note.c_str());
}

void CodeIncidentsPanel::drawPlaceMarker(const UiContext& ctx) const {
    if (m_selected < 0 || size_t(m_selected) >= m_review.items().size()) return;
    const IncidentProposal& p = m_review.items()[size_t(m_selected)].edited;
    if (!isValidLonLat(p.location)) return;
    const MapProjection& projection = ctx.state.projection();
    const MapXY at = projection.project(p.location);
    const double metres = uncertaintyRadiusMetres(p.locationPrecision);
    const MapXY edge = projection.project({p.location.lon, p.location.lat + metres / 111320.0});
    if (!isFinite(at) || !isFinite(edge)) return;
    const float px = 1.f / ctx.fbScale;
    const ScreenXY c = ctx.state.view().toScreen(at), e = ctx.state.view().toScreen(edge);
    const ImVec2 centre{float(c.x) * px, float(c.y) * px};
    const float radius = std::hypot(float(e.x - c.x), float(e.y - c.y)) * px;
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    const ImU32 ring = IM_COL32(220, 40, 140, 255);
    // The area the text allows, not a point in it: a region-level place is a wide ring.
    if (radius > 4.f) {
        draw->AddCircleFilled(centre, radius, IM_COL32(220, 40, 140, 40), 64);
        draw->AddCircle(centre, radius, ring, 64, 2.f * ctx.scale);
    }
    draw->AddCircle(centre, 7.f * ctx.scale, ring, 24, 3.f * ctx.scale);
    draw->AddCircleFilled(centre, 2.5f * ctx.scale, ring);
}

void CodeIncidentsPanel::draw(const UiContext& ctx, CommandList& out) {
    if (!m_open) return;
    m_review.poll();
    if (m_review.resultGeneration() != m_shownGeneration) {
        m_shownGeneration = m_review.resultGeneration();
        m_text.scrollTo(0);
        m_scrollReviewToTop = true;
        m_showInput = false;
        m_selected = -1;
        char line[256];
        std::snprintf(line, sizeof line, "%zu proposed, %zu unresolved; coded in %.2f s CPU. ",
                      m_review.items().size(), m_review.unresolved().size(), m_review.lastRunSeconds());
        m_status =
            std::string(line) + m_review.article().name + ", published " + formatDay(m_review.published());
    }
    const float s = ctx.scale;
    // The left half of the window: the map's centre, where choosing an incident flies to, stays visible.
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float width = std::clamp(display.x * 0.46f - 8.f * s, std::min(560.f * s, display.x), 1120.f * s);
    ImGui::SetNextWindowPos({8.f * s, ImGui::GetFrameHeight() + 24.f * s}, ImGuiCond_Appearing);
    ImGui::SetNextWindowSize({width, std::min(720.f * s, display.y * 0.8f)}, ImGuiCond_Appearing);
    ImGui::SetNextWindowBgAlpha(1.f);
    if (m_focus) ImGui::SetNextWindowFocus();
    m_focus = false;
    if (!ImGui::Begin(title(), &m_open, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    drawSourceBar(ctx);
    const float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    if (m_showInput || !m_review.hasResult()) {
        ImGui::InputTextMultiline("##text", &m_input, {-1.f, -footer});
    } else {
        const float avail = ImGui::GetContentRegionAvail().x;
        const float textWidth = std::floor(avail * (avail > 800.f * s ? 0.56f : 0.46f));
        drawText(ctx, {textWidth, -footer});
        ImGui::SameLine();
        drawReview(ctx, {0.f, -footer}, out);
    }
    drawAddBar(ctx, out);
    ImGui::End();
    drawPlaceMarker(ctx);
}

}  // namespace fp
