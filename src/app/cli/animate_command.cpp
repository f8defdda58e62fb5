#include "app/cli/animate_command.h"

#include <unistd.h>
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <tuple>

#include "app/cli/cli.h"
#include "app/cli/cli_output.h"
#include "app/session/session_startup.h"
#include "core/export/export_limits.h"
#include "core/export/frame_folder.h"
#include "core/export/output_guard.h"
#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "core/project/project_file.h"
#include "core/util/atomic_file.h"
#include "core/util/input_file.h"
#include "core/util/log.h"
#include "render/export/animation_export.h"
#include "render/headless_renderer.h"
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

/// An error about a flag's value: "--fps: '0': reason".
int usage(const char* flag, const Error& e) {
    Error named = e;
    const bool quote = !e.source.empty() && e.source.rfind("--", 0) != 0;
    named.message = (quote ? "'" + e.source + "': " : "") + e.message;
    named.source = flag;
    return printError(named, kExitUsage);
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

namespace {

/// What the flags say, checked before any expensive work.
struct AnimateFlags {
    std::optional<std::pair<int, int>> size;
    AnimationOutput output = AnimationOutput::Mp4;
    std::optional<TimeStep> step;
    std::optional<TimeWindowSpec> window;
    std::optional<TimePoint> from, to;
    std::optional<GeoBBox> bbox;
    std::optional<IncidentDrawStyle> style;  ///< --style; nullopt: each layer keeps its own
};

/// Checks every flag the user typed; prints the error (naming the flag) and returns the exit code, or 0.
int checkFlags(const AnimateOptions& o, AnimateFlags& flags) {
    if (o.fps && (*o.fps < 1 || *o.fps > 60))
        return usage("--fps", makeError(ErrorCode::InvalidArgument, std::to_string(*o.fps),
                                        "frame rate must be 1..60 frames per second"));
    if (!o.size.empty()) {
        auto size = parseImageSize(o.size, kMaxExportSidePx);
        if (!size) return usage("--size", size.error());
        flags.size = size.value();
    }
    auto outputKind = animationOutputForPath(o.output);
    if (!outputKind) return usage("--output", outputKind.error());
    flags.output = outputKind.value();
    if (flags.output == AnimationOutput::Mp4 && flags.size &&
        (flags.size->first % 2 != 0 || flags.size->second % 2 != 0))
        return usage("--size", makeError(ErrorCode::InvalidArgument, o.size,
                                         "MP4 (H.264) needs an even width and height"));
    if (!o.step.empty()) {
        auto parsed = parseTimeStep(o.step);
        if (!parsed) return usage("--step", parsed.error());
        flags.step = parsed.value();
    }
    if (!o.window.empty()) {
        auto parsed = parseWindowField(o.window, "--window");
        if (!parsed) return printError(parsed.error(), kExitUsage);
        flags.window = parsed.value();
    }
    for (auto [text, name, cursor] :
         {std::tuple{&o.from, "--from", &flags.from}, std::tuple{&o.to, "--to", &flags.to}}) {
        if (text->empty()) continue;
        auto t = parseCursorField(*text, name);
        if (!t) return printError(t.error(), kExitUsage);
        *cursor = t.value();
    }
    if (flags.from && flags.to && !(*flags.from < *flags.to))
        return printError(makeError(ErrorCode::InvalidArgument, "--to",
                                    "'" + o.to + "' is not after --from '" + o.from + "'"),
                          kExitUsage);
    if (!o.bbox.empty()) {
        auto box = parseGeoBBox(o.bbox);
        if (!box) return usage("--bbox", box.error());
        flags.bbox = box.value();
    }
    auto style = parseStyleFlag(o.style);
    if (!style) return printError(style.error(), kExitUsage);
    flags.style = style.value();
    if (flags.output == AnimationOutput::PngFolder) {
        if (Status s = FrameFolderWriter::checkTarget(o.output); !s)
            return printError(s.error(), kExitFailure);
    } else if (Status s = checkWritableOutput(o.output); !s) {
        return printError(s.error(), kExitFailure);
    }
    return kExitOk;
}

/// The export the flags ask for from the session's project: its export settings and playback step with the
/// flags over them, frames over the incidents' days unless --from/--to say otherwise. Prints the error and
/// returns the exit code, or 0.
int animationSpecOf(const AnimateOptions& o, const AnimateFlags& flags, const Session& session,
                    AnimationSpec& spec) {
    const MapState& state = session.state();
    ExportSettings settings = session.project().exportSettings();
    if (o.fps) settings.fps = *o.fps;
    if (flags.size) {
        settings.widthPx = flags.size->first;
        settings.heightPx = flags.size->second;
    }
    if (flags.output == AnimationOutput::Mp4 && (settings.widthPx % 2 != 0 || settings.heightPx % 2 != 0))
        return printError(makeError(ErrorCode::InvalidArgument, o.project,
                                    "the project's export size " + std::to_string(settings.widthPx) + "x" +
                                        std::to_string(settings.heightPx) +
                                        " is odd; MP4 (H.264) needs an even width and height: give --size"),
                          kExitFailure);
    const TimeStep step = flags.step ? *flags.step : state.playback().step;
    std::optional<TimePoint> from = flags.from, to = flags.to;
    // Without dates the animation spans the incidents' days.
    const TimeSpan data = state.dataTimeSpan();
    if (!from || !to) {
        if (data.begin == data.end)
            return printError(makeError(ErrorCode::InvalidArgument, !from ? "--from" : "--to",
                                        "needed: there are no incidents to take the time range from"),
                              kExitUsage);
        if (!from) from = coveredSpan(data.begin, data.begin, TimePrecision::Day).end;
        const TimePoint lastSecond{data.end.seconds - 1};
        if (!to) to = coveredSpan(lastSecond, lastSecond, TimePrecision::Day).end;
    }
    auto plan = planFrames(*from, *to, step);
    if (!plan) return usage(!(*from < *to) ? "--to" : "--step", plan.error());
    spec.outputPath = o.output;
    spec.output = flags.output;
    spec.plan = std::move(plan).value();
    spec.settings = settings;
    spec.title = briefingTitle(session, session.homeView().bbox.value_or(GeoBBox{}));
    spec.time = state.time();
    if (flags.window)
        spec.time.window = *flags.window;
    else if (spec.time.window.mode == WindowMode::All)
        spec.time.window = windowOfStep(step);
    spec.time.fadeByAge = spec.time.fadeByAge || o.fade;
    spec.time.showGhosts = spec.time.showGhosts || o.ghosts;
    if (const char* program = std::getenv("FLASHPOINT_FFMPEG"); program && *program) spec.ffmpeg = program;
    return kExitOk;
}

/// Renders and writes every frame of `spec` from `state` (each frame sets its own time), with progress on
/// stderr; Ctrl+C cancels and leaves nothing behind.
int runExport(const AnimationSpec& spec, MapState state, HeadlessRendererStart& gl, bool quiet) {
    auto made = gl.take();
    if (!made) return printError(made.error(), kExitFailure);
    std::unique_ptr<MapRenderer>& renderer = made.value().renderer;
    InterruptGuard guard;
    auto job = AnimationExport::start(spec);
    if (!job) return printError(job.error(), kExitFailure);
    Progress progress(quiet);
    while (!job.value()->done()) {
        if (g_interrupted) {
            job.value()->cancel();
            progress.interrupted(job.value()->framesDone());
            std::fprintf(stderr, "flashpoint: cancelled after %zu of %zu frames; nothing was written\n",
                         job.value()->framesDone(), job.value()->frameCount());
            return kExitCancelled;
        }
        if (Status s = job.value()->renderNext(state, *renderer); !s)
            return printError(s.error(), kExitFailure);
        progress.frame(job.value()->framesDone(), job.value()->frameCount(), job.value()->lastLabel());
    }
    if (Status s = job.value()->finish(); !s) return printError(s.error(), kExitFailure);
    std::fprintf(stdout, "wrote %s (%zu frames, %dx%d)\n", spec.outputPath.c_str(), job.value()->frameCount(),
                 spec.settings.widthPx, spec.settings.heightPx);
    return kExitOk;
}

}  // namespace

int runAnimateCommand(const AnimateOptions& o) {
    AnimateFlags flags;
    if (int code = checkFlags(o, flags); code != kExitOk) return code;
    SessionStart start;
    start.project = o.project;
    start.defaultLayers = !o.noDefaultLayers;
    start.layers = o.layers;
    start.incidents = o.incidents;
    start.dateFormat = o.read.dateFormat;
    start.encoding = o.read.encoding;
    start.timeFromFlags = false;  // the frames' times come from --from/--to/--step/--window below
    start.bbox = flags.bbox;
    // The GL context and shaders are made on a worker while the layers load.
    HeadlessRendererStart gl = HeadlessRendererStart::begin();
    StartOutcome outcome;
    auto session = startSession(start, timeFlagNames(), printStartReport, outcome);
    if (!session) return printError(session.error(), kExitFailure);
    if (outcome.failedSources > 0) return kExitFailure;  // each already said
    if (session->state().scene().layers.empty() && session->state().scene().incidentLayers.empty())
        return printError(makeError(ErrorCode::EmptyLayer, "animate", "nothing to draw: no layers"),
                          kExitFailure);
    {
        // Nothing the animation reads may be overwritten by what it writes.
        std::vector<std::string> inputs = sceneInputs(session->state().scene());
        if (!o.project.empty()) inputs.push_back(o.project);
        if (Status s = checkOutputsAreNotInputs({o.output}, inputs); !s)
            return printError(s.error(), kExitFailure);
    }
    if (Status s = applyStyleFlag(session.value(), flags.style); !s)
        return printError(s.error(), kExitFailure);
    AnimationSpec spec;
    if (int code = animationSpecOf(o, flags, session.value(), spec); code != kExitOk) return code;
    session->resize(spec.settings.widthPx, spec.settings.heightPx,
                    static_cast<float>(spec.settings.dpi / 96.0));
    session->frameHome();
    if (session->state().view().visibleExtent().empty())
        return printError(
            makeError(ErrorCode::ProjectionFailed, o.bbox, "the box cannot be shown in this CRS"),
            kExitFailure);
    auto frames = session->state().copy();
    if (!frames) return printError(frames.error(), kExitFailure);
    return runExport(spec, std::move(frames).value(), gl, o.quiet);
}

}  // namespace fp
