#include "ui/panels/field_mapping_dialog.h"

#include <imgui.h>

#include <algorithm>
#include <filesystem>
#include <iterator>

#include "ui/widgets.h"

namespace fp {

namespace {

bool isDatabaseSource(const std::string& source) {
    return source.size() >= 3 && (source[0] == 'P' || source[0] == 'p') &&
           (source[1] == 'G' || source[1] == 'g') && source[2] == ':';
}

/// The date formats offered: IncidentLoadOptions::dateFormat and how the dialog names it.
struct DateFormatChoice {
    const char* value;
    const char* label;
};
constexpr DateFormatChoice kDateFormats[] = {
    {"", "Inferred from each column"},
    {"day-first", "Day first (31/12/2022, 31.12.22, 9-May-20)"},
    {"month-first", "Month first (12/31/2022)"},
    {"iso", "ISO (2022-12-31)"},
    {"unix", "Unix seconds"},
    {"unix-ms", "Unix milliseconds"},
    {"excel", "Excel serial days"},
};

/// Fields loading cannot do without, marked in the dialog.
bool isLocationField(const std::string& field) {
    return field == "lon" || field == "lat" || field == "wkt";
}

}  // namespace

std::string fieldMappingKey(const std::string& source, const std::string& table) {
    if (isDatabaseSource(source)) return "PG:" + scrubSecrets(source.substr(3)) + " table=" + table;
    std::error_code ec;
    std::filesystem::path path = std::filesystem::absolute(source, ec);
    if (ec) return source;
    return path.lexically_normal().string();
}

void FieldMappingDialog::open(FieldMappingRequest request) {
    m_request = std::move(request);
    m_error.clear();
    m_waiting = false;
    prefill();
    m_open = true;
    m_appearing = true;
}

void FieldMappingDialog::prefill() {
    // What loading needs first (date, then location), then the rest in schema order.
    m_fields = {"start", "end", "lon", "lat", "wkt"};
    for (std::string& field : canonicalIncidentFields())
        if (std::find(m_fields.begin(), m_fields.end(), field) == m_fields.end())
            m_fields.push_back(std::move(field));
    m_choice.assign(m_fields.size(), -1);
    m_dateFormat = 0;
    chooseDateFormat(m_request.dateFormat);
    const auto& columns = m_request.info.columns;
    // The loader records what it recognised even when a required column is missing.
    const auto& detected = m_request.info.fieldMapping;
    for (size_t f = 0; f < m_fields.size(); ++f) {
        for (const auto& [field, column] : detected) {
            if (field != m_fields[f]) continue;
            const auto it = std::find(columns.begin(), columns.end(), column);
            if (it != columns.end()) m_choice[f] = static_cast<int>(it - columns.begin());
        }
        const auto before = m_request.previous.find(m_fields[f]);
        if (before == m_request.previous.end()) continue;
        const auto it = std::find(columns.begin(), columns.end(), before->second);
        if (it != columns.end())
            m_choice[f] = static_cast<int>(it - columns.begin());
        else if (before->second.empty())
            m_choice[f] = -1;
    }
}

void FieldMappingDialog::applyFinished(bool ok, const std::string& error, const IncidentFormatInfo* info) {
    m_waiting = false;
    if (ok) {
        m_error.clear();
        m_open = false;
        return;
    }
    m_error = error;
    if (!info || info->columns.empty() || info->columns == m_request.info.columns) return;
    // The source changed under us: keep the choices whose columns are still there.
    const FieldMapping chosen = mapping();
    m_request.info.columns = info->columns;
    for (size_t f = 0; f < m_fields.size(); ++f) {
        const auto it = std::find(info->columns.begin(), info->columns.end(), chosen.at(m_fields[f]));
        m_choice[f] = it == info->columns.end() ? -1 : static_cast<int>(it - info->columns.begin());
    }
}

FieldMapping FieldMappingDialog::mapping() const {
    FieldMapping out;
    for (size_t f = 0; f < m_fields.size(); ++f)
        out[m_fields[f]] = m_choice[f] >= 0 ? m_request.info.columns[static_cast<size_t>(m_choice[f])] : "";
    return out;
}

bool FieldMappingDialog::choose(const std::string& field, const std::string& column) {
    const auto f = std::find(m_fields.begin(), m_fields.end(), field);
    if (f == m_fields.end()) return false;
    int choice = -1;
    if (!column.empty()) {
        const auto& columns = m_request.info.columns;
        const auto c = std::find(columns.begin(), columns.end(), column);
        if (c == columns.end()) return false;
        choice = static_cast<int>(c - columns.begin());
    }
    m_choice[static_cast<size_t>(f - m_fields.begin())] = choice;
    return true;
}

std::string FieldMappingDialog::dateFormat() const {
    return kDateFormats[m_dateFormat].value;
}

bool FieldMappingDialog::chooseDateFormat(const std::string& format) {
    for (size_t i = 0; i < std::size(kDateFormats); ++i) {
        if (format != kDateFormats[i].value) continue;
        m_dateFormat = i;
        return true;
    }
    return false;
}

void FieldMappingDialog::drawDateFormat() {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Dates");
    std::string inferred;
    for (const auto& [column, format] : m_request.info.dateFormats)
        inferred += (inferred.empty() ? "" : "\n") + column + ": " + format;
    itemTooltip(inferred.empty() ? "How the dates are written" : ("Inferred:\n" + inferred).c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1.f);
    if (ImGui::BeginCombo("##dateFormat", kDateFormats[m_dateFormat].label)) {
        for (size_t i = 0; i < std::size(kDateFormats); ++i)
            if (ImGui::Selectable(kDateFormats[i].label, i == m_dateFormat)) m_dateFormat = i;
        ImGui::EndCombo();
    }
}

bool FieldMappingDialog::canApply() const {
    const FieldMapping m = mapping();
    auto has = [&](const char* field) {
        const auto it = m.find(field);
        return it != m.end() && !it->second.empty();
    };
    bool geometry = false;
    for (const auto& [field, column] : m_request.info.fieldMapping)
        geometry |= field == "location" && column == "point geometry";
    // A place-name column locates rows too: they are geocoded on load.
    return has("start") && ((has("lon") && has("lat")) || has("wkt") || has("place") || geometry);
}

void FieldMappingDialog::draw(const UiContext& ctx, CommandList& out) {
    if (!m_open) return;
    const float s = ctx.scale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSize({480.f * s, std::min(640.f * s, display.y - 80.f * s)}, ImGuiCond_Appearing);
    centreNextDialog(m_appearing);
    bool open = true;
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
    if (ImGui::Begin(title(), &open, flags)) {
        drawHeader(ctx);
        const ImGuiStyle& st = ImGui::GetStyle();
        const float footer = 2.f * ImGui::GetFrameHeightWithSpacing() + st.ItemSpacing.y +
                             (m_error.empty() ? 0.f : 3.f * ImGui::GetTextLineHeightWithSpacing());
        ImGui::BeginChild("##fields", {0.f, -footer});
        drawFieldTable(s);
        ImGui::EndChild();
        drawDateFormat();
        open &= drawButtons(ctx, out);
    }
    ImGui::End();
    if (!open) {
        m_open = false;
        m_waiting = false;
    }
}

void FieldMappingDialog::drawHeader(const UiContext& ctx) {
    const std::string shown = isDatabaseSource(m_request.source)
                                  ? scrubSecrets(m_request.source)
                                  : std::filesystem::path(m_request.source).filename().string();
    ImGui::TextUnformatted("Source:");
    ImGui::SameLine();
    ImGui::TextUnformatted(ellipsize(shown, ImGui::GetContentRegionAvail().x).c_str());
    itemTooltip(isDatabaseSource(m_request.source) ? shown.c_str() : m_request.source.c_str());
    if (!m_request.reason.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Warning, ctx.theme));
        ImGui::TextWrapped("%s", m_request.reason.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::TextWrapped(
        "%s",
        "Choose the column that holds each field. Loading needs a start date and a location: lon and lat, "
        "a wkt POINT, or the source's own point geometry.");
    const auto& columns = m_request.info.columns;
    std::string list;
    for (const auto& c : columns) list += (list.empty() ? "" : ", ") + c;
    ImGui::TextDisabled("Columns (%zu):", columns.size());
    ImGui::SameLine();
    ImGui::TextWrapped("%s", columns.empty() ? "none found" : list.c_str());
    ImGui::Separator();
}

void FieldMappingDialog::drawFieldTable(float scale) {
    if (!ImGui::BeginTable("##mapping", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    const auto& columns = m_request.info.columns;
    ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthFixed, 130.f * scale);
    ImGui::TableSetupColumn("Column", ImGuiTableColumnFlags_WidthStretch);
    for (size_t f = 0; f < m_fields.size(); ++f) {
        const std::string& field = m_fields[f];
        ImGui::PushID(field.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        const bool needed = field == "start" || isLocationField(field);
        ImGui::TextUnformatted(needed ? (field + " *").c_str() : field.c_str());
        if (field == "start") itemTooltip("Required: the date (and time) the incident began");
        if (isLocationField(field)) itemTooltip("Location: lon and lat in WGS 84 degrees, or a WKT POINT");
        ImGui::TableNextColumn();
        ImGui::SetNextItemWidth(-1.f);
        const int choice = m_choice[f];
        const char* preview = choice >= 0 ? columns[static_cast<size_t>(choice)].c_str() : "(none)";
        if (ImGui::BeginCombo("##column", preview)) {
            if (ImGui::Selectable("(none)", choice < 0)) m_choice[f] = -1;
            for (size_t c = 0; c < columns.size(); ++c) {
                ImGui::PushID(static_cast<int>(c));
                if (ImGui::Selectable(columns[c].c_str(), choice == static_cast<int>(c)))
                    m_choice[f] = static_cast<int>(c);
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

bool FieldMappingDialog::drawButtons(const UiContext& ctx, CommandList& out) {
    if (!m_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Error, ctx.theme));
        ImGui::TextWrapped("%s", m_error.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::BeginDisabled(!canApply() || m_waiting);
    if (ImGui::Button("Apply")) {
        m_waiting = true;
        m_error.clear();
        out.push_back(ReloadIncidents{m_request.source, m_request.table, mapping(), m_request.replaceLayerId,
                                      dateFormat(), m_request.encoding});
    }
    ImGui::EndDisabled();
    itemTooltip(canApply() ? "Load the incidents with these fields; they are remembered for this source"
                           : "Choose a start column and a location first");
    ImGui::SameLine();
    const bool cancelled = ImGui::Button("Cancel");
    ImGui::SameLine();
    if (ImGui::Button("Detected")) prefill();
    itemTooltip("Back to the columns Flashpoint recognised by their names");
    return !cancelled;
}

}  // namespace fp
