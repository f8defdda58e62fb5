#include "render/gl/offscreen_target.h"

#include <cstring>

namespace fp {

namespace {
gl::Renderbuffer makeRenderbuffer(GLenum format, int samples, int w, int h) {
    GLuint id = 0;
    glGenRenderbuffers(1, &id);
    glBindRenderbuffer(GL_RENDERBUFFER, id);
    if (samples > 1)
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, format, w, h);
    else
        glRenderbufferStorage(GL_RENDERBUFFER, format, w, h);
    return gl::Renderbuffer(id);
}
gl::Framebuffer makeFramebuffer() {
    GLuint id = 0;
    glGenFramebuffers(1, &id);
    return gl::Framebuffer(id);
}
}  // namespace

Result<OffscreenTarget> OffscreenTarget::create(int width, int height, int samples) {
    GLint maxSize = 0, maxSamples = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxSize);
    glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
    if (width < 1 || height < 1 || width > maxSize || height > maxSize) {
        return makeError(ErrorCode::InvalidArgument, std::to_string(width) + "x" + std::to_string(height),
                         "image size must be between 1 and " + std::to_string(maxSize) + " pixels a side");
    }
    samples = std::max(1, std::min(samples, static_cast<int>(maxSamples)));
    OffscreenTarget t;
    t.m_width = width;
    t.m_height = height;
    t.m_msColor = makeRenderbuffer(GL_RGBA8, samples, width, height);
    t.m_msDepthStencil = makeRenderbuffer(GL_DEPTH24_STENCIL8, samples, width, height);
    t.m_msFbo = makeFramebuffer();
    glBindFramebuffer(GL_FRAMEBUFFER, t.m_msFbo.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, t.m_msColor.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER,
                              t.m_msDepthStencil.id());
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        return makeError(ErrorCode::GraphicsError, "offscreen framebuffer",
                         "multisampled framebuffer incomplete");
    t.m_resolveColor = makeRenderbuffer(GL_RGBA8, 1, width, height);
    t.m_resolveFbo = makeFramebuffer();
    glBindFramebuffer(GL_FRAMEBUFFER, t.m_resolveFbo.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, t.m_resolveColor.id());
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        return makeError(ErrorCode::GraphicsError, "offscreen framebuffer", "resolve framebuffer incomplete");
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (auto err = gl::takeGlError(); !err.empty())
        return makeError(ErrorCode::GraphicsError, "offscreen framebuffer", err + " (out of memory?)");
    return t;
}

void OffscreenTarget::bind() const {
    glBindFramebuffer(GL_FRAMEBUFFER, m_msFbo.id());
    glViewport(0, 0, m_width, m_height);
}

Image OffscreenTarget::readPixels() const {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_msFbo.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, m_resolveFbo.id());
    glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, m_width, m_height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_resolveFbo.id());
    Image img;
    img.width = m_width;
    img.height = m_height;
    img.rgba.resize(static_cast<size_t>(m_width) * m_height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, m_width, m_height, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    // GL rows run bottom-up; files and screens top-down.
    const size_t row = static_cast<size_t>(m_width) * 4;
    std::vector<uint8_t> tmp(row);
    for (int y = 0; y < m_height / 2; ++y) {
        uint8_t* a = &img.rgba[y * row];
        uint8_t* b = &img.rgba[(m_height - 1 - y) * row];
        std::memcpy(tmp.data(), a, row);
        std::memcpy(a, b, row);
        std::memcpy(b, tmp.data(), row);
    }
    return img;
}

}  // namespace fp
