#include "ui/panels/load_report_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "ui/widgets.h"

namespace fp {

namespace {

bool containsNoCase(const std::string& haystack, const std::string& needle) {
    const auto it =
        std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        });
    return it != haystack.end();
}

std::string oneLine(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    std::replace(text.begin(), text.end(), '\t', ' ');
    return text;
}

}  // namespace

size_t rowsNotLoaded(const std::vector<LoadReport>& reports) {
    size_t n = 0;
    for (const auto& r : reports) n += r.featuresSkipped;
    return n;
}

void LoadReportPanel::setReports(std::vector<LoadReport> reports) {
    m_reports = std::move(reports);
    m_rows.clear();
    for (const LoadReport& report : m_reports)
        for (const Error& e : report.problems)
            m_rows.push_back({oneLine(e.source.empty() ? report.source : e.source), e.row, oneLine(e.field),
                              oneLine(e.message)});
    m_dirty = true;
}

void LoadReportPanel::refilter() {
    if (!m_dirty) return;
    m_visible.clear();
    const std::string filter = trimBlanks(m_filter);
    for (const LoadReportRow& row : m_rows) {
        if (!filter.empty() && !containsNoCase(row.file, filter) && !containsNoCase(row.field, filter) &&
            !containsNoCase(row.reason, filter) &&
            !(row.row >= 0 && containsNoCase(std::to_string(row.row), filter)))
            continue;
        m_visible.push_back(&row);
    }
    m_dirty = false;
}

const std::vector<const LoadReportRow*>& LoadReportPanel::visibleRows() {
    refilter();
    return m_visible;
}

std::string LoadReportPanel::copyText() {
    std::string text = "file\trow\tfield\treason\n";
    for (const LoadReportRow* row : visibleRows())
        text += row->file + '\t' + (row->row >= 0 ? std::to_string(row->row) : std::string()) + '\t' +
                row->field + '\t' + row->reason + '\n';
    return text;
}

void LoadReportPanel::draw(const UiContext& ctx, CommandList&) {
    if (!m_open) return;
    const float s = ctx.scale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSize({720.f * s, 300.f * s}, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos({0.5f * display.x, display.y - 48.f * s}, ImGuiCond_FirstUseEver, {0.5f, 1.f});
    if (!ImGui::Begin(title(), &m_open)) {
        ImGui::End();
        return;
    }
    if (m_reports.empty()) ImGui::TextDisabled("Nothing loaded yet.");
    for (const LoadReport& report : m_reports) {
        ImGui::TextUnformatted(ellipsize(report.source, 0.6f * ImGui::GetContentRegionAvail().x).c_str());
        itemTooltip(report.source.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s; %zu problem%s", report.summary().c_str(), report.problems.size(),
                            report.problems.size() == 1 ? "" : "s");
    }
    ImGui::SetNextItemWidth(std::max(120.f * s, ImGui::GetContentRegionAvail().x - 200.f * s));
    if (ImGui::InputTextWithHint("##filter", "Filter: file, row, field or reason", &m_filter)) m_dirty = true;
    refilter();
    ImGui::SameLine();
    ImGui::BeginDisabled(m_visible.empty());
    if (ImGui::Button("Copy")) ImGui::SetClipboardText(copyText().c_str());
    ImGui::EndDisabled();
    itemTooltip("Copy the listed problems to the clipboard (tab-separated)");
    ImGui::SameLine();
    ImGui::TextDisabled("%zu of %zu", m_visible.size(), m_rows.size());

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##problems", 4, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("File", ImGuiTableColumnFlags_WidthStretch, 1.f);
        ImGui::TableSetupColumn("Row", ImGuiTableColumnFlags_WidthFixed, 50.f * s);
        ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthFixed, 90.f * s);
        ImGui::TableSetupColumn("Reason", ImGuiTableColumnFlags_WidthStretch, 3.f);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(m_visible.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const LoadReportRow& row = *m_visible[static_cast<size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                const std::string file = ellipsize(row.file, ImGui::GetContentRegionAvail().x);
                ImGui::TextUnformatted(file.c_str());
                if (file != row.file) itemTooltip(row.file.c_str());
                ImGui::TableNextColumn();
                if (row.row >= 0) ImGui::Text("%lld", static_cast<long long>(row.row));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(row.field.c_str());
                ImGui::TableNextColumn();
                const bool loaded = row.reason.find("row loaded") != std::string::npos;
                ImGui::PushStyleColor(ImGuiCol_Text,
                                      logLevelColor(loaded ? LogLevel::Warning : LogLevel::Error, ctx.theme));
                ImGui::TextUnformatted(row.reason.c_str());
                ImGui::PopStyleColor();
                if (row.reason.size() > 60) itemTooltip(row.reason.c_str());
            }
        clipper.End();
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace fp
