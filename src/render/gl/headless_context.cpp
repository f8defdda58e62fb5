#include "render/gl/headless_context.h"

#include <epoxy/egl.h>

#include "render/gl/gl.h"

namespace fp {

struct HeadlessContext::Impl {
    EGLDisplay display = EGL_NO_DISPLAY;
    EGLContext context = EGL_NO_CONTEXT;
};

namespace {

Error eglError(const char* step) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s failed (EGL error 0x%04X)", step, eglGetError());
    return makeError(ErrorCode::GraphicsError, "headless OpenGL (EGL)", buf);
}

EGLDisplay openDisplay() {
    // Surfaceless Mesa needs neither X nor a GPU device node: exactly what CI and cron jobs have.
    if (epoxy_has_egl_extension(EGL_NO_DISPLAY, "EGL_MESA_platform_surfaceless")) {
        EGLDisplay d = eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
        if (d != EGL_NO_DISPLAY) return d;
    }
    return eglGetDisplay(EGL_DEFAULT_DISPLAY);
}

}  // namespace

Result<std::unique_ptr<HeadlessContext>> HeadlessContext::create() {
    std::unique_ptr<HeadlessContext> ctx(new HeadlessContext());
    ctx->m_impl = std::make_unique<Impl>();
    Impl& s = *ctx->m_impl;
    s.display = openDisplay();
    if (s.display == EGL_NO_DISPLAY) return eglError("eglGetDisplay");
    EGLint major = 0, minor = 0;
    if (!eglInitialize(s.display, &major, &minor)) return eglError("eglInitialize");
    if (!eglBindAPI(EGL_OPENGL_API)) return eglError("eglBindAPI(OpenGL)");

    // EGL_SURFACE_TYPE 0: we never make an EGL surface (the default, EGL_WINDOW_BIT, matches no surfaceless
    // config); drawing goes to framebuffer objects.
    const EGLint configAttribs[] = {EGL_SURFACE_TYPE, 0, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                                    EGL_RED_SIZE,     8, EGL_GREEN_SIZE,      8,
                                    EGL_BLUE_SIZE,    8, EGL_ALPHA_SIZE,      8,
                                    EGL_NONE};
    EGLConfig config = nullptr;
    EGLint count = 0;
    if (!eglChooseConfig(s.display, configAttribs, &config, 1, &count) || count == 0) {
        // Surfaceless displays may expose configs without colour bits; any GL-capable one will do for FBOs.
        const EGLint anyGl[] = {EGL_SURFACE_TYPE, 0, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
        if (!eglChooseConfig(s.display, anyGl, &config, 1, &count) || count == 0)
            return eglError("eglChooseConfig");
    }
    const EGLint contextAttribs[] = {EGL_CONTEXT_MAJOR_VERSION,
                                     3,
                                     EGL_CONTEXT_MINOR_VERSION,
                                     3,
                                     EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                     EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                     EGL_NONE};
    s.context = eglCreateContext(s.display, config, EGL_NO_CONTEXT, contextAttribs);
    if (s.context == EGL_NO_CONTEXT) return eglError("eglCreateContext(OpenGL 3.3 core)");
    if (!eglMakeCurrent(s.display, EGL_NO_SURFACE, EGL_NO_SURFACE, s.context))
        return eglError("eglMakeCurrent(surfaceless)");
    return ctx;
}

HeadlessContext::~HeadlessContext() {
    if (!m_impl || m_impl->display == EGL_NO_DISPLAY) return;
    eglMakeCurrent(m_impl->display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    if (m_impl->context != EGL_NO_CONTEXT) eglDestroyContext(m_impl->display, m_impl->context);
    eglTerminate(m_impl->display);
}

void HeadlessContext::makeCurrent() {
    eglMakeCurrent(m_impl->display, EGL_NO_SURFACE, EGL_NO_SURFACE, m_impl->context);
}

void HeadlessContext::release() {
    eglMakeCurrent(m_impl->display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
}

std::string describeCurrentGlContext() {
    auto str = [](GLenum e) {
        const auto* s = reinterpret_cast<const char*>(glGetString(e));
        return std::string(s ? s : "?");
    };
    return str(GL_RENDERER) + " / " + str(GL_VERSION);
}

std::string HeadlessContext::describe() const {
    return describeCurrentGlContext();
}

}  // namespace fp
