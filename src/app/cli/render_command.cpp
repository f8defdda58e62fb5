#include "app/cli/render_command.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "app/cli/cli.h"
#include "core/export/output_guard.h"
#include "core/geocode/incident_geocoder.h"
#include "core/places/gazetteer.h"
#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "core/project/project_file.h"
#include "core/time/time_window.h"
#include "core/util/atomic_file.h"
#include "core/util/log.h"
#include "core/util/secrets.h"
#include "render/export/image_io.h"
#include "render/export/map_exporter.h"
#include "render/gl/gl.h"
#include "render/gl/headless_context.h"
#include "render/gl/offscreen_target.h"
#include "render/map_renderer.h"

namespace fp {

namespace {

constexpr int kMaxSide = kMaxExportSidePx;

// Taken at static initialisation, i.e. as close to process start as the program can see.
const auto kProcessStart = std::chrono::steady_clock::now();

/// Prints "timing: PHASE X ms (since start Y ms)" when enabled.
class PhaseTimer {
public:
    explicit PhaseTimer(bool enabled) : m_enabled(enabled), m_last(std::chrono::steady_clock::now()) {}
    void lap(const char* phase) {
        auto now = std::chrono::steady_clock::now();
        if (m_enabled) {
            std::fprintf(stderr, "timing: %-28s %8.1f ms   (since process start %8.1f ms)\n", phase,
                         std::chrono::duration<double, std::milli>(now - m_last).count(),
                         std::chrono::duration<double, std::milli>(now - kProcessStart).count());
        }
        m_last = now;
    }

private:
    bool m_enabled;
    std::chrono::steady_clock::time_point m_last;
};

int fail(const Error& e) {
    std::fprintf(stderr, "flashpoint: error: %s\n", e.describe().c_str());
    return kExitFailure;
}

int usage(const Error& e) {
    std::fprintf(stderr, "flashpoint: error: %s\n", e.describe().c_str());
    return kExitUsage;
}

}  // namespace

void addRenderCommand(CLI::App& app, RenderOptions& o) {
    CLI::App* cmd = app.add_subcommand("render", "Render the map to an image, headless (no display needed)");
    cmd->add_option("project", o.project,
                    "Project file to render (see docs/PROJECT.md); flags override what it says. Default: "
                    "the embedded Kosovo/Serbia project")
        ->type_name("PROJECT.json");
    cmd->add_option("-o,--output", o.output,
                    "Output image file: .png, .jpg (JPEG) or .tif (GeoTIFF, georeferenced)")
        ->required();
    cmd->add_option("--size", o.size,
                    "Image size in pixels, WIDTHxHEIGHT (default: the project's export size, 1920x1080)");
    cmd->add_option("--title", o.title,
                    "Title of the briefing (default: the project's name; implies --furniture)")
        ->type_name("TEXT");
    cmd->add_option("--bbox", o.bbox,
                    "Area to frame: minlon,minlat,maxlon,maxlat in degrees (default: Kosovo and Serbia)");
    cmd->add_option("--crs", o.crs, "Map CRS: EPSG code or PROJ string (default EPSG:32634, UTM 34N)");
    cmd->add_option("--layer", o.layers,
                    "Extra vector layer to draw on top (any GDAL vector source); repeatable");
    cmd->add_option(
           "--incidents", o.incidents,
           "Incident source to draw as markers (Flashpoint, ACLED or GDELT CSV, GeoJSON, GeoPackage, "
           "PG:...); repeatable")
        ->type_name("SOURCE");
    addIncidentReadFlags(cmd, o.read);
    cmd->add_flag("--no-default-layers", o.noDefaultLayers,
                  "Without a project: leave out the embedded Kosovo/Serbia layers");
    cmd->add_flag("--no-labels", o.noLabels, "Do not draw labels");
    cmd->add_option(
           "--dpi", o.dpi,
           "Resolution the labels, markers and furniture are sized for (default: the project's, 96 = "
           "screen)")
        ->check(CLI::Range(24.0, 1200.0));
    cmd->add_option("--quality", o.quality, "JPEG quality 1..100 (default: the project's, 90)")
        ->check(CLI::Range(1, 100));
    cmd->add_flag("--furniture", o.furniture,
                  "Draw the map furniture: title, subtitle, time stamp, legend with counts, scale bar, north "
                  "arrow, attribution and inset map (the default when a PROJECT is given: as it says)");
    cmd->add_flag("--no-furniture", o.noFurniture, "Draw the bare map, without any furniture");
    cmd->add_option("--subtitle", o.subtitle,
                    "Subtitle (implies --furniture; default: the time window's date range)")
        ->type_name("TEXT");
    cmd->add_option("--banner", o.banner,
                    "Caveat or classification banner at the top and bottom (implies --furniture)")
        ->type_name("TEXT");
    cmd->add_flag("--world-file", o.worldFile, "With a .png: also write a .pgw world file and a .prj (CRS)");
    cmd->add_option("--style", o.style, kStyleFlagHelp)->type_name("STYLE");
    cmd->add_option("--place-labels", o.placeLabels,
                    "Gazetteer place names on the map: none, local (each place's own name), latin "
                    "(transliterated) or english (default: as the project says, else local)")
        ->type_name("SCRIPT");
    cmd->add_flag("--timings", o.timings, "Print how long each phase took to stderr");
    cmd->add_option("--at", o.at,
                    "Show incidents at this date or time (UTC): by default those of its whole day, or of "
                    "the --window ending with that day")
        ->type_name("DATE");
    cmd->add_option("--window", o.window,
                    "With --at: window length 12h, 7d, 1w, 1m (calendar months), or cumulative (from the "
                    "start of the data) or all")
        ->type_name("LENGTH");
    cmd->add_option("--from", o.from, "Show incidents from this date or time (UTC); not with --at")
        ->type_name("DATE");
    cmd->add_option("--to", o.to,
                    "Show incidents until this date (its whole day included) or time (excluded)")
        ->type_name("DATE");
    cmd->add_flag("--fade", o.fade,
                  "Fade incidents in the window by age, the oldest faint (needs --at or --from/--to)");
    cmd->add_flag("--ghosts", o.ghosts,
                  "Draw incidents outside the window as faint grey ghosts (needs --at or --from/--to)");
}

namespace {

/// A date flag's value, or an error naming the flag and the value.
Result<ParsedTime> parseDateFlag(const char* flag, const std::string& value) {
    auto t = parseTime(value);
    if (!t)
        return makeError(ErrorCode::InvalidArgument, flag,
                         "'" + value + "' is not a date or time (e.g. 2022-12-20 or 2022-12-20T14:30Z)");
    return t;
}

/// The time state the flags select (WindowMode::All when none is given); `data` is the incidents' time
/// range, used by --from or --to alone. --fade and --ghosts need a window.
Result<TimeState> timeStateFromFlags(const RenderOptions& o, TimeSpan data) {
    const bool moving = !o.at.empty() || !o.window.empty();
    const bool range = !o.from.empty() || !o.to.empty();
    if (moving && range)
        return makeError(
            ErrorCode::InvalidArgument, o.from.empty() ? "--to" : "--from",
            "'" + (o.from.empty() ? o.to : o.from) + "' cannot be combined with --at or --window");
    if (!o.window.empty() && o.at.empty())
        return makeError(ErrorCode::InvalidArgument, "--window", "'" + o.window + "' needs --at DATE");
    TimeState state{TimeWindowSpec{WindowMode::All, 0, 0}, TimePoint{}};
    if (!o.at.empty()) {
        auto at = parseDateFlag("--at", o.at);
        if (!at) return at.error();
        // A date alone puts the cursor at the end of its day, so that the day itself is in the window.
        state.cursor = at->precision == TimePrecision::Exact
                           ? at->time
                           : coveredSpan(at->time, at->time, at->precision).end;
        if (o.window.empty()) {  // the whole UTC day holding --at
            const TimePoint day = unitStart(at->time, TimePrecision::Day);
            state.window = TimeWindowSpec{WindowMode::Moving, 86400, 0};
            state.cursor = TimePoint{day.seconds + 86400};
        } else {
            auto spec = parseWindowLength(o.window);
            if (!spec)
                return makeError(
                    ErrorCode::InvalidArgument, "--window",
                    "'" + o.window + "' is not a window: use 12h, 7d, 1w, 1m, cumulative or all");
            state.window = spec.value();
        }
    } else if (range) {
        // An explicit [from, to) is a moving window of that length ending at `to`.
        TimeSpan w = data;
        if (!o.from.empty()) {
            auto from = parseDateFlag("--from", o.from);
            if (!from) return from.error();
            w.begin = unitStart(from->time, from->precision);
        }
        if (!o.to.empty()) {
            auto to = parseDateFlag("--to", o.to);
            if (!to) return to.error();
            w.end = to->precision == TimePrecision::Exact
                        ? to->time
                        : coveredSpan(to->time, to->time, to->precision).end;
        }
        if (!o.from.empty() && !o.to.empty() && !(w.begin < w.end))
            return makeError(ErrorCode::InvalidArgument, "--to",
                             "'" + o.to + "' is not after --from '" + o.from + "'");
        state.window =
            TimeWindowSpec{WindowMode::Moving, std::max<int64_t>(0, w.end.seconds - w.begin.seconds), 0};
        state.cursor = w.end;
    }
    for (const auto& [flag, on] : {std::pair{"--fade", o.fade}, std::pair{"--ghosts", o.ghosts}}) {
        if (on && state.window.mode == WindowMode::All)
            return makeError(ErrorCode::InvalidArgument, flag,
                             "needs a time window: give --at DATE (with a --window other than all), or "
                             "--from/--to");
    }
    state.fadeByAge = o.fade;
    state.showGhosts = o.ghosts;
    return state;
}

}  // namespace

namespace {

/// What the render starts from: the project given, else the embedded default project, else (with
/// --no-default-layers) an empty map framing Kosovo and Serbia. A project's missing source fails the render.
Result<LoadedProject> startingProject(const RenderOptions& o) {
    if (!o.project.empty()) return loadProject(o.project, MissingSourcePolicy::Fail);
    if (!o.noDefaultLayers) return loadDefaultProject();
    auto state = MapState::create(MapScene{});
    if (!state) return state.error();
    ProjectView view;
    view.bbox = defaultFocusBBox();
    return LoadedProject{{}, "", std::move(state).value(), view, {}, {}, {}};
}

bool anyTimeFlag(const RenderOptions& o) {
    return !o.at.empty() || !o.window.empty() || !o.from.empty() || !o.to.empty();
}

}  // namespace

int runRenderCommand(const RenderOptions& o) {
    // Validate everything the user typed before any expensive work.
    std::optional<std::pair<int, int>> sizeFlag;
    if (!o.size.empty()) {
        auto size = parseImageSize(o.size, kMaxSide);
        if (!size) return usage(size.error());
        sizeFlag = size.value();
    }
    std::optional<GeoBBox> bboxFlag;
    if (!o.bbox.empty()) {
        auto box = parseGeoBBox(o.bbox);
        if (!box) return usage(box.error());
        bboxFlag = box.value();
    }
    if (Status s = checkImageFileName(o.output); !s) return usage(s.error());
    auto format = imageFormatForPath(o.output, o.worldFile);
    if (!format) return usage(format.error());
    if (o.worldFile && format.value() != ImageFormat::PngWorldFile)
        return usage(makeError(ErrorCode::InvalidArgument, "--world-file", "needs a .png output"));
    // The time flags are checked here too (with a placeholder range); they are applied once data is loaded.
    // --fade or --ghosts alone may apply to a project's own window, so they wait for the project.
    if (anyTimeFlag(o) || o.project.empty())
        if (auto t = timeStateFromFlags(o, {}); !t) return usage(t.error());
    std::optional<PlaceLabelScript> placeScript;  // --place-labels, unless absent or "none"
    if (!o.placeLabels.empty() && o.placeLabels != "none") {
        placeScript = parsePlaceLabelScript(o.placeLabels);
        if (!placeScript)
            return usage(makeError(ErrorCode::InvalidArgument, "--place-labels",
                                   "'" + o.placeLabels + "' is not one of none, local, latin, english"));
    }
    auto style = parseStyleFlag(o.style);
    if (!style) return usage(style.error());
    if (Status s = checkWritableOutput(o.output); !s) return fail(s.error());

    PhaseTimer timer(o.timings);
    auto project = startingProject(o);
    if (!project) return fail(project.error());
    MapState& state = project->state;
    ProjectView view = project->view;
    ExportSettings exportSettings = project->exportSettings;
    // Furniture is drawn from these settings; the flag only fills in the text.
    if (!o.title.empty()) exportSettings.furniture.titleText = o.title;
    const int width = sizeFlag ? sizeFlag->first : exportSettings.widthPx;
    const int height = sizeFlag ? sizeFlag->second : exportSettings.heightPx;
    if (!sizeFlag && (width > kMaxSide || height > kMaxSide))
        return fail(makeError(ErrorCode::InvalidArgument, o.project,
                              "export size " + std::to_string(width) + "x" + std::to_string(height) +
                                  " is over " + std::to_string(kMaxSide) + " pixels a side; give --size"));
    if (!o.crs.empty()) {
        // setCrs keeps the centre and ground scale of the saved view; the scale is then in the new units.
        if (Status s = state.setCrs(o.crs); !s) return kExitFailure;  // already logged, with its reason
        if (!view.bbox) {
            const ProjectView saved = view;
            view = currentProjectView(state);
            view.widthPx = saved.widthPx;
            view.heightPx = saved.heightPx;
        }
    }
    bool layerFailed = false;
    for (const auto& path : o.layers) {
        auto ids = state.addLayers(path);
        if (!ids) layerFailed = true;  // already logged to stderr with its reason
    }
    GeoBBox incidentExtent;
    IncidentLoadOptions readOptions;
    applyIncidentReadFlags(o.read, readOptions);
    for (const auto& source : o.incidents) {
        auto id = state.addIncidents(source, readOptions);
        if (!id) {
            layerFailed = true;  // already logged to stderr with its reason
            continue;
        }
        for (const auto& layer : state.scene().incidentLayers)
            if (layer.id == id.value() && layer.data) incidentExtent.extend(layer.data->extent());
        if (const GeocodeSummary& g = state.lastIncidentFormat().geocoding; g.any())
            std::fprintf(stderr, "%s: %s\n", scrubSecrets(source).c_str(), g.describe().c_str());
    }
    if (layerFailed) return kExitFailure;
    {
        // Nothing the render reads may be overwritten by what it writes.
        std::vector<std::string> inputs = sceneInputs(state.scene());
        if (!o.project.empty()) inputs.push_back(o.project);
        if (Status s = checkExportTarget(o.output, format.value(), inputs); !s) return fail(s.error());
    }
    if (state.scene().layers.empty() && state.scene().incidentLayers.empty())
        return fail(makeError(ErrorCode::EmptyLayer, "render", "nothing to draw: no layers"));
    if (bboxFlag) {
        view.bbox = bboxFlag;
    } else if (o.project.empty() && view.bbox && !incidentExtent.empty() &&
               !incidentExtent.intersects(*view.bbox)) {
        // Incidents far from the default view are framed instead (with room around a single place).
        GeoBBox box = incidentExtent;
        if (box.width() < 0.1 && box.height() < 0.1)
            box = GeoBBox::fromCorners(box.centerX() - 0.1, box.centerY() - 0.1, box.centerX() + 0.1,
                                       box.centerY() + 0.1);
        view.bbox = box;
    }
    if (o.noLabels)
        for (auto& layer : state.scene().layers) layer.style.labelField.clear();
    MapScene& sc = state.scene();
    applyStyleFlag(sc, style.value());
    // The project's (or the default's) place labels, unless the flag says otherwise.
    if (!o.placeLabels.empty()) sc.placeLabels.visible = placeScript.has_value();
    if (placeScript) sc.placeLabels.script = *placeScript;
    if (o.noLabels) sc.placeLabels.visible = false;
    // A project or --no-default-layers brings no gazetteer: the embedded one serves (required only when
    // --place-labels asks for names).
    if (sc.placeLabels.visible && !sc.gazetteer) {
        auto g = defaultGazetteer();
        if (g)
            sc.gazetteer = std::move(g).value();
        else if (!o.placeLabels.empty())
            return fail(g.error());
    }
    if (anyTimeFlag(o) || o.project.empty()) {
        auto time = timeStateFromFlags(o, state.dataTimeSpan());
        if (!time) return usage(time.error());
        state.time() = time.value();
    } else if (o.fade || o.ghosts) {
        if (state.time().window.mode == WindowMode::All)
            return usage(makeError(ErrorCode::InvalidArgument, o.fade ? "--fade" : "--ghosts",
                                   "needs a time window: the project shows all incidents; give --at DATE "
                                   "or --from/--to"));
        state.time().fadeByAge = state.time().fadeByAge || o.fade;
        state.time().showGhosts = state.time().showGhosts || o.ghosts;
    }

    fitProjectView(state, view, width, height, 1.0f);
    if (state.view().visibleExtent().empty())
        return fail(makeError(ErrorCode::ProjectionFailed, o.bbox, "the box cannot be shown in this CRS"));

    timer.lap("load layers");
    auto context = HeadlessContext::create();
    if (!context) return fail(context.error());
    auto renderer = MapRenderer::create();
    if (!renderer) return fail(renderer.error());
    timer.lap("GL context, shaders, font");
    renderer.value()->sync(state.scene(), state.projection());
    timer.lap("prepare and upload layers");
    ExportSettings& settings = exportSettings;
    settings.widthPx = width;
    settings.heightPx = height;
    if (o.dpi > 0.0) settings.dpi = o.dpi;
    settings.format = format.value();
    if (o.quality > 0) settings.jpegQuality = o.quality;
    if (!o.subtitle.empty()) settings.furniture.subtitleText = o.subtitle;
    if (!o.banner.empty()) {
        settings.furniture.banner = true;
        settings.furniture.bannerText = o.banner;
    }
    ExportOptions exportOptions;
    // A project renders as its export settings say, furniture included, so that a briefing saved in the GUI
    // re-renders unchanged from a cron job. Without one, `render` keeps drawing the bare map unless
    // furniture is asked for (--furniture or any furniture text).
    exportOptions.furniture = !o.noFurniture && (!o.project.empty() || o.furniture || !o.title.empty() ||
                                                 !o.subtitle.empty() || !o.banner.empty());
    exportOptions.defaultTitle = project->name;
    // PNG streams band by band into the file: drawing, read-back and encoding are one phase.
    if (Status s = renderExportToFile(*renderer.value(), state, settings, exportOptions, o.output,
                                      exportGeoReference(state, settings));
        !s)
        return fail(s.error());
    timer.lap("draw, read back, write image");
    std::fprintf(stdout, "wrote %s (%dx%d)\n", o.output.c_str(), width, height);
    return kExitOk;
}

}  // namespace fp
