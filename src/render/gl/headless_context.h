#pragma once

#include <memory>

#include "core/util/result.h"

namespace fp {

/// The renderer and version of the current OpenGL context (a window's or a headless one):
/// "Mesa llvmpipe (LLVM 15, 256 bits) / 4.5 (Core Profile) Mesa 22.3.6".
std::string describeCurrentGlContext();

/// An OpenGL 3.3 core context with no window and no display server: EGL on Mesa's surfaceless platform
/// (falls back to the default EGL display). Draw into an OffscreenTarget. Current on the creating thread.
class HeadlessContext {
public:
    /// Fails with ErrorCode::GraphicsError explaining which EGL step failed.
    static Result<std::unique_ptr<HeadlessContext>> create();
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

    /// Makes the context current on the calling thread (it must be current on no other).
    void makeCurrent();
    /// Releases the context from the calling thread, so that another thread can make it current.
    void release();
    /// "Mesa llvmpipe (LLVM 15, 256 bits) / 4.5 (Core Profile) Mesa 22.3.6" (describeCurrentGlContext)
    std::string describe() const;

private:
    HeadlessContext() = default;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace fp
