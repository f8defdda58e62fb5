#pragma once

// Shared by the GL frame benchmarks: one headless context per process and a map state, renderer and offscreen
// target that have drawn one frame already (so llvmpipe's shader compilation is out of the way).
#include <memory>

#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "render/gl/gl.h"
#include "render/gl/headless_context.h"
#include "render/gl/offscreen_target.h"
#include "render/map_renderer.h"

namespace fp::bench {

/// The process's headless GL context, made current on first use.
inline HeadlessContext& context() {
    static auto ctx = HeadlessContext::create().value();
    return *ctx;
}

struct MapFixture {
    std::unique_ptr<MapState> state;
    std::unique_ptr<MapRenderer> renderer;
    OffscreenTarget target;
};

/// `scene` at `width`x`height`, framed on Kosovo and Serbia, synced and drawn once into the bound target.
inline MapFixture makeMapFixture(MapScene scene, int width, int height) {
    context();
    auto state = std::make_unique<MapState>(MapState::create(std::move(scene)).value());
    state->resize(width, height, 1.0f);
    state->frame(defaultFocusBBox());
    auto renderer = MapRenderer::create().value();
    renderer->sync(state->scene(), state->projection());
    auto target = OffscreenTarget::create(width, height).value();
    target.bind();
    renderer->draw(state->scene(), state->view());
    glFinish();
    return {std::move(state), std::move(renderer), std::move(target)};
}

}  // namespace fp::bench
