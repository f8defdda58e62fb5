#include "app/cli/render_command.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "app/cli/cli.h"
#include "app/cli/cli_output.h"
#include "app/session/session_startup.h"
#include "core/export/output_guard.h"
#include "core/geocode/incident_geocoder.h"
#include "core/places/gazetteer.h"
#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "core/project/project_file.h"
#include "core/time/time_window.h"
#include "core/util/atomic_file.h"
#include "core/util/input_file.h"
#include "core/util/log.h"
#include "core/util/process_memory.h"
#include "core/util/secrets.h"
#include "render/export/image_io.h"
#include "render/export/map_exporter.h"
#include "render/gl/gl.h"
#include "render/gl/offscreen_target.h"
#include "render/headless_renderer.h"
#include "render/map_renderer.h"

namespace fp {

namespace {

// Taken at static initialisation, i.e. as close to process start as the program can see.
const auto kProcessStart = std::chrono::steady_clock::now();

double processCpuMs() {
    timespec ts{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

/// Prints "timing: PHASE X ms (since start Y ms), CPU Z ms, RSS now / peak so far" when enabled: wall time of
/// the phase and from process start, the CPU time of the phase on all threads (which a busy machine does not
/// inflate) and the memory.
class PhaseTimer {
public:
    explicit PhaseTimer(bool enabled) : m_enabled(enabled), m_last(std::chrono::steady_clock::now()) {}
    void lap(const char* phase) {
        auto now = std::chrono::steady_clock::now();
        const double cpu = processCpuMs();
        if (m_enabled) {
            std::fprintf(
                stderr,
                "timing: %-28s %8.1f ms   (since process start %8.1f ms)   CPU %7.1f ms   RSS %6.0f MiB, "
                "peak %6.0f MiB\n",
                phase, std::chrono::duration<double, std::milli>(now - m_last).count(),
                std::chrono::duration<double, std::milli>(now - kProcessStart).count(), cpu - m_lastCpu,
                processStatusMiB("VmRSS"), processStatusMiB("VmHWM"));
        }
        m_last = now;
        m_lastCpu = cpu;
    }

private:
    bool m_enabled;
    std::chrono::steady_clock::time_point m_last;
    double m_lastCpu = 0.0;  // the first phase's CPU includes the process start (linking, static init)
};

}  // namespace

void addRenderCommand(CLI::App& app, RenderOptions& o) {
    CLI::App* cmd = app.add_subcommand("render", "Render the map to an image, headless (no display needed)");
    cmd->add_option("project", o.project,
                    "Project file to render (see docs/PROJECT.md); flags override what it says. Default: "
                    "the embedded Kosovo/Serbia project")
        ->type_name("PROJECT.json");
    cmd->add_option("-o,--output", o.output,
                    "Output image file: .png, .jpg (JPEG), .tif (GeoTIFF) or .pdf (GeoPDF); the last two are "
                    "georeferenced")
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
        ->check(CLI::Range(kMinExportDpi, kMaxExportDpi));
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
    cmd->add_option(
           "--save-project", o.saveProject,
           "Also save what was rendered (layers, incidents, CRS, view, time window, export settings) "
           "as a project file, to open in the window or render again")
        ->type_name("P.flashpoint.json");
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

/// What the flags say, checked before any expensive work.
struct RenderFlags {
    std::optional<std::pair<int, int>> size;
    std::optional<GeoBBox> bbox;
    ImageFormat format = ImageFormat::Png;
    std::optional<PlaceLabelScript> placeScript;  ///< --place-labels, unless absent or "none"
    std::optional<IncidentDrawStyle> style;       ///< --style; nullopt: each layer keeps its own
};

TimeRequest timeRequestOf(const RenderOptions& o) {
    return TimeRequest{o.at, o.window, o.from, o.to, o.fade, o.ghosts};
}

/// Checks every flag the user typed; the Error names the flag (a usage error).
Result<RenderFlags> checkFlags(const RenderOptions& o) {
    RenderFlags flags;
    if (!o.size.empty()) {
        auto size = parseImageSize(o.size, kMaxExportSidePx);
        if (!size) return size.error();
        flags.size = size.value();
    }
    if (!o.bbox.empty()) {
        auto box = parseGeoBBox(o.bbox);
        if (!box) return box.error();
        flags.bbox = box.value();
    }
    if (Status s = checkImageFileName(o.output); !s) return s.error();
    auto format = imageFormatForPath(o.output, o.worldFile);
    if (!format) return format.error();
    flags.format = format.value();
    if (o.worldFile && flags.format != ImageFormat::PngWorldFile)
        return makeError(ErrorCode::InvalidArgument, "--world-file", "needs a .png output");
    // The time flags are checked here too (with no data range); they are applied once data is loaded.
    // --fade or --ghosts alone may apply to a project's own window, so they wait for the project.
    const TimeRequest time = timeRequestOf(o);
    if (time.selectsWindow() || o.project.empty())
        if (auto t = resolveTimeRequest(time, {}, timeFlagNames()); !t) return t.error();
    if (!o.placeLabels.empty() && o.placeLabels != "none") {
        flags.placeScript = parsePlaceLabelScript(o.placeLabels);
        if (!flags.placeScript)
            return makeError(ErrorCode::InvalidArgument, "--place-labels",
                             "'" + o.placeLabels + "' is not one of none, local, latin, english");
    }
    auto style = parseStyleFlag(o.style);
    if (!style) return style.error();
    flags.style = style.value();
    return flags;
}

SessionStart sessionStartOf(const RenderOptions& o, const RenderFlags& flags) {
    SessionStart start;
    start.project = o.project;
    start.defaultLayers = !o.noDefaultLayers;
    start.crs = o.crs;
    start.layers = o.layers;
    start.incidents = o.incidents;
    start.dateFormat = o.read.dateFormat;
    start.encoding = o.read.encoding;
    start.time = timeRequestOf(o);
    start.bbox = flags.bbox;
    return start;
}

/// --no-labels and --place-labels, through the session's commands; the embedded gazetteer when place
/// labels are shown and the project brought none (an error only when --place-labels asked for names).
Status applyLabelFlags(Session& session, const RenderOptions& o, const RenderFlags& flags) {
    if (o.noLabels) {
        for (const MapLayer& layer : session.state().scene().layers) {
            LayerStyle style = layer.style;
            style.labelField.clear();
            if (Status s = session.apply(SetLayerStyle{layer.id, style}); !s) return s;
        }
    }
    PlaceLabelStyle places = session.state().scene().placeLabels;
    // The project's (or the default's) place labels, unless the flag says otherwise.
    if (!o.placeLabels.empty()) places.visible = flags.placeScript.has_value();
    if (flags.placeScript) places.script = *flags.placeScript;
    if (o.noLabels) places.visible = false;
    if (Status s = session.apply(SetPlaceLabels{places}); !s) return s;
    if (places.visible && !session.state().scene().gazetteer) {
        auto gazetteer = defaultGazetteer();
        if (gazetteer)
            session.setGazetteer(std::move(gazetteer).value());
        else if (!o.placeLabels.empty())
            return gazetteer.error();
    }
    return {};
}

/// The project's export settings with the flags over them.
ExportSettings exportSettingsOf(const RenderOptions& o, const RenderFlags& flags, ExportSettings settings) {
    // Furniture is drawn from these settings; the flags only fill in the text.
    if (!o.title.empty()) settings.furniture.titleText = o.title;
    if (flags.size) {
        settings.widthPx = flags.size->first;
        settings.heightPx = flags.size->second;
    }
    if (o.dpi > 0.0) settings.dpi = o.dpi;
    settings.format = flags.format;
    if (o.quality > 0) settings.jpegQuality = o.quality;
    if (!o.subtitle.empty()) settings.furniture.subtitleText = o.subtitle;
    if (!o.banner.empty()) {
        settings.furniture.banner = true;
        settings.furniture.bannerText = o.banner;
    }
    return settings;
}

/// Draws the session's map headless and writes it to o.output.
int drawAndWrite(const RenderOptions& o, const Session& session, const ExportSettings& settings,
                 HeadlessRendererStart& gl, PhaseTimer& timer) {
    auto made = gl.take();
    if (!made) return printError(made.error(), kExitFailure);
    std::unique_ptr<MapRenderer>& renderer = made.value().renderer;
    timer.lap("GL context, shaders, font (made while loading)");
    const MapState& state = session.state();
    size_t incidents = 0;
    for (const IncidentLayer& layer : state.scene().incidentLayers)
        if (layer.data) incidents += layer.data->size();
    if (incidents < kLargeDataSetRows) keepLargeBlocksForReuse();
    renderer->sync(state.scene(), state.projection());
    timer.lap("prepare and upload layers");
    ExportOptions exportOptions;
    // A project renders as its export settings say, furniture included, so that a briefing saved in the GUI
    // re-renders unchanged from a cron job. Without one, `render` keeps drawing the bare map unless
    // furniture is asked for (--furniture or any furniture text).
    exportOptions.furniture = !o.noFurniture && (!o.project.empty() || o.furniture || !o.title.empty() ||
                                                 !o.subtitle.empty() || !o.banner.empty());
    exportOptions.defaultTitle = briefingTitle(session, session.homeView().bbox.value_or(GeoBBox{}));
    // PNG streams band by band into the file: drawing, read-back and encoding are one phase.
    if (Status s = renderExportToFile(*renderer, state, settings, exportOptions, o.output,
                                      exportGeoReference(state, settings));
        !s)
        return printError(s.error(), kExitFailure);
    timer.lap("draw, read back, write image");
    std::fprintf(stdout, "wrote %s (%dx%d)\n", o.output.c_str(), settings.widthPx, settings.heightPx);
    return kExitOk;
}

}  // namespace

int runRenderCommand(const RenderOptions& o) {
    auto flags = checkFlags(o);
    if (!flags) return printError(flags.error(), kExitUsage);
    if (Status s = checkWritableOutput(o.output); !s) return printError(s.error(), kExitFailure);
    if (!o.saveProject.empty())
        if (Status s = checkWritableOutput(o.saveProject); !s) return printError(s.error(), kExitFailure);

    PhaseTimer timer(o.timings);
    // A one-off export allocates and frees buffers of its data's size (load, projection, density points,
    // bands): with many incidents peak memory counts more than the fresh pages this costs (~30 MiB less at
    // 1M). A small export goes back to reusing them once its layers are loaded (drawAndWrite).
    returnLargeBlocksWhenFreed();
    // The GL context and shaders are made on a worker while the layers load.
    HeadlessRendererStart gl = HeadlessRendererStart::begin();
    StartOutcome outcome;
    auto session = startSession(sessionStartOf(o, flags.value()), timeFlagNames(), printStartReport, outcome);
    if (!session) return printError(session.error(), kExitFailure);
    const ExportSettings settings = exportSettingsOf(o, flags.value(), session->project().exportSettings());
    if (!flags->size && !validateExportSize(settings.widthPx, settings.heightPx))
        return printError(makeError(ErrorCode::InvalidArgument, o.project,
                                    "export size " + std::to_string(settings.widthPx) + "x" +
                                        std::to_string(settings.heightPx) + " is over " +
                                        std::to_string(kMaxExportSidePx) + " pixels a side; give --size"),
                          kExitFailure);
    if (outcome.failedSources > 0) return kExitFailure;  // each already said
    const MapState& state = session->state();
    if (state.scene().layers.empty() && state.scene().incidentLayers.empty())
        return printError(makeError(ErrorCode::EmptyLayer, "render", "nothing to draw: no layers"),
                          kExitFailure);
    {
        // Nothing the render reads may be overwritten by what it writes.
        std::vector<std::string> inputs = sceneInputs(state.scene());
        if (!o.project.empty()) inputs.push_back(o.project);
        if (Status s = checkExportTarget(o.output, flags->format, inputs); !s)
            return printError(s.error(), kExitFailure);
        inputs.push_back(o.output);
        if (!o.saveProject.empty())
            if (Status s = checkOutputsAreNotInputs({o.saveProject}, inputs); !s)
                return printError(s.error(), kExitFailure);
    }
    if (Status s = applyLabelFlags(session.value(), o, flags.value()); !s)
        return printError(s.error(), kExitFailure);
    if (Status s = applyStyleFlag(session.value(), flags->style); !s)
        return printError(s.error(), kExitFailure);
    if (outcome.badTime) return printError(*outcome.badTime, kExitUsage);

    session->resize(settings.widthPx, settings.heightPx, 1.0f);
    session->frameHome();
    if (state.view().visibleExtent().empty())
        return printError(
            makeError(ErrorCode::ProjectionFailed, o.bbox, "the box cannot be shown in this CRS"),
            kExitFailure);
    timer.lap("load layers");
    const int drawn = drawAndWrite(o, session.value(), settings, gl, timer);
    if (drawn != kExitOk || o.saveProject.empty()) return drawn;
    // Written atomically: a kill or a full disk leaves the old file, never a part of the new one. A project
    // without a name of its own is named after its file, as Save as names it in the window.
    std::string name = session->project().name();
    if (name.empty() || name == "Untitled")
        name = std::filesystem::path(o.saveProject).stem().stem().string();
    if (Status s = saveProject(o.saveProject, session->state(), name, settings); !s)
        return printError(s.error(), kExitFailure);
    std::fprintf(stdout, "saved project %s\n", o.saveProject.c_str());
    return kExitOk;
}

}  // namespace fp
