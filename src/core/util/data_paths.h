#pragma once

#include <string>

namespace fp {

/// Folder of the running executable (from /proc/self/exe); empty when it cannot be read.
std::string executableDir();

/// Root of Flashpoint's read-only data (`geodata/`, `assets/`), found by one rule:
/// an installed binary (`<prefix>/bin/flashpoint`) uses `<prefix>/share/flashpoint`; a binary that lives in
/// the CMake build tree it was built in uses the source tree. A binary anywhere else finds nothing (empty), so
/// an installed or unpacked package never reads the source tree by accident.
std::string dataRoot();

/// A file or folder under dataRoot(), e.g. dataPath("assets/incident_styles.json"); empty when there is
/// no data root. Does not check that the path exists.
std::string dataPath(const std::string& relative);

}  // namespace fp
