#include "app/cli/cli.h"

#include <CLI/CLI.hpp>

#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

#include "app/cli/animate_command.h"
#include "app/cli/extract_command.h"
#include "app/cli/geocode_file_command.h"
#include "app/cli/info_command.h"
#include "app/cli/places_command.h"
#include "app/cli/render_command.h"
#include "app/cli/version_text.h"
#include "app/gui/gui_app.h"
#include "core/io/gdal_env.h"
#include "core/proj/crs.h"
#include "core/util/log.h"
#include "core/util/secrets.h"
#include "core/util/temp_files.h"
#include "render/gl/headless_context.h"

namespace fp {

Result<std::optional<IncidentDrawStyle>> parseStyleFlag(const std::string& text) {
    if (text.empty()) return std::optional<IncidentDrawStyle>();
    if (auto style = parseDrawStyle(text)) return std::optional<IncidentDrawStyle>(*style);
    return makeError(ErrorCode::InvalidArgument, "--style",
                     "'" + text + "' is not one of auto, markers, heatmap, hexbin");
}

Status applyStyleFlag(Session& session, std::optional<IncidentDrawStyle> style) {
    if (!style) return {};
    for (const IncidentLayer& layer : session.state().scene().incidentLayers) {
        IncidentStyle restyled = layer.style;
        restyled.drawStyle = *style;
        if (Status s = session.apply(SetIncidentStyle{layer.id, restyled}); !s) return s;
    }
    return {};
}

namespace {

/// `flashpoint --version`: the program and the GDAL, PROJ and OpenGL it runs with (a headless context is made
/// to ask the driver; without one, the reason is given instead).
std::string cliVersionText() {
    auto context = HeadlessContext::create();
    return versionText(context ? context.value()->describe()
                               : "not available: " + context.error().describe());
}

bool endsWith(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Free-text options where an empty value is a choice ("no subtitle"), not a mistake.
bool emptyAllowed(const CLI::Option& option) {
    for (const char* name : {"--title", "--subtitle", "--banner"})
        if (option.check_name(name)) return true;
    return false;
}

/// Every value the user types is checked the same way: an empty value ('') is refused instead of silently
/// meaning "not given", and a number must be finite (CLI::Range lets NaN through).
void checkEveryValue(CLI::App& app) {
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        for (CLI::Option* option : sub->get_options()) {
            if (option->get_expected_min() == 0 || option->check_name("--help")) continue;
            const bool number = option->get_type_name().rfind("FLOAT", 0) == 0;
            const bool empty = !emptyAllowed(*option);
            option->check(CLI::Validator(
                [number, empty](std::string& value) -> std::string {
                    if (empty && value.empty()) return "is empty: give a value, or leave the option out";
                    if (number) {
                        std::string v = value;
                        for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                        if (v.find("nan") != std::string::npos || v.find("inf") != std::string::npos)
                            return "'" + value + "' is not a finite number";
                    }
                    return {};
                },
                ""));
        }
    }
}

/// `flashpoint gui` and its flags (running without arguments opens the same window with none).
void addGuiCommand(CLI::App& app, GuiOptions& gui) {
    CLI::App* guiCmd = app.add_subcommand("gui", "Open the map window (what running without arguments does)");
    guiCmd
        ->add_option("project", gui.project,
                     "Project file to open (default: the embedded Kosovo/Serbia project)")
        ->type_name("PROJECT.json");
    guiCmd->add_option("--layer", gui.layers, "Vector layer to add on top of the embedded map; repeatable");
    guiCmd->add_option("--incidents", gui.incidents,
                       "Incident source (file or PG: connection string) to add as in the Incidents panel; "
                       "repeatable");
    guiCmd->add_option("--screenshot", gui.screenshotPath,
                       "Draw a few frames, save the window to this PNG and exit (for tests and docs)");
    guiCmd->add_option("--find", gui.findPlace, "Open Find place (Ctrl+F) with this text typed in");
    guiCmd->add_option("--frames", gui.frames, "Frames to draw before the screenshot")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    guiCmd->add_option("--at", gui.at, "Start at this date or time (UTC): the window ends with that day")
        ->type_name("DATE");
    guiCmd->add_option("--window", gui.window,
                       "With --at: window length 12h, 7d, 1w, 1m (calendar months), cumulative or all "
                       "(default 1d)");
}

}  // namespace

int runCli(int argc, char** argv) {
    // `flashpoint FILE.flashpoint.json [gui flags]` (a double-clicked project) opens the window on it.
    if (argc >= 2 && endsWith(argv[1], ".flashpoint.json")) {
        std::vector<char*> guiArgs{argv[0], const_cast<char*>("gui")};
        guiArgs.insert(guiArgs.end(), argv + 1, argv + argc);
        return runCli(static_cast<int>(guiArgs.size()), guiArgs.data());
    }
    CLI::App app{
        "Flashpoint: map incidents over country boundaries, play them back in time, export briefings.\n"
        "Run without arguments to open the map window.",
        "flashpoint"};
    app.set_version_flag("--version", cliVersionText, "Print the version and those of GDAL, PROJ and OpenGL");
    app.require_subcommand(0, 1);
    app.footer("Run 'flashpoint SUBCOMMAND --help' for the flags of a subcommand.");

    RenderOptions render;
    addRenderCommand(app, render);
    InfoOptions info;
    addInfoCommand(app, info);
    AnimateOptions animate;
    addAnimateCommand(app, animate);
    GeocodeOptions geocode;
    PlacesBuildOptions placesBuild;
    addPlacesCommands(app, geocode, placesBuild);
    GeocodeFileOptions geocodeFile;
    addGeocodeFileCommand(app, geocodeFile);
    ExtractCommandOptions extract;
    addExtractCommand(app, extract);
    GuiOptions gui;
    addGuiCommand(app, gui);
    checkEveryValue(app);
    // Reading over the network is the user's explicit choice, never a project's (core/util/secrets.h).
    bool allowNetwork = false;
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
        if (sub->get_name() != "places-build")
            sub->add_flag(
                "--allow-network", allowNetwork,
                "Let a project read layers or incidents over the network (http://, /vsicurl/, ...)");
    // Collect unknown top-level words ourselves (subcommands were created strict, before this), so the
    // message can name them instead of CLI11's generic "a subcommand is required".
    app.allow_extras();

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::fprintf(stderr, "flashpoint: error: %s\nRun 'flashpoint --help' for usage.\n", e.what());
        return kExitUsage;
    }

    if (!app.remaining().empty()) {
        std::fprintf(
            stderr,
            "flashpoint: error: unknown option or subcommand '%s'\nRun 'flashpoint --help' for usage.\n",
            app.remaining().front().c_str());
        return kExitUsage;
    }
    if (allowNetwork) setNetworkAllowed(true);
    if (app.got_subcommand("gui")) return runGuiWith(gui);  // installs its own stderr sink
    Log::instance().addSink(stderrSink(LogLevel::Warning));
    installTerminationCleanup();  // SIGTERM or Ctrl+C leaves no temporary file beside an output
    if (app.got_subcommand("render")) return runRenderCommand(render);
    if (app.got_subcommand("info")) return runInfoCommand(info);
    if (app.got_subcommand("animate")) return runAnimateCommand(animate);
    if (app.got_subcommand("geocode")) return runGeocodeCommand(geocode);
    if (app.got_subcommand("places-build")) return runPlacesBuildCommand(placesBuild);
    if (app.got_subcommand("geocode-file")) return runGeocodeFileCommand(geocodeFile);
    if (app.got_subcommand("extract")) return runExtractCommand(extract);
    std::fprintf(stderr, "flashpoint: error: no subcommand given\nRun 'flashpoint --help' for usage.\n");
    return kExitUsage;
}

}  // namespace fp
