#include "app/cli/render_command.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "app/cli/cli.h"
#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "core/util/atomic_file.h"
#include "core/util/log.h"
#include "render/export/image_io.h"
#include "render/gl/gl.h"
#include "render/gl/headless_context.h"
#include "render/gl/offscreen_target.h"
#include "render/map_renderer.h"

namespace fp {

namespace {

constexpr int kMaxSide = 16384;

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

std::string lowerExtension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

}  // namespace

void addRenderCommand(CLI::App& app, RenderOptions& o) {
    CLI::App* cmd =
        app.add_subcommand("render", "Render the map to a PNG image, headless (no display needed)");
    cmd->add_option("-o,--output", o.output, "Output image file (.png)")->required();
    cmd->add_option("--size", o.size, "Image size in pixels, WIDTHxHEIGHT")->capture_default_str();
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
    cmd->add_flag("--no-default-layers", o.noDefaultLayers, "Leave out the embedded Kosovo/Serbia layers");
    cmd->add_flag("--no-labels", o.noLabels, "Do not draw labels");
    cmd->add_flag("--timings", o.timings, "Print how long each phase took to stderr");
}

int runRenderCommand(const RenderOptions& o) {
    // Validate everything the user typed before any expensive work.
    auto size = parseImageSize(o.size, kMaxSide);
    if (!size) return usage(size.error());
    GeoBBox frameBox = defaultFocusBBox();
    if (!o.bbox.empty()) {
        auto box = parseGeoBBox(o.bbox);
        if (!box) return usage(box.error());
        frameBox = box.value();
    }
    if (lowerExtension(o.output) != ".png")
        return usage(makeError(ErrorCode::InvalidArgument, o.output, "output must be a .png file"));
    if (Status s = checkWritableOutput(o.output); !s) return fail(s.error());

    PhaseTimer timer(o.timings);
    MapScene scene;
    if (!o.noDefaultLayers) {
        std::vector<LoadReport> reports;
        auto loaded = loadDefaultScene(reports);
        if (!loaded) return fail(loaded.error());
        scene = std::move(loaded).value();
    }
    auto state = MapState::create(std::move(scene));
    if (!state) return fail(state.error());
    if (!o.crs.empty()) {
        if (Status s = state->setCrs(o.crs); !s) return fail(s.error());
    }
    bool layerFailed = false;
    for (const auto& path : o.layers) {
        auto ids = state->addLayers(path);
        if (!ids) layerFailed = true;  // already logged to stderr with its reason
    }
    GeoBBox incidentExtent;
    for (const auto& source : o.incidents) {
        auto id = state->addIncidents(source);
        if (!id) {
            layerFailed = true;  // already logged to stderr with its reason
            continue;
        }
        for (const auto& layer : state->scene().incidentLayers)
            if (layer.id == id.value() && layer.data) incidentExtent.extend(layer.data->extent());
    }
    if (layerFailed) return kExitFailure;
    if (state->scene().layers.empty() && state->scene().incidentLayers.empty())
        return fail(makeError(ErrorCode::EmptyLayer, "render", "nothing to draw: no layers"));
    // Incidents far from the default view are framed instead (with room around a single place).
    if (o.bbox.empty() && !incidentExtent.empty() && !incidentExtent.intersects(frameBox)) {
        frameBox = incidentExtent;
        if (frameBox.width() < 0.1 && frameBox.height() < 0.1)
            frameBox = GeoBBox::fromCorners(frameBox.centerX() - 0.1, frameBox.centerY() - 0.1,
                                            frameBox.centerX() + 0.1, frameBox.centerY() + 0.1);
    }
    for (auto& layer : state->scene().layers)
        if (o.noLabels) layer.style.labelField.clear();

    state->resize(size->first, size->second, 1.0f);
    state->frame(frameBox);
    if (state->view().visibleExtent().empty())
        return fail(makeError(ErrorCode::ProjectionFailed, o.bbox, "the box cannot be shown in this CRS"));

    timer.lap("load layers");
    auto context = HeadlessContext::create();
    if (!context) return fail(context.error());
    auto target = OffscreenTarget::create(size->first, size->second);
    if (!target) return fail(target.error());
    auto renderer = MapRenderer::create();
    if (!renderer) return fail(renderer.error());
    timer.lap("GL context, shaders, font");
    renderer.value()->sync(state->scene(), state->projection());
    timer.lap("prepare and upload layers");
    target->bind();
    renderer.value()->draw(state->scene(), state->view());
    glFinish();
    timer.lap("first frame drawn");
    Image image = target->readPixels();
    if (Status s = writePng(image, o.output); !s) return fail(s.error());
    timer.lap("read back and write PNG");
    std::fprintf(stdout, "wrote %s (%dx%d)\n", o.output.c_str(), image.width, image.height);
    return kExitOk;
}

}  // namespace fp
