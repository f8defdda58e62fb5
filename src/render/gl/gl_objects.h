#pragma once

#include <string>
#include <utility>

#include "core/util/result.h"
#include "render/gl/gl.h"

namespace fp::gl {

/// Owns one GL object name; deletes it with `Deleter` when destroyed. Requires a current context then.
template <void (*Deleter)(GLuint)>
class Handle {
public:
    Handle() = default;
    explicit Handle(GLuint id) : m_id(id) {}
    Handle(Handle&& o) noexcept : m_id(std::exchange(o.m_id, 0)) {}
    Handle& operator=(Handle&& o) noexcept {
        if (this != &o) {
            reset();
            m_id = std::exchange(o.m_id, 0);
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { reset(); }

    GLuint id() const { return m_id; }
    explicit operator bool() const { return m_id != 0; }
    void reset() {
        if (m_id) Deleter(m_id);
        m_id = 0;
    }

private:
    GLuint m_id = 0;
};

void deleteBuffer(GLuint id);
void deleteVertexArray(GLuint id);
void deleteTexture(GLuint id);
void deleteFramebuffer(GLuint id);
void deleteRenderbuffer(GLuint id);
void deleteProgram(GLuint id);

using Buffer = Handle<deleteBuffer>;
using VertexArray = Handle<deleteVertexArray>;
using Texture = Handle<deleteTexture>;
using Framebuffer = Handle<deleteFramebuffer>;
using Renderbuffer = Handle<deleteRenderbuffer>;

Buffer createBuffer();
VertexArray createVertexArray();
Texture createTexture();

/// A linked shader program. Uniform locations are looked up by name (cached by the GL driver).
class Program {
public:
    /// Compiles and links two embedded shaders by file name (see shaders/). The error quotes the info log.
    static Result<Program> fromEmbedded(const char* vertexName, const char* fragmentName);
    static Result<Program> fromSource(const std::string& vertex, const std::string& fragment,
                                      const std::string& label);

    void use() const { glUseProgram(m_program.id()); }
    GLint uniform(const char* name) const { return glGetUniformLocation(m_program.id(), name); }
    GLuint id() const { return m_program.id(); }

private:
    Handle<deleteProgram> m_program;
};

/// Throws away pending GL errors and returns a description of the first one, or empty.
std::string takeGlError();

}  // namespace fp::gl
