#include "core/io/load_report.h"

namespace fp {

std::string LoadReport::summary() const {
    return std::to_string(featuresLoaded) + " of " + std::to_string(featuresRead) + " features loaded, " +
           std::to_string(featuresRepaired) + " repaired, " + std::to_string(featuresSkipped) + " skipped";
}

}  // namespace fp
