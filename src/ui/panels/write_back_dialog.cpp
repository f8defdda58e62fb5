#include "ui/panels/write_back_dialog.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <utility>

namespace fp {

namespace {

constexpr const char* kPopup = "Write edits back?###writeBack";

std::string incidents(size_t n) {
    return std::to_string(n) + (n == 1 ? " changed incident" : " changed incidents");
}

}  // namespace

std::string writeBackQuestion(const std::vector<WriteBackTarget>& targets) {
    if (targets.size() == 1)
        return "Write " + incidents(targets[0].changes) + " back to " + targets[0].file + "?";
    std::string text =
        "Saving the project writes edits back into " + std::to_string(targets.size()) + " files:";
    for (const WriteBackTarget& t : targets) text += "\n  " + incidents(t.changes) + " back to " + t.file;
    return text + "\nWrite them?";
}

std::optional<Command> writeBackCommand(const Command& pending, WriteBackAnswer answer,
                                        const std::string& newPath) {
    if (answer == WriteBackAnswer::Cancel) return std::nullopt;
    if (const auto* save = std::get_if<SaveIncidentLayer>(&pending)) {
        if (answer == WriteBackAnswer::Write) {
            SaveIncidentLayer confirmed = *save;
            confirmed.writeConfirmed = true;
            return confirmed;
        }
        if (newPath.empty()) return std::nullopt;
        return SaveIncidentLayer{save->layerId, newPath, false, false};
    }
    if (const auto* save = std::get_if<SaveProject>(&pending)) {
        SaveProject next = *save;
        next.writeBackConfirmed = answer == WriteBackAnswer::Write;
        next.editsAsNewFiles = answer == WriteBackAnswer::SaveAsNew;
        return next;
    }
    return std::nullopt;
}

void WriteBackDialog::ask(Command pending, std::vector<WriteBackTarget> targets) {
    m_pending = std::move(pending);
    m_targets = std::move(targets);
    m_path = m_targets.size() == 1 ? m_targets[0].saveAsPath : std::string();
    m_choosingPath = false;
    m_openPopup = true;
}

bool WriteBackDialog::takeCancelledProjectSave() {
    return std::exchange(m_cancelledProjectSave, false);
}

void WriteBackDialog::answer(WriteBackAnswer a, CommandList& out) {
    if (auto command = writeBackCommand(*m_pending, a, m_path)) out.push_back(std::move(*command));
    m_cancelledProjectSave = a == WriteBackAnswer::Cancel && std::holds_alternative<SaveProject>(*m_pending);
    m_pending.reset();
    ImGui::CloseCurrentPopup();
}

void WriteBackDialog::draw(const UiContext& ctx, CommandList& out) {
    if (!m_pending) return;
    if (m_openPopup) {
        ImGui::OpenPopup(kPopup);
        m_openPopup = false;
    }
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos({io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.35f}, ImGuiCond_Appearing,
                            {0.5f, 0.5f});
    ImGui::SetNextWindowSizeConstraints({420.f * ctx.scale, 0.f},
                                        {io.DisplaySize.x * 0.9f, io.DisplaySize.y});
    if (!ImGui::BeginPopupModal(kPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        // Closed by the system (Escape): as Cancel.
        if (m_pending) answer(WriteBackAnswer::Cancel, out);
        return;
    }
    const bool project = std::holds_alternative<SaveProject>(*m_pending);
    ImGui::PushTextWrapPos(io.DisplaySize.x * 0.6f);
    ImGui::TextUnformatted(writeBackQuestion(m_targets).c_str());
    ImGui::TextDisabled("The file is replaced with the edits; columns and rows not edited stay as they are.");
    ImGui::PopTextWrapPos();
    if (m_choosingPath) {
        ImGui::TextUnformatted("New GeoPackage:");
        ImGui::SetNextItemWidth(480.f * ctx.scale);
        const bool entered = ImGui::InputText("##newGpkg", &m_path, ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::BeginDisabled(m_path.empty());
        if (ImGui::Button("Save") || (entered && !m_path.empty())) answer(WriteBackAnswer::SaveAsNew, out);
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (m_pending && ImGui::Button("Cancel")) answer(WriteBackAnswer::Cancel, out);
        ImGui::EndPopup();
        return;
    }
    if (ImGui::Button("Write")) answer(WriteBackAnswer::Write, out);
    ImGui::SameLine();
    if (m_pending && ImGui::Button("Save as new GeoPackage\xE2\x80\xA6")) {
        if (project)
            answer(WriteBackAnswer::SaveAsNew, out);
        else
            m_choosingPath = true;
    }
    if (m_pending && ImGui::IsItemHovered() && project)
        ImGui::SetTooltip("Save each edited layer as a new GeoPackage beside the project; the sources stay");
    ImGui::SameLine();
    if (m_pending &&
        (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)))
        answer(WriteBackAnswer::Cancel, out);
    ImGui::EndPopup();
}

}  // namespace fp
