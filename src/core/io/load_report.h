#pragma once

#include <string>
#include <vector>

#include "core/util/error.h"

namespace fp {

/// What happened while loading one source: counts and every per-row problem, so nothing is dropped silently.
struct LoadReport {
    std::string source;
    size_t featuresRead = 0;      ///< features the file holds (over all loaded layers)
    size_t featuresLoaded = 0;    ///< features that made it into layers
    size_t featuresRepaired = 0;  ///< loaded after an invalid geometry was repaired
    size_t featuresSkipped = 0;   ///< reported in `problems` and not loaded
    std::vector<Error> problems;  ///< warnings and skipped rows, each naming source, row and reason

    void add(Error e) { problems.push_back(std::move(e)); }
    /// One line: "3 features loaded, 1 repaired, 0 skipped".
    std::string summary() const;
};

}  // namespace fp
