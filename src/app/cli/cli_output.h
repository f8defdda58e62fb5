#pragma once

#include "app/session/session_startup.h"
#include "core/time/time_request.h"
#include "core/util/error.h"

namespace fp {

/// Says `error` on stderr, once, as "flashpoint: error: WHAT: WHY", and returns `exitCode` (an ExitCode).
int printError(const Error& error, int exitCode);

/// The time flags' names, for messages about them (--at, --window, --from, --to, --fade, --ghosts).
const TimeRequestNames& timeFlagNames();

/// The CLI's StartReport: the row problems of each load as warnings, each failed start-up command on stderr
/// (printError), and what geocoding did to each incident source ("SOURCE: 12 rows located by place name...").
void printStartReport(const Command& command, const Status& status, const MapState& state);

}  // namespace fp
