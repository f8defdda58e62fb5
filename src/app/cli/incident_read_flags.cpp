#include "app/cli/incident_read_flags.h"

#include <CLI/CLI.hpp>

#include "core/model/incident_source.h"
#include "core/time/date_format.h"

namespace fp {

void addIncidentReadFlags(CLI::App* cmd, IncidentReadFlags& flags) {
    cmd->add_option("--date-format", flags.dateFormat,
                    std::string("How the incident dates are written, for every date column: ") +
                        dateFormatOptionValues() + " (default: inferred from each column's values)")
        ->check([](const std::string& value) {
            auto parsed = parseDateFormatOption(value);
            return parsed ? std::string() : parsed.error().message;
        });
    cmd->add_option("--encoding", flags.encoding,
                    "Character encoding of text incident files, e.g. WINDOWS-1252, ISO-8859-2, UTF-16 "
                    "(default: UTF-8, UTF-16 with a byte-order mark, else Windows-1252, reported)");
}

void applyIncidentReadFlags(const IncidentReadFlags& flags, IncidentLoadOptions& options) {
    if (!flags.dateFormat.empty()) options.dateFormat = flags.dateFormat;
    if (!flags.encoding.empty()) options.encoding = flags.encoding;
}

}  // namespace fp
