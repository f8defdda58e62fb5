#pragma once

#include <cstdint>
#include <vector>

#include "core/util/result.h"
#include "render/gl/gl_objects.h"

namespace fp {

/// RGBA8 pixels, rows top to bottom (as image files store them), straight (non-premultiplied) alpha.
struct Image {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> rgba;
    uint8_t* pixel(int x, int y) { return &rgba[(static_cast<size_t>(y) * width + x) * 4]; }
    const uint8_t* pixel(int x, int y) const { return &rgba[(static_cast<size_t>(y) * width + x) * 4]; }
};

/// A framebuffer object to draw a map into without a window: colour + stencil (multisampled if asked; the map
/// needs no multisampling), resolved into a plain texture for read-back. Needs a current GL context for its
/// whole life.
class OffscreenTarget {
public:
    /// Fails with ErrorCode::InvalidArgument for sizes outside 1..GL_MAX_RENDERBUFFER_SIZE.
    static Result<OffscreenTarget> create(int width, int height, int samples = 1);

    /// Binds the (multisampled) framebuffer and sets the viewport to the whole target.
    void bind() const;
    /// Resolves the samples and reads the pixels back (flipped to top-down rows).
    Image readPixels() const;
    int width() const { return m_width; }
    int height() const { return m_height; }
    /// The multisampled framebuffer bind() binds (a glBlitFramebuffer source or destination).
    GLuint framebufferId() const { return m_msFbo.id(); }

private:
    int m_width = 0;
    int m_height = 0;
    gl::Framebuffer m_msFbo;
    gl::Renderbuffer m_msColor;
    gl::Renderbuffer m_msDepthStencil;
    gl::Framebuffer m_resolveFbo;
    gl::Renderbuffer m_resolveColor;
};

}  // namespace fp
