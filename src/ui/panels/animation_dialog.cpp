#include "ui/panels/animation_dialog.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/export/animation_output.h"
#include "core/export/export_limits.h"
#include "core/export/frame_plan.h"
#include "ui/widgets.h"

namespace fs = std::filesystem;

namespace fp {

namespace {

const char* const kStepChoices[] = {"1h", "6h", "12h", "1d", "2d", "1w", "1m"};
const char* const kWindowChoices[] = {"1d", "3d", "1w", "2w", "1m", "cumulative", "all"};
const SizePreset kSizes[] = {{"1280 x 720 (HD)", 1280, 720},
                             {"1920 x 1080 (Full HD)", 1920, 1080},
                             {"960 x 540", 960, 540},
                             {"640 x 360", 640, 360},
                             {"3840 x 2160 (4K)", 3840, 2160}};

/// A combo of `choices` that also keeps a value typed elsewhere (e.g. "5d" from the playback settings).
void choiceCombo(const char* label, std::string& value, const char* const* choices, size_t count) {
    if (!ImGui::BeginCombo(label, value.c_str())) return;
    for (size_t i = 0; i < count; ++i)
        if (ImGui::Selectable(choices[i], value == choices[i])) value = choices[i];
    ImGui::EndCombo();
}

std::string dayText(TimePoint t) {
    return formatIso(t, TimePrecision::Day);
}

}  // namespace

std::string formatWindowLength(const TimeWindowSpec& spec) {
    if (spec.mode == WindowMode::All) return "all";
    if (spec.mode == WindowMode::Cumulative) return "cumulative";
    if (spec.months > 0) return std::to_string(spec.months) + "m";
    if (spec.seconds > 0 && spec.seconds % (7 * kSecondsPerDay) == 0)
        return std::to_string(spec.seconds / (7 * kSecondsPerDay)) + "w";
    if (spec.seconds > 0 && spec.seconds % kSecondsPerDay == 0)
        return std::to_string(spec.seconds / kSecondsPerDay) + "d";
    return std::to_string(std::max<int64_t>(1, spec.seconds / 3600)) + "h";
}

void AnimationDialog::open(const MapState& state) {
    const TimeSpan data = state.dataTimeSpan();
    if (!m_initialised || !(m_initialisedFor == data)) {
        if (data.begin < data.end) {
            from = dayText(data.begin);
            to = dayText(TimePoint{data.end.seconds - 1});  // the last day holding an incident
        }
        step = formatTimeStep(state.playback().step);
        const TimeState& time = state.time();
        window = time.window.mode == WindowMode::All ? formatWindowLength(windowOfStep(state.playback().step))
                                                     : formatWindowLength(time.window);
        fade = time.fadeByAge;
        ghosts = time.showGhosts;
        m_initialisedFor = data;
        m_initialised = true;
    }
    if (output.empty()) {
        output = m_settings.lastAnimationPath;
        if (output.empty()) {
            const char* home = std::getenv("HOME");
            output = (fs::path(home && *home ? home : ".") / "flashpoint-animation.gif").string();
        }
    }
    m_confirmOverwrite = false;
    m_open = true;
    m_appearing = true;
}

Result<ExportAnimation> AnimationDialog::request() const {
    ExportAnimation r;
    r.outputPath = cleanPathInput(output);
    auto kind = animationOutputForPath(r.outputPath);
    if (!kind) return makeError(ErrorCode::InvalidArgument, "Output", kind.error().message);
    auto first = parseCursorField(trimBlanks(from), "From");
    if (!first) return first.error();
    auto last = parseCursorField(trimBlanks(to), "To");
    if (!last) return last.error();
    auto parsedStep = parseTimeStep(step);
    if (!parsedStep) return makeError(ErrorCode::InvalidArgument, "Step", parsedStep.error().message);
    auto parsedWindow = parseWindowField(window, "Window");
    if (!parsedWindow) return parsedWindow.error();
    auto plan = planFrames(first.value(), last.value(), parsedStep.value());
    if (!plan) return makeError(ErrorCode::InvalidArgument, "To", plan.error().message);
    if (m_settings.fps < 1 || m_settings.fps > 60)
        return makeError(ErrorCode::InvalidArgument, "Frame rate", "must be 1..60 frames per second");
    if (m_settings.widthPx < 16 || m_settings.heightPx < 16 || m_settings.widthPx > kMaxExportSidePx ||
        m_settings.heightPx > kMaxExportSidePx)
        return makeError(ErrorCode::InvalidArgument, "Size",
                         "must be 16.." + std::to_string(kMaxExportSidePx) + " pixels a side");
    if (kind.value() == AnimationOutput::Mp4 && (m_settings.widthPx % 2 != 0 || m_settings.heightPx % 2 != 0))
        return makeError(ErrorCode::InvalidArgument, "Size", "MP4 (H.264) needs an even width and height");
    r.first = first.value();
    r.last = last.value();
    r.step = parsedStep.value();
    r.time.window = parsedWindow.value();
    r.time.fadeByAge = fade;
    r.time.showGhosts = ghosts;
    r.fps = m_settings.fps;
    r.widthPx = m_settings.widthPx;
    r.heightPx = m_settings.heightPx;
    return r;
}

size_t AnimationDialog::frameCount() const {
    auto r = request();
    if (!r) return 0;
    auto plan = planFrames(r->first, r->last, r->step);
    return plan ? plan->size() : 0;
}

void AnimationDialog::draw(const UiContext& ctx, CommandList& out) {
    if (!m_open) return;
    const float s = ctx.scale;
    ImGui::SetNextWindowSize({460.f * s, 0.f}, ImGuiCond_Appearing);
    centreNextDialog(m_appearing);
    bool open = true;
    const ImGuiWindowFlags flags =
        ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize;
    // While frames are being rendered the window cannot be closed: Cancel is the way out.
    if (!ImGui::Begin(title(), m_status.running ? nullptr : &open, flags)) {
        ImGui::End();
        return;
    }
    if (m_status.running)
        drawProgress(ctx, out);
    else
        drawForm(ctx, out);
    ImGui::End();
    if (!open) m_open = false;
}

void AnimationDialog::drawProgress(const UiContext& ctx, CommandList& out) {
    const float fraction = m_status.frameCount ? static_cast<float>(m_status.framesDone) /
                                                     static_cast<float>(m_status.frameCount)
                                               : 0.f;
    char overlay[128];
    std::snprintf(overlay, sizeof overlay, "frame %zu / %zu   %s", m_status.framesDone, m_status.frameCount,
                  m_status.dateLabel.c_str());
    ImGui::TextUnformatted(("Exporting " + ellipsize(output, 360.f * ctx.scale)).c_str());
    ImGui::ProgressBar(fraction, {-1.f, 0.f}, overlay);
    if (ImGui::Button("Cancel")) out.push_back(CancelAnimationExport{});
    itemTooltip("Stop now; nothing is written");
}

// Longer than a page on purpose: one form read top to bottom, in the order the user fills it.
void AnimationDialog::drawForm(const UiContext& ctx, CommandList& out) {
    const float s = ctx.scale;
    const float fieldWidth = 300.f * s;
    ImGui::BeginDisabled(m_confirmOverwrite);
    ImGui::SetNextItemWidth(fieldWidth);
    inputText("Output", output, "crisis.mp4, crisis.gif or a folder");
    itemTooltip(".mp4 (H.264) or .gif through ffmpeg; a folder (a name without extension) for PNG frames");
    ImGui::SetNextItemWidth(140.f * s);
    inputText("From", from, "2022-12-01");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(140.f * s);
    inputText("To", to, "2022-12-31");
    itemTooltip("Dates (UTC) of the first and last frame, both included; a date shows its whole day");
    ImGui::SetNextItemWidth(140.f * s);
    choiceCombo("Step", step, kStepChoices, std::size(kStepChoices));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(140.f * s);
    choiceCombo("Window", window, kWindowChoices, std::size(kWindowChoices));
    itemTooltip(
        "Which incidents each frame shows: those of a window ending with the frame's date, all up to "
        "it (cumulative), or all");
    ImGui::Checkbox("Fade older incidents", &fade);
    ImGui::SameLine();
    ImGui::Checkbox("Ghosts", &ghosts);
    itemTooltip("Show incidents outside the window faintly");

    sizePresetCombo(kSizes, m_settings, 200.f * s);
    ImGui::SameLine();
    int wh[2] = {m_settings.widthPx, m_settings.heightPx};
    ImGui::SetNextItemWidth(140.f * s);
    if (ImGui::InputInt2("##customsize", wh)) {
        m_settings.widthPx = std::clamp(wh[0], 1, kMaxExportSidePx);
        m_settings.heightPx = std::clamp(wh[1], 1, kMaxExportSidePx);
    }
    ImGui::SetNextItemWidth(140.f * s);
    ImGui::SliderInt("Frames per second", &m_settings.fps, 1, 30);
    ImGui::EndDisabled();

    ImGui::Separator();
    auto req = request();
    const size_t frames = req ? frameCount() : 0;
    if (req) {
        ImGui::Text("%zu frames, %.1f s at %d fps, each %dx%d, with its date", frames,
                    static_cast<double>(frames) / m_settings.fps, m_settings.fps, m_settings.widthPx,
                    m_settings.heightPx);
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Warning, ctx.theme));
        ImGui::TextWrapped("%s", req.error().describe().c_str());
        ImGui::PopStyleColor();
    }
    if (!m_status.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Error, ctx.theme));
        ImGui::TextWrapped("Export failed: %s", m_status.error.c_str());
        ImGui::PopStyleColor();
    } else if (m_status.cancelled) {
        ImGui::TextDisabled("Cancelled; nothing was written.");
    } else if (!m_status.written.empty()) {
        ImGui::TextWrapped("Wrote %s (%zu frames).", m_status.written.c_str(), m_status.frameCount);
    }

    auto emit = [&] {
        m_settings.lastAnimationPath = req->outputPath;
        m_status = {};
        m_confirmOverwrite = false;
        out.push_back(req.value());
    };
    if (m_confirmOverwrite) {
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Warning, ctx.theme));
        ImGui::TextWrapped("%s already exists. Replace it?", req ? req->outputPath.c_str() : output.c_str());
        ImGui::PopStyleColor();
        ImGui::BeginDisabled(!req);
        if (ImGui::Button("Replace")) emit();
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Keep it")) m_confirmOverwrite = false;
        return;
    }
    ImGui::BeginDisabled(!req);
    if (ImGui::Button("Export")) {
        std::error_code ec;
        if (fs::exists(req->outputPath, ec))
            m_confirmOverwrite = true;
        else
            emit();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Close")) m_open = false;
}

}  // namespace fp
