#pragma once

#include <future>
#include <memory>

#include "core/util/result.h"
#include "render/gl/headless_context.h"
#include "render/map_renderer.h"

namespace fp {

/// A headless OpenGL context and a MapRenderer made in it, for the CLI's renders and animations.
struct HeadlessRenderer {
    std::unique_ptr<HeadlessContext> context;
    std::unique_ptr<MapRenderer> renderer;
};

/// Makes a HeadlessRenderer on a worker thread (EGL and the driver's start, shader compilation, the label
/// font: tens of milliseconds), so that it overlaps with loading the data the render needs. Start it first,
/// load, then take() it on the thread that draws.
class HeadlessRendererStart {
public:
    /// Starts making it now.
    static HeadlessRendererStart begin();
    HeadlessRendererStart(HeadlessRendererStart&&) = default;
    HeadlessRendererStart& operator=(HeadlessRendererStart&&) = delete;
    /// Waits for it; destroys it with its context current when it was never taken.
    ~HeadlessRendererStart();

    /// Waits for the worker and makes the context current on the calling thread. Call once. Fails as
    /// HeadlessContext::create or MapRenderer::create failed.
    Result<HeadlessRenderer> take();

private:
    explicit HeadlessRendererStart(std::future<Result<HeadlessRenderer>> made) : m_made(std::move(made)) {}
    std::future<Result<HeadlessRenderer>> m_made;
};

}  // namespace fp
