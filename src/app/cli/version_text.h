#pragma once

#include <string>

namespace fp {

/// What `flashpoint --version` prints and Help > About shows: "flashpoint VERSION", then the GDAL, PROJ and
/// OpenGL versions it runs with, one a line. `openGl` is the GL context's description
/// (describeCurrentGlContext) or why there is none.
std::string versionText(const std::string& openGl);

}  // namespace fp
