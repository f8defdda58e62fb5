#pragma once

#include <string>

namespace CLI {
class App;
}

namespace fp {

/// Options of `flashpoint extract`, as given on the command line.
struct ExtractCommandOptions {
    std::string input;      ///< article file (.txt, .md, .html) or "-" for standard input
    std::string published;  ///< publication date YYYY-MM-DD
    bool json = false;      ///< print the proposals as JSON instead of a summary
    std::string output;     ///< incidents file to write (.gpkg, .csv, .geojson); empty = none
    std::string gazetteer;  ///< gazetteer file; empty = the embedded one
};

/// Declares the subcommand and its flags on `app`.
void addExtractCommand(CLI::App& app, ExtractCommandOptions& options);

/// Codes the incidents an article reports (see extractIncidents) and prints them, as a summary or JSON
/// ({"incidents": [...], "unresolved": [...]}), and writes them to --output in the native schema.
/// Returns an ExitCode: 0 read (also when no incident was found); 1 the article is missing, unreadable,
/// empty or binary, the gazetteer cannot be loaded or the output cannot be written; 2 a bad --published.
int runExtractCommand(const ExtractCommandOptions& options);

}  // namespace fp
