#include "app/cli/cli.h"

#include <CLI/CLI.hpp>

#include <cstdio>

#include "app/cli/animate_command.h"
#include "app/cli/geocode_file_command.h"
#include "app/cli/info_command.h"
#include "app/cli/places_command.h"
#include "app/cli/render_command.h"
#include "app/gui/gui_app.h"
#include "core/util/log.h"

namespace fp {

namespace {

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
    CLI::App app{
        "Flashpoint: map incidents over country boundaries, play them back in time, export briefings.\n"
        "Run without arguments to open the map window.",
        "flashpoint"};
    app.set_version_flag("--version", std::string("flashpoint ") + FP_VERSION);
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
    GuiOptions gui;
    addGuiCommand(app, gui);
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
    if (app.got_subcommand("gui")) return runGuiWith(gui);  // installs its own stderr sink
    Log::instance().addSink(stderrSink(LogLevel::Warning));
    if (app.got_subcommand("render")) return runRenderCommand(render);
    if (app.got_subcommand("info")) return runInfoCommand(info);
    if (app.got_subcommand("animate")) return runAnimateCommand(animate);
    if (app.got_subcommand("geocode")) return runGeocodeCommand(geocode);
    if (app.got_subcommand("places-build")) return runPlacesBuildCommand(placesBuild);
    if (app.got_subcommand("geocode-file")) return runGeocodeFileCommand(geocodeFile);
    std::fprintf(stderr, "flashpoint: error: no subcommand given\nRun 'flashpoint --help' for usage.\n");
    return kExitUsage;
}

}  // namespace fp
