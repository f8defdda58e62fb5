#include "ui/panels/recovery_dialog.h"

#include <imgui.h>

namespace fp {

void RecoveryDialog::offer(std::vector<RecoveryOffer> offers) {
    m_offers = std::move(offers);
    m_open = !m_offers.empty();
}

std::string RecoveryDialog::describeFirst() const {
    if (m_offers.empty()) return {};
    const RecoveryOffer& o = m_offers.front();
    // "2026-12-07T01:24:29Z" reads as "2026-12-07 01:24:29 UTC".
    std::string when = o.savedAt;
    if (when.size() == 20 && when[10] == 'T' && when.back() == 'Z')
        when = when.substr(0, 10) + " " + when.substr(11, 8) + " UTC";
    std::string text = "Flashpoint did not close cleanly. It kept a copy of the unsaved changes to \"" +
                       o.projectName + "\" (" +
                       (o.projectPath.empty() ? std::string("not saved to a file yet") : o.projectPath) +
                       "), written " + when + ".";
    if (!o.notKept.empty()) {
        text +=
            "\nNot in the copy (incidents made in that session without a source file, which a project "
            "cannot hold):";
        for (const std::string& name : o.notKept) text += " \"" + name + "\"";
        text += ".";
    }
    return text;
}

void RecoveryDialog::draw(const UiContext& ctx, CommandList& out) {
    if (!m_open || m_offers.empty()) {
        m_open = false;
        return;
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos({display.x * 0.5f, display.y * 0.35f}, ImGuiCond_Appearing, {0.5f, 0.5f});
    ImGui::SetNextWindowSize({540.f * ctx.scale, 0.f}, ImGuiCond_Appearing);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
    if (ImGui::Begin(title(), nullptr, flags)) {
        ImGui::TextWrapped("%s", describeFirst().c_str());
        if (m_offers.size() > 1) ImGui::TextDisabled("%zu more copies after this one", m_offers.size() - 1);
        ImGui::Spacing();
        const std::string path = m_offers.front().path;
        bool decided = false;
        if (ImGui::Button("Restore")) {
            out.push_back(RecoverProject{path, true});
            decided = true;
        }
        ImGui::SameLine();
        if (ImGui::Button("Discard")) {
            out.push_back(RecoverProject{path, false});
            decided = true;
        }
        ImGui::SameLine();
        if (ImGui::Button("Later")) m_open = false;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keep the copy and ask again at the next start");
        if (decided) {
            m_offers.erase(m_offers.begin());
            m_open = !m_offers.empty();
        }
    }
    ImGui::End();
}

}  // namespace fp
