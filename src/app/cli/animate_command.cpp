#include "app/cli/animate_command.h"

#include <unistd.h>
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "app/cli/cli.h"
#include "core/export/frame_folder.h"
#include "core/export/output_guard.h"
#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "core/project/project_file.h"
#include "core/util/atomic_file.h"
#include "core/util/input_file.h"
#include "core/util/log.h"
#include "render/export/animation_export.h"
#include "render/gl/headless_context.h"
#include "render/map_renderer.h"

namespace fp {

namespace {

constexpr int kExitCancelled = 130;  // 128 + SIGINT, what shells report for a Ctrl+C

volatile std::sig_atomic_t g_interrupted = 0;
extern "C" void onInterrupt(int) {
    g_interrupted = 1;
}

/// Catches SIGINT and SIGTERM for its lifetime, so that a Ctrl+C ends the export cleanly.
class InterruptGuard {
public:
    InterruptGuard() {
        g_interrupted = 0;
        struct sigaction sa {};
        sa.sa_handler = onInterrupt;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &m_oldInt);
        sigaction(SIGTERM, &sa, &m_oldTerm);
    }
    ~InterruptGuard() {
        sigaction(SIGINT, &m_oldInt, nullptr);
        sigaction(SIGTERM, &m_oldTerm, nullptr);
    }

private:
    struct sigaction m_oldInt {};
    struct sigaction m_oldTerm {};
};

int report(const Error& e, int code) {
    std::fprintf(stderr, "flashpoint: error: %s\n", e.describe().c_str());
    return code;
}

/// An error about a flag's value: "--fps: '0': reason".
int usage(const char* flag, const Error& e) {
    Error named = e;
    const bool quote = !e.source.empty() && e.source.rfind("--", 0) != 0;
    named.message = (quote ? "'" + e.source + "': " : "") + e.message;
    named.source = flag;
    return report(named, kExitUsage);
}

/// The project given, else the embedded default project, else (--no-default-layers) an empty map framing
/// Kosovo and Serbia; with --layer and --incidents on top. A project's missing source is an error.
Result<LoadedProject> loadStartingProject(const AnimateOptions& o) {
    auto project = !o.project.empty()   ? loadProject(o.project, MissingSourcePolicy::Fail)
                   : !o.noDefaultLayers ? loadDefaultProject()
                                        : Result<LoadedProject>(makeError(ErrorCode::Internal, "", ""));
    if (o.project.empty() && o.noDefaultLayers) {
        auto state = MapState::create(MapScene{});
        if (!state) return state.error();
        ProjectView view;
        view.bbox = defaultFocusBBox();
        project = LoadedProject{{}, "", std::move(state).value(), view, {}, {}, {}};
    }
    if (!project) return project.error();
    for (const auto& path : o.layers)
        if (auto ids = project->state.addLayers(path); !ids) return ids.error();
    IncidentLoadOptions readOptions;
    applyIncidentReadFlags(o.read, readOptions);
    for (const auto& source : o.incidents)
        if (auto id = project->state.addIncidents(source, readOptions); !id) return id.error();
    if (project->state.scene().layers.empty() && project->state.scene().incidentLayers.empty())
        return makeError(ErrorCode::EmptyLayer, "animate", "nothing to draw: no layers");
    return project;
}

/// Progress on stderr: one rewritten line on a terminal, one line per frame otherwise (logs, pipes).
class Progress {
public:
    explicit Progress(bool quiet) : m_quiet(quiet), m_tty(::isatty(STDERR_FILENO) == 1) {}
    void frame(size_t done, size_t total, const std::string& label) {
        if (m_quiet) return;
        if (m_tty) {
            std::fprintf(stderr, "\rframe %zu/%zu %s  ", done, total, label.c_str());
            if (done == total) std::fputc('\n', stderr);
        } else {
            std::fprintf(stderr, "frame %zu/%zu %s\n", done, total, label.c_str());
        }
        std::fflush(stderr);
    }
    void interrupted(size_t done) {
        if (m_tty && !m_quiet && done > 0) std::fputc('\n', stderr);
    }

private:
    bool m_quiet;
    bool m_tty;
};

}  // namespace

void addAnimateCommand(CLI::App& app, AnimateOptions& o) {
    CLI::App* cmd = app.add_subcommand(
        "animate",
        "Render a time range frame by frame to MP4 or GIF (through the ffmpeg program) or to a folder of PNG "
        "frames, headless. Ctrl+C cancels and leaves nothing behind.");
    cmd->add_option("project", o.project,
                    "Project file (.flashpoint.json) whose layers, view, time window and export settings to "
                    "use (default: the embedded Kosovo/Serbia project); flags override it")
        ->type_name("PROJECT.json");
    cmd->add_option("-o,--output", o.output,
                    "Output: a .mp4 or .gif file, or a folder (new, empty, or a previous export) for "
                    "frame_00001.png... and frames.csv")
        ->required();
    cmd->add_option("--from", o.from,
                    "Date (UTC) of the first frame; default: the first day of the incidents")
        ->type_name("DATE");
    cmd->add_option("--to", o.to, "Date of the last frame (included); default: the last day of the incidents")
        ->type_name("DATE");
    cmd->add_option("--step", o.step, "Time between frames: 6h, 1d, 1w, 1m (calendar months); default 1d")
        ->type_name("STEP");
    cmd->add_option("--fps", o.fps, "Frames per second of MP4/GIF, 1..60 (default 4)")->type_name("N");
    cmd->add_option("--size", o.size, "Frame size in pixels, WIDTHxHEIGHT (default 1920x1080; even for MP4)");
    cmd->add_option("--window", o.window,
                    "Incidents each frame shows: those of a window ending with the frame's day (12h, 7d, 1w, "
                    "1m), cumulative, or all; default: one step")
        ->type_name("LENGTH");
    cmd->add_flag("--fade", o.fade, "Fade older incidents in the window instead of showing all opaque");
    cmd->add_flag("--ghosts", o.ghosts, "Show incidents outside the window as faint ghosts");
    cmd->add_option("--bbox", o.bbox,
                    "Area to frame: minlon,minlat,maxlon,maxlat in degrees (default: Kosovo and Serbia)");
    cmd->add_option("--layer", o.layers, "Extra vector layer to draw on top; repeatable");
    cmd->add_option("--incidents", o.incidents, "Incident source to draw as markers; repeatable")
        ->type_name("SOURCE");
    addIncidentReadFlags(cmd, o.read);
    cmd->add_flag("--no-default-layers", o.noDefaultLayers, "Leave out the embedded Kosovo/Serbia layers");
    cmd->add_option("--style", o.style, kStyleFlagHelp)->type_name("STYLE");
    cmd->add_flag("-q,--quiet", o.quiet, "No progress on stderr");
}

int runAnimateCommand(const AnimateOptions& o) {
    // Everything the user typed is checked before any expensive work.
    if (o.fps && (*o.fps < 1 || *o.fps > 60))
        return usage("--fps", makeError(ErrorCode::InvalidArgument, std::to_string(*o.fps),
                                        "frame rate must be 1..60 frames per second"));
    std::optional<std::pair<int, int>> sizeFlag;
    if (!o.size.empty()) {
        auto size = parseImageSize(o.size, 16384);
        if (!size) return usage("--size", size.error());
        sizeFlag = size.value();
    }
    auto outputKind = animationOutputForPath(o.output);
    if (!outputKind) return usage("--output", outputKind.error());
    const AnimationOutput output = outputKind.value();
    if (output == AnimationOutput::Mp4 && sizeFlag && (sizeFlag->first % 2 != 0 || sizeFlag->second % 2 != 0))
        return usage("--size", makeError(ErrorCode::InvalidArgument, o.size,
                                         "MP4 (H.264) needs an even width and height"));
    std::optional<TimeStep> stepFlag;
    if (!o.step.empty()) {
        auto parsed = parseTimeStep(o.step);
        if (!parsed) return usage("--step", parsed.error());
        stepFlag = parsed.value();
    }
    std::optional<TimeWindowSpec> window;
    if (!o.window.empty()) {
        auto parsed = parseWindowLength(o.window);
        if (!parsed)
            return usage("--window", makeError(ErrorCode::InvalidArgument, o.window,
                                               "not a window: use 12h, 7d, 1w, 1m, cumulative or all"));
        window = parsed.value();
    }
    std::optional<TimePoint> from, to;
    if (!o.from.empty()) {
        auto t = parseFrameCursor(o.from, "--from");
        if (!t) return report(t.error(), kExitUsage);
        from = t.value();
    }
    if (!o.to.empty()) {
        auto t = parseFrameCursor(o.to, "--to");
        if (!t) return report(t.error(), kExitUsage);
        to = t.value();
    }
    if (from && to && !(*from < *to))
        return report(makeError(ErrorCode::InvalidArgument, "--to",
                                "'" + o.to + "' is not after --from '" + o.from + "'"),
                      kExitUsage);
    std::optional<GeoBBox> bboxFlag;
    if (!o.bbox.empty()) {
        auto box = parseGeoBBox(o.bbox);
        if (!box) return usage("--bbox", box.error());
        bboxFlag = box.value();
    }
    auto style = parseStyleFlag(o.style);
    if (!style) return report(style.error(), kExitUsage);
    if (output == AnimationOutput::PngFolder) {
        if (Status s = FrameFolderWriter::checkTarget(o.output); !s) return report(s.error(), kExitFailure);
    } else if (Status s = checkWritableOutput(o.output); !s) {
        return report(s.error(), kExitFailure);
    }

    auto project = loadStartingProject(o);
    if (!project) return report(project.error(), kExitFailure);
    std::vector<std::string> inputs = sceneInputs(project->state.scene());
    if (!o.project.empty()) inputs.push_back(o.project);
    if (Status s = checkOutputsAreNotInputs({o.output}, inputs); !s) return report(s.error(), kExitFailure);
    MapState* state = &project->state;
    applyStyleFlag(state->scene(), style.value());
    // The project's export settings and playback step, with the flags over them.
    ExportSettings settings = project->exportSettings;
    if (o.fps) settings.fps = *o.fps;
    if (sizeFlag) {
        settings.widthPx = sizeFlag->first;
        settings.heightPx = sizeFlag->second;
    }
    if (output == AnimationOutput::Mp4 && (settings.widthPx % 2 != 0 || settings.heightPx % 2 != 0))
        return report(makeError(ErrorCode::InvalidArgument, o.project,
                                "the project's export size " + std::to_string(settings.widthPx) + "x" +
                                    std::to_string(settings.heightPx) +
                                    " is odd; MP4 (H.264) needs an even width and height: give --size"),
                      kExitFailure);
    const TimeStep step = stepFlag ? *stepFlag : state->playback().step;
    // Without dates the animation spans the incidents' days.
    const TimeSpan data = state->dataTimeSpan();
    if (!from || !to) {
        if (data.begin == data.end)
            return report(makeError(ErrorCode::InvalidArgument, !from ? "--from" : "--to",
                                    "needed: there are no incidents to take the time range from"),
                          kExitUsage);
        if (!from) from = coveredSpan(data.begin, data.begin, TimePrecision::Day).end;
        if (!to)
            to = coveredSpan(TimePoint{data.end.seconds - 1}, TimePoint{data.end.seconds - 1},
                             TimePrecision::Day)
                     .end;
    }
    auto plan = planFrames(*from, *to, step);
    if (!plan) return usage(!(*from < *to) ? "--to" : "--step", plan.error());

    AnimationSpec spec;
    spec.outputPath = o.output;
    spec.output = output;
    spec.plan = std::move(plan).value();
    spec.settings = settings;
    spec.title = project->name;
    spec.time = state->time();
    if (window)
        spec.time.window = *window;
    else if (spec.time.window.mode == WindowMode::All)
        spec.time.window = windowOfStep(step);
    spec.time.fadeByAge = spec.time.fadeByAge || o.fade;
    spec.time.showGhosts = spec.time.showGhosts || o.ghosts;
    if (const char* program = std::getenv("FLASHPOINT_FFMPEG"); program && *program) spec.ffmpeg = program;

    ProjectView view = project->view;
    if (bboxFlag) view.bbox = bboxFlag;
    fitProjectView(*state, view, settings.widthPx, settings.heightPx,
                   static_cast<float>(settings.dpi / 96.0));
    if (state->view().visibleExtent().empty())
        return report(makeError(ErrorCode::ProjectionFailed, o.bbox, "the box cannot be shown in this CRS"),
                      kExitFailure);

    auto context = HeadlessContext::create();
    if (!context) return report(context.error(), kExitFailure);
    auto renderer = MapRenderer::create();
    if (!renderer) return report(renderer.error(), kExitFailure);

    InterruptGuard guard;
    auto job = AnimationExport::start(spec);
    if (!job) return report(job.error(), kExitFailure);
    Progress progress(o.quiet);
    while (!job.value()->done()) {
        if (g_interrupted) {
            job.value()->cancel();
            progress.interrupted(job.value()->framesDone());
            std::fprintf(stderr, "flashpoint: cancelled after %zu of %zu frames; nothing was written\n",
                         job.value()->framesDone(), job.value()->frameCount());
            return kExitCancelled;
        }
        if (Status s = job.value()->renderNext(*state, *renderer.value()); !s)
            return report(s.error(), kExitFailure);
        progress.frame(job.value()->framesDone(), job.value()->frameCount(), job.value()->lastLabel());
    }
    if (Status s = job.value()->finish(); !s) return report(s.error(), kExitFailure);
    std::fprintf(stdout, "wrote %s (%zu frames, %dx%d)\n", o.output.c_str(), job.value()->frameCount(),
                 settings.widthPx, settings.heightPx);
    return kExitOk;
}

}  // namespace fp
