#include "render/headless_renderer.h"

namespace fp {

HeadlessRendererStart HeadlessRendererStart::begin() {
    return HeadlessRendererStart(std::async(std::launch::async, []() -> Result<HeadlessRenderer> {
        auto context = HeadlessContext::create();
        if (!context) return context.error();
        auto renderer = MapRenderer::create();
        if (!renderer) return renderer.error();
        context.value()->release();
        return HeadlessRenderer{std::move(context).value(), std::move(renderer).value()};
    }));
}

HeadlessRendererStart::~HeadlessRendererStart() {
    // The renderer's GL objects are deleted in its destructor, which needs the context current.
    if (m_made.valid()) (void)take();
}

Result<HeadlessRenderer> HeadlessRendererStart::take() {
    auto made = m_made.get();
    if (made) made.value().context->makeCurrent();
    return made;
}

}  // namespace fp
