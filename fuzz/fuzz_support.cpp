#include "fuzz_support.h"

#include "core/io/incidents/incident_loader.h"
#include "core/util/log.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fp::fuzz {

namespace {

std::filesystem::path scratchFolder() {
    static const std::filesystem::path folder = [] {
        std::filesystem::path base = "/dev/shm";
        if (!std::filesystem::is_directory(base)) {
            const char* tmp = std::getenv("TMPDIR");
            base = tmp && *tmp ? tmp : "/tmp";
        }
        auto dir = base / ("fp-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        return dir;
    }();
    return folder;
}

}  // namespace

std::string writeScratch(std::string_view fileName, std::string_view bytes) {
    const auto path = scratchFolder() / std::string(fileName);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) fail("cannot write the scratch file " + path.string());
    return path.string();
}

std::shared_ptr<const Gazetteer> worldGazetteer() {
    static const std::shared_ptr<const Gazetteer> gazetteer = [] {
        auto loaded = Gazetteer::load(FP_GAZETTEER_FILE);
        if (!loaded) fail("cannot load the gazetteer " FP_GAZETTEER_FILE ": " + loaded.error().message);
        return loaded.value();
    }();
    return gazetteer;
}

void warmUpWorldGazetteer() {
    (void)worldGazetteer()->search("Mitrovica");
    (void)worldGazetteer()->populatedPositions("XK");  // the extractor's "northern Kosovo" reads these
}

void fillLog() {
    for (size_t i = 0; i < Log::capacity(); ++i)
        logDebug("fuzz: a filler entry, longer than a short string (" + std::to_string(i) + ")");
}

void loadIncidentsFrom(std::string_view fileName, std::string_view bytes, uint8_t control) {
    static const char* const kDateFormats[] = {"",     "",     "", "iso", "day-first", "month-first",
                                               "unix", "excel"};
    IncidentLoadOptions options;
    options.dateFormat = kDateFormats[control % 8];
    if (control & 8) options.categories = {"Protests", "Battles", "1"};
    options.gazetteer = worldGazetteer();
    const std::string path = writeScratch(fileName, bytes);
    LoadReport report;
    IncidentFormatInfo info;
    auto store = loadIncidents(path, options, report, &info);
    if (!store) {
        if (store.error().describe().find(path) == std::string::npos)
            fail("the error does not name the file: " + store.error().describe());
        return;
    }
    for (size_t i = 0; i < store->size(); ++i) {
        const double lon = store->lon()[i], lat = store->lat()[i];
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
            fail("incident " + std::to_string(i) + " loaded at an invalid position");
        if (store->endSeconds()[i] < store->startSeconds()[i])
            fail("incident " + std::to_string(i) + " ends before it starts");
    }
}

void loadRowsUnderHeader(std::string_view fileName, std::string_view header, const uint8_t* data,
                         size_t size) {
    Input in(data, size);
    const uint8_t control = in.byte();
    std::string file(header);
    file += '\n';
    file += in.rest();
    loadIncidentsFrom(fileName, file, control);
}

void fail(const std::string& what) {
    std::fprintf(stderr, "fuzz: %s\n", what.c_str());
    std::abort();
}

}  // namespace fp::fuzz
