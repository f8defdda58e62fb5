#include "app/cli/geocode_file_command.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/cli/cli.h"
#include "core/io/incidents/geocoded_copy.h"
#include "core/io/incidents/incident_loader.h"
#include "core/places/gazetteer.h"
#include "core/project/project_document.h"
#include "core/util/input_file.h"

namespace fp {

namespace {

int fail(const std::string& message, int code = kExitFailure) {
    std::fprintf(stderr, "flashpoint geocode-file: error: %s\n", message.c_str());
    return code;
}

}  // namespace

void addGeocodeFileCommand(CLI::App& app, GeocodeFileOptions& o) {
    CLI::App* cmd = app.add_subcommand(
        "geocode-file",
        "Write a copy of an incident source with coordinates for its place names (CSV or GeoPackage)");
    cmd->add_option("input", o.input, "Incident source whose rows name places (CSV, GeoPackage, ...)")
        ->required();
    cmd->add_option("-o,--output", o.output, "The copy to write: OUTPUT.csv or OUTPUT.gpkg")->required();
    cmd->add_option("--project", o.project,
                    "Project file: its geocodeChoices for INPUT resolve held rows, and its read options "
                    "for INPUT apply unless --map is given")
        ->type_name("P.flashpoint.json");
    cmd->add_option("--map", o.map, "Field mapping override FIELD=COLUMN (e.g. place=town); repeatable")
        ->type_name("FIELD=COLUMN");
    cmd->add_option("--table", o.table, "Layer of a multi-layer file");
    cmd->add_option("--gazetteer", o.gazetteer, "Gazetteer file (default: the embedded one)");
    cmd->add_flag("--force", o.force, "Replace OUTPUT if it exists, even when it is INPUT itself");
    addIncidentReadFlags(cmd, o.read);
}

int runGeocodeFileCommand(const GeocodeFileOptions& o) {
    GeocodedCopyRequest req;
    req.source = o.input;
    req.output = o.output;
    req.replaceExisting = o.force;
    req.allowSourceOverwrite = o.force;
    if (!o.project.empty()) {
        std::ifstream in(o.project, std::ios::binary);
        if (!in) return fail(o.project + ": cannot read the project file");
        std::ostringstream text;
        text << in.rdbuf();
        auto doc = parseProjectJson(text.str(), o.project);
        if (!doc) return fail(doc.error().describe());
        req.choices = doc.value().geocodeChoices;
        for (const auto& inc : doc.value().incidents)
            if (sameFile(inc.source, o.input)) req.options = inc.options;
    }
    if (!o.map.empty()) req.options.fieldMapping.clear();
    for (const auto& m : o.map) {
        const size_t eq = m.find('=');
        if (eq == std::string::npos || eq == 0)
            return fail("--map '" + m + "' is not FIELD=COLUMN (e.g. place=town)", kExitUsage);
        const std::string field = m.substr(0, eq);
        const auto known = canonicalIncidentFields();
        if (std::find(known.begin(), known.end(), field) == known.end())
            return fail(
                "--map '" + m + "': '" + field + "' is not an incident field (one of: " +
                    [&] {
                        std::string all;
                        for (const auto& k : known) all += (all.empty() ? "" : ", ") + k;
                        return all;
                    }() +
                    ")",
                kExitUsage);
        req.options.fieldMapping[field] = m.substr(eq + 1);
    }
    if (!o.table.empty()) req.options.table = o.table;
    applyIncidentReadFlags(o.read, req.options);
    if (!o.gazetteer.empty()) {
        if (Status s = checkInputFile(o.gazetteer); !s) return fail(s.error().describe());
        auto gazetteer = Gazetteer::load(o.gazetteer);
        if (!gazetteer) return fail(gazetteer.error().describe());
        req.options.gazetteer = gazetteer.value();
    }
    auto written = writeGeocodedCopy(req);
    if (!written) return fail(written.error().describe());
    std::printf("%s\nwrote %s\n", written.value().describe().c_str(), written.value().output.c_str());
    return kExitOk;
}

}  // namespace fp
