#include "app/cli/extract_command.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

#include "app/cli/cli.h"
#include "core/extract/extractor.h"
#include "core/io/incidents/incident_writer.h"
#include "core/time/time_point.h"

namespace fp {

namespace {

int fail(const std::string& message, int code = kExitFailure) {
    std::fprintf(stderr, "flashpoint extract: error: %s\n", message.c_str());
    return code;
}

double rounded(double v, double scale) {
    return std::round(v * scale) / scale;
}

std::string printJson(const Extraction& x) {
    nlohmann::ordered_json incidents = nlohmann::ordered_json::array();
    for (const IncidentProposal& p : x.incidents)
        incidents.push_back({{"title", p.title},
                             {"category", p.category},
                             {"place", p.place},
                             {"lat", rounded(p.location.lat, 1e6)},
                             {"lon", rounded(p.location.lon, 1e6)},
                             {"locationPrecision", static_cast<int>(p.locationPrecision)},
                             {"start", formatDay(p.first)},
                             {"end", formatDay(p.last)},
                             {"timePrecision", timePrecisionName(p.timePrecision)},
                             {"sentence", p.sentence},
                             {"confidence", p.confidence}});
    nlohmann::ordered_json unresolved = nlohmann::ordered_json::array();
    for (const UnresolvedMention& u : x.unresolved)
        unresolved.push_back({{"text", u.text}, {"reason", u.reason}});
    const nlohmann::ordered_json doc{{"incidents", incidents}, {"unresolved", unresolved}};
    return doc.dump(2) + "\n";
}

std::string printSummary(const ArticleText& article, const std::string& published, const Extraction& x) {
    std::string out = article.name + " (published " + published + "): " + std::to_string(x.incidents.size()) +
                      (x.incidents.size() == 1 ? " incident" : " incidents") + " proposed, " +
                      std::to_string(x.unresolved.size()) + " unresolved\n";
    char buf[256];
    for (size_t i = 0; i < x.incidents.size(); ++i) {
        const IncidentProposal& p = x.incidents[i];
        std::snprintf(
            buf, sizeof buf, "%2zu. %s [%s]\n    %s%s%s (%s); %s (%s, %.5f, %.5f); confidence %.2f\n", i + 1,
            p.title.c_str(), p.category.c_str(), formatDay(p.first).c_str(), p.last != p.first ? " to " : "",
            p.last != p.first ? formatDay(p.last).c_str() : "", timePrecisionName(p.timePrecision),
            p.place.c_str(), locationPrecisionName(p.locationPrecision), p.location.lat, p.location.lon,
            p.confidence);
        out += buf;
        out += "    \"" + p.sentence + "\"\n";
        if (!p.note.empty()) out += "    (" + p.note + ")\n";
    }
    if (!x.unresolved.empty()) out += "Unresolved:\n";
    for (const UnresolvedMention& u : x.unresolved) out += "  - " + u.reason + "\n";
    return out;
}

}  // namespace

void addExtractCommand(CLI::App& app, ExtractCommandOptions& o) {
    CLI::App* cmd = app.add_subcommand(
        "extract", "Propose incidents from a news article (places, dates and events found in its text)");
    cmd->add_option("input", o.input, "The article: a .txt, .md or .html file, or - for standard input")
        ->required();
    cmd->add_option("--published", o.published,
                    "Publication date of the article (relative dates count from it)")
        ->type_name("YYYY-MM-DD")
        ->required();
    cmd->add_flag("--json", o.json,
                  "Print {\"incidents\": [...], \"unresolved\": [...]} instead of a summary");
    cmd->add_option("-o,--output", o.output,
                    "Also write the incidents to OUT.gpkg, OUT.csv or OUT.geojson (replaced if it exists)");
    cmd->add_option("--gazetteer", o.gazetteer, "Gazetteer file (default: the embedded one)");
}

int runExtractCommand(const ExtractCommandOptions& o) {
    auto published = parseTime(o.published);
    if (!published || published.value().precision != TimePrecision::Day ||
        o.published.find_first_not_of("0123456789-") != std::string::npos || o.published.size() != 10)
        return fail("--published '" + o.published + "' is not a date YYYY-MM-DD (e.g. 2023-01-08)",
                    kExitUsage);
    if (!o.output.empty()) {
        const std::string out = o.output;
        auto ends = [&](const char* e) {
            std::string lower;
            for (char c : out) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return lower.ends_with(e);
        };
        if (!ends(".gpkg") && !ends(".csv") && !ends(".geojson"))
            return fail("--output '" + o.output + "': give a .gpkg, .csv or .geojson file name", kExitUsage);
    }
    auto article = readArticleText(o.input);
    if (!article) return fail(article.error().describe());
    const std::string path = o.gazetteer.empty() ? Gazetteer::defaultPath() : o.gazetteer;
    if (path.empty())
        return fail(
            "no gazetteer: the geodata folder was not found (set FLASHPOINT_DATA_DIR or pass --gazetteer)");
    auto gazetteer = Gazetteer::load(path);
    if (!gazetteer) return fail(gazetteer.error().describe());
    ExtractOptions options;
    options.published = daysSinceEpoch(published.value().time);
    options.gazetteer = gazetteer.value();
    const Extraction x = extractIncidents(article.value(), options);
    if (!o.output.empty()) {
        std::vector<Incident> incidents;
        const std::string source = o.input == "-" ? "standard input" : o.input;
        for (size_t i = 0; i < x.incidents.size(); ++i) {
            incidents.push_back(toIncident(x.incidents[i], source, options.published));
            incidents.back().id = "extract-" + std::to_string(i + 1);
        }
        if (Status s = writeIncidentFile(o.output, incidents); !s) return fail(s.error().describe());
    }
    const std::string text = o.json ? printJson(x) : printSummary(article.value(), o.published, x);
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (!o.json && !o.output.empty())
        std::printf("wrote %zu incidents to %s\n", x.incidents.size(), o.output.c_str());
    return kExitOk;
}

}  // namespace fp
