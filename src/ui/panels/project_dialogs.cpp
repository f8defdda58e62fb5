#include "ui/panels/project_dialogs.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <utility>

#include <filesystem>

#include "ui/widgets.h"

namespace fp {

namespace {

constexpr const char* kQuestion = "Unsaved changes";

/// "quitting", "opening a project", ...: what the question is about.
const char* pendingVerb(const Command& pending) {
    if (std::holds_alternative<Quit>(pending)) return "quitting";
    if (std::holds_alternative<OpenProject>(pending)) return "opening another project";
    return "starting a new project";
}

/// `pending` to run without asking again.
Command discarding(Command pending) {
    std::visit(
        [](auto& c) {
            if constexpr (requires { c.discardChanges; }) c.discardChanges = true;
        },
        pending);
    return pending;
}

}  // namespace

void ProjectDialogs::openPathDialog(ProjectDialogKind kind) {
    m_kind = kind;
    m_pathOpen = true;
    m_focusPath = true;
    m_error.clear();
    m_confirmOverwrite.clear();
    m_path = kind == ProjectDialogKind::SaveAs && !m_info.needsNewPath ? m_info.path : std::string();
}

void ProjectDialogs::save(CommandList& out) {
    if (m_info.needsNewPath || m_info.path.empty())
        openPathDialog(ProjectDialogKind::SaveAs);
    else
        out.push_back(SaveProject{});
}

void ProjectDialogs::askUnsavedChanges(Command pending) {
    m_pending = std::move(pending);
    m_afterSave = false;
    m_openQuestion = true;
}

void ProjectDialogs::onCommandResult(const Command& command, const Status& status) {
    const bool save = std::holds_alternative<SaveProject>(command);
    if (!save && !std::holds_alternative<OpenProject>(command)) return;
    if (save && status.ok() && std::exchange(m_saveAsked, false)) return;
    if (status.ok()) {
        m_pathOpen = false;
        m_error.clear();
    } else {
        m_error = status.error().describe();
    }
    if (save) {
        // The action that waited for the save runs only when the changes are safe.
        if (status.ok() && m_afterSave && m_pending) m_queued = discarding(std::move(*m_pending));
        m_pending.reset();
        m_afterSave = false;
    }
}

void ProjectDialogs::saveCancelled() {
    m_saveAsked = false;
    m_pending.reset();
    m_afterSave = false;
}

void ProjectDialogs::draw(const UiContext& ctx, CommandList& out) {
    if (m_queued) {
        out.push_back(std::move(*m_queued));
        m_queued.reset();
    }
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && m_saveKey >= 0 && ImGui::IsKeyPressed(m_saveKey, false)) save(out);
    drawPathDialog(ctx, out);
    drawUnsavedQuestion(ctx, out);
}

void ProjectDialogs::drawPathDialog(const UiContext& ctx, CommandList& out) {
    if (!m_pathOpen) return;
    const float s = ctx.scale;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos({io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.3f}, ImGuiCond_Appearing,
                            {0.5f, 0.5f});
    ImGui::SetNextWindowSize({520.f * s, 0.f}, ImGuiCond_Appearing);
    const bool saving = m_kind == ProjectDialogKind::SaveAs;
    const char* name = saving ? "Save project as###projectpath" : "Open project###projectpath";
    if (ImGui::Begin(name, &m_pathOpen, ImGuiWindowFlags_NoCollapse)) {
        if (m_focusPath) {
            ImGui::SetKeyboardFocusHere();
            m_focusPath = false;
        }
        ImGui::SetNextItemWidth(-1.f);
        bool submit = ImGui::InputTextWithHint("##projectpath", "Path to a .flashpoint.json file", &m_path,
                                               ImGuiInputTextFlags_EnterReturnsTrue);
        std::string path = cleanPathInput(m_path);
        if (saving && !path.empty() && std::filesystem::path(path).extension() != ".json")
            path += ".flashpoint.json";
        if (saving) ImGui::TextDisabled("Paths inside or near its folder are saved relative to the project.");
        std::error_code ec;
        const bool replacing =
            saving && !path.empty() && path != m_info.path && std::filesystem::exists(path, ec);
        if (replacing && m_confirmOverwrite == path) {
            ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Warning, ctx.theme));
            ImGui::TextWrapped("%s exists. Replace it?", path.c_str());
            ImGui::PopStyleColor();
        }
        if (!m_error.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Error, ctx.theme));
            ImGui::TextWrapped("%s", m_error.c_str());
            ImGui::PopStyleColor();
        }
        ImGui::BeginDisabled(path.empty());
        const char* action = !saving ? "Open" : replacing && m_confirmOverwrite == path ? "Replace" : "Save";
        submit |= ImGui::Button(action);
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) {
            m_pathOpen = false;
            m_pending.reset();
            m_afterSave = false;
        }
        if (submit && !path.empty()) {
            m_error.clear();
            if (replacing && m_confirmOverwrite != path) {
                m_confirmOverwrite = path;  // asked above on the next frame; a second Enter replaces
            } else if (saving) {
                out.push_back(SaveProject{path});
            } else {
                out.push_back(OpenProject{path});
            }
        }
    }
    ImGui::End();
    if (!m_pathOpen && m_afterSave) {  // closed with the window's X while a quit waited for the save
        m_pending.reset();
        m_afterSave = false;
    }
}

void ProjectDialogs::drawUnsavedQuestion(const UiContext& ctx, CommandList& out) {
    if (m_openQuestion) {
        ImGui::OpenPopup(kQuestion);
        m_openQuestion = false;
    }
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos({io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.4f}, ImGuiCond_Appearing,
                            {0.5f, 0.5f});
    if (!ImGui::BeginPopupModal(kQuestion, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const std::string verb = m_pending ? pendingVerb(*m_pending) : "going on";
    ImGui::Text("Save the changes to \"%s\" before %s?", m_info.name.c_str(), verb.c_str());
    ImGui::TextDisabled("Discarded changes are lost.");
    ImGui::Spacing();
    const float width = 100.f * ctx.scale;
    if (ImGui::Button("Save", {width, 0.f}) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false)) {
        m_afterSave = true;
        save(out);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Discard", {width, 0.f})) {
        if (m_pending) out.push_back(discarding(std::move(*m_pending)));
        m_pending.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", {width, 0.f}) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
        m_pending.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace fp
