#include "render/base_map_cache.h"

#include "core/util/log.h"
#include "render/gl/gl.h"

namespace fp {

BaseMapKey currentBaseMapKey(const MapScene& scene, const MapView& view, uint64_t placeGeneration) {
    BaseMapKey key;
    key.layers.reserve(scene.layers.size());
    for (const MapLayer& layer : scene.layers)
        key.layers.push_back({layer.id, layer.data.get(), layer.style});
    key.crs = scene.crs.definition();
    key.background = scene.background;
    key.placeLabels = scene.placeLabels;
    key.gazetteer = scene.gazetteer.get();
    key.placeGeneration = placeGeneration;
    key.center = view.center;
    key.unitsPerPixel = view.unitsPerPixel;
    key.widthPx = view.widthPx;
    key.heightPx = view.heightPx;
    key.pixelRatio = view.pixelRatio;
    GLint framebuffer = 0, samples = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &framebuffer);
    glGetIntegerv(GL_SAMPLES, &samples);
    key.framebuffer = framebuffer;
    key.samples = samples;
    return key;
}

BaseMapCache::Step BaseMapCache::plan(const BaseMapKey& key) {
    if (m_broken) return Step::Draw;
    if (m_held && *m_held == key) return Step::Copy;
    const bool repeated = m_last && *m_last == key;
    m_last = key;
    return repeated ? Step::Capture : Step::Draw;
}

bool BaseMapCache::beginCapture(const BaseMapKey& key) {
    m_held.reset();
    if (!m_target || m_target->width() != key.widthPx || m_target->height() != key.heightPx ||
        m_samples != key.samples) {
        m_target.reset();
        auto target = OffscreenTarget::create(key.widthPx, key.heightPx, std::max(1, key.samples));
        if (!target) {
            glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(key.framebuffer));
            return false;
        }
        m_target.emplace(std::move(target).value());
        m_samples = key.samples;
    }
    m_target->bind();
    return true;
}

bool BaseMapCache::endCapture(const BaseMapKey& key) {
    m_held = key;
    return copyToTarget();
}

bool BaseMapCache::copyToTarget() {
    const int framebuffer = m_held->framebuffer;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_target->framebufferId());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(framebuffer));
    glBlitFramebuffer(0, 0, m_held->widthPx, m_held->heightPx, 0, 0, m_held->widthPx, m_held->heightPx,
                      GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(framebuffer));
    if (const std::string error = gl::takeGlError(); !error.empty()) {
        logDebug("base map cache off: copying it into the target failed (" + error + ")");
        m_broken = true;
        clear();
        return false;
    }
    return true;
}

void BaseMapCache::clear() {
    m_target.reset();
    m_held.reset();
    m_last.reset();
}

}  // namespace fp
