#pragma once

#include <string>

namespace fp {

/// The extension of a file name, dot included, in ASCII lower case: "a/B.SHP" -> ".shp"; empty if none.
std::string lowerExtension(const std::string& path);

}  // namespace fp
