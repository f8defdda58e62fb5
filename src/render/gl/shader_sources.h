#pragma once

#include <string_view>

namespace fp {

/// Source of a shader file from shaders/ (embedded at build time), by file name ("fill.vert"); empty if
/// there is no such file.
std::string_view embeddedShader(std::string_view name);

}  // namespace fp
