#pragma once

#include <string>

namespace CLI {
class App;
}

namespace fp {

struct IncidentLoadOptions;

/// --date-format and --encoding, shared by the subcommands that read incident sources.
struct IncidentReadFlags {
    std::string dateFormat;  ///< empty: inferred per date column
    std::string encoding;    ///< empty: detected
};

/// Declares --date-format and --encoding on `cmd`; a malformed --date-format is a usage error (exit 2).
void addIncidentReadFlags(CLI::App* cmd, IncidentReadFlags& flags);

/// Copies the flags given into `options` (those not given leave it as it is).
void applyIncidentReadFlags(const IncidentReadFlags& flags, IncidentLoadOptions& options);

}  // namespace fp
