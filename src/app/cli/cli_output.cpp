#include "app/cli/cli_output.h"

#include "core/util/secrets.h"

#include <cstdio>

namespace fp {

int printError(const Error& error, int exitCode) {
    std::fprintf(stderr, "flashpoint: error: %s\n", error.describe().c_str());
    return exitCode;
}

const TimeRequestNames& timeFlagNames() {
    static const TimeRequestNames names{"--at", "--window", "--from", "--to", "--fade", "--ghosts"};
    return names;
}

void printStartReport(const Command& command, const Status& status, const MapState& state) {
    logRowProblems(command, state);
    if (!status) {
        printError(status.error(), 1);
        return;
    }
    if (const auto* add = std::get_if<AddIncidents>(&command))
        if (const GeocodeSummary& g = state.lastIncidentFormat().geocoding; g.any())
            std::fprintf(stderr, "%s: %s\n", scrubSecrets(add->source).c_str(), g.describe().c_str());
}

}  // namespace fp
