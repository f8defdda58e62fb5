#include "render/gl/gl_objects.h"

#include "render/gl/shader_sources.h"

namespace fp::gl {

void deleteBuffer(GLuint id) {
    glDeleteBuffers(1, &id);
}
void deleteVertexArray(GLuint id) {
    glDeleteVertexArrays(1, &id);
}
void deleteTexture(GLuint id) {
    glDeleteTextures(1, &id);
}
void deleteFramebuffer(GLuint id) {
    glDeleteFramebuffers(1, &id);
}
void deleteRenderbuffer(GLuint id) {
    glDeleteRenderbuffers(1, &id);
}
void deleteProgram(GLuint id) {
    glDeleteProgram(id);
}

Buffer createBuffer() {
    GLuint id = 0;
    glGenBuffers(1, &id);
    return Buffer(id);
}
VertexArray createVertexArray() {
    GLuint id = 0;
    glGenVertexArrays(1, &id);
    return VertexArray(id);
}
Texture createTexture() {
    GLuint id = 0;
    glGenTextures(1, &id);
    return Texture(id);
}

namespace {

Result<GLuint> compile(GLenum type, const std::string& source, const std::string& label) {
    GLuint shader = glCreateShader(type);
    const char* src = source.c_str();
    glShaderSource(shader, 1, &src, nullptr);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[2048] = {0};
        glGetShaderInfoLog(shader, sizeof(log), nullptr, log);
        glDeleteShader(shader);
        return makeError(ErrorCode::GraphicsError, label, std::string("shader does not compile: ") + log);
    }
    return shader;
}

}  // namespace

Result<Program> Program::fromSource(const std::string& vertex, const std::string& fragment,
                                    const std::string& label) {
    auto vs = compile(GL_VERTEX_SHADER, vertex, label + " (vertex)");
    if (!vs) return vs.error();
    auto fs = compile(GL_FRAGMENT_SHADER, fragment, label + " (fragment)");
    if (!fs) {
        glDeleteShader(vs.value());
        return fs.error();
    }
    Program p;
    p.m_program = Handle<deleteProgram>(glCreateProgram());
    glAttachShader(p.m_program.id(), vs.value());
    glAttachShader(p.m_program.id(), fs.value());
    glLinkProgram(p.m_program.id());
    glDeleteShader(vs.value());
    glDeleteShader(fs.value());
    GLint ok = GL_FALSE;
    glGetProgramiv(p.m_program.id(), GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[2048] = {0};
        glGetProgramInfoLog(p.m_program.id(), sizeof(log), nullptr, log);
        return makeError(ErrorCode::GraphicsError, label,
                         std::string("shader program does not link: ") + log);
    }
    return p;
}

Result<Program> Program::fromEmbedded(const char* vertexName, const char* fragmentName) {
    std::string_view vs = embeddedShader(vertexName);
    std::string_view fs = embeddedShader(fragmentName);
    if (vs.empty() || fs.empty())
        return makeError(ErrorCode::Internal, std::string(vertexName) + "/" + fragmentName,
                         "shader not embedded");
    return fromSource(std::string(vs), std::string(fs), std::string(vertexName) + "+" + fragmentName);
}

std::string takeGlError() {
    std::string first;
    for (GLenum e = glGetError(); e != GL_NO_ERROR; e = glGetError()) {
        if (first.empty())
            first = "GL error 0x" + [](GLenum v) {
                char buf[16];
                std::snprintf(buf, sizeof buf, "%04X", v);
                return std::string(buf);
            }(e);
    }
    return first;
}

}  // namespace fp::gl
