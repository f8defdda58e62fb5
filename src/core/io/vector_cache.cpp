#include "core/io/vector_cache.h"

#include <gdal.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>

#include "core/proj/crs.h"
#include "core/util/binary_io.h"
#include "core/util/file_name.h"

extern char** environ;

namespace fs = std::filesystem;

namespace fp {

namespace {

constexpr std::string_view kKind = "vector-source";

/// The files a source is read from, or empty when its format may read files this cannot name.
std::vector<fs::path> sourceFiles(const fs::path& path) {
    const std::string ext = lowerExtension(path.string());
    if (ext == ".shp") {
        std::vector<fs::path> files{path};
        for (const char* sidecar : {".shx", ".dbf", ".prj", ".cpg", ".SHX", ".DBF", ".PRJ", ".CPG"}) {
            fs::path p = path;
            p.replace_extension(sidecar);
            std::error_code ec;
            if (fs::exists(p, ec)) files.push_back(p);
        }
        return files;
    }
    static const std::array<std::string_view, 6> kSingleFile = {".geojson", ".json", ".fgb",
                                                                ".kml",     ".gpkg", ".topojson"};
    if (std::find(kSingleFile.begin(), kSingleFile.end(), ext) == kSingleFile.end()) return {};
    std::vector<fs::path> files{path};
    if (ext == ".gpkg") {
        // A GeoPackage being written by another program keeps part of its content in the write-ahead log.
        std::error_code ec;
        if (fs::exists(path.string() + "-wal", ec)) files.push_back(path.string() + "-wal");
    }
    return files;
}

/// What of the environment changes how GDAL, OGR and PROJ read a file.
std::string environmentPart() {
    static const std::string part = [] {
        // GDALVersionInfo's text lives until its next call: each is copied before the next.
        std::string s = GDALVersionInfo("RELEASE_NAME");
        s += "\n";
        s += GDALVersionInfo("BUILD_INFO");
        s += "PROJ " + projVersion() + "\n";
        std::vector<std::string> vars;
        for (char** e = environ; e && *e; ++e) {
            const std::string_view v(*e);
            for (std::string_view prefix : {"GDAL_", "OGR_", "SHAPE_", "CPL_", "PROJ_", "OSR_"})
                if (v.substr(0, prefix.size()) == prefix) vars.emplace_back(v);
        }
        std::sort(vars.begin(), vars.end());
        for (const auto& v : vars) s += v + "\n";
        return s;
    }();
    return part;
}

void putLayer(ByteWriter& w, const VectorLayer& l) {
    for (const std::string* s :
         {&l.displayName, &l.sourcePath, &l.layerName, &l.driverName, &l.sourceCrsName})
        w.putString(*s);
    w.putStrings(l.fieldNames);
    w.putStrings(l.attributes);
    w.putVector(l.geometry.vertices);
    w.putVector(l.geometry.ringStart);
    w.putVector(l.geometry.partRingStart);
    w.putVector(l.geometry.partKind);
    w.putVector(l.geometry.featurePartStart);
    w.putVector(l.labelAnchors);
    w.putVector(l.labelAnchorStart);
    w.putVector(l.featureAreaDeg2);
    w.put(l.extent);
}

bool getLayer(ByteReader& r, VectorLayer& l) {
    for (std::string* s : {&l.displayName, &l.sourcePath, &l.layerName, &l.driverName, &l.sourceCrsName})
        if (!r.getString(*s)) return false;
    return r.getStrings(l.fieldNames) && r.getStrings(l.attributes) && r.getVector(l.geometry.vertices) &&
           r.getVector(l.geometry.ringStart) && r.getVector(l.geometry.partRingStart) &&
           r.getVector(l.geometry.partKind) && r.getVector(l.geometry.featurePartStart) &&
           r.getVector(l.labelAnchors) && r.getVector(l.labelAnchorStart) && r.getVector(l.featureAreaDeg2) &&
           r.get(l.extent);
}

std::string layerKey(const std::string& sourceKey, size_t index) {
    return hex64(hash64(sourceKey)) + "#" + std::to_string(index);
}

}  // namespace

std::string vectorSourceCacheKey(const std::string& source, const std::string& path) {
    if (path.rfind("/vsi", 0) == 0 || path.find("://") != std::string::npos ||
        path.find(':') != std::string::npos)
        return {};
    const std::vector<fs::path> files = sourceFiles(path);
    if (files.empty()) return {};
    std::string key =
        std::string(kKind) + " 1\n" + programBuildId() + "\n" + environmentPart() + source + "\n";
    for (const fs::path& f : files) {
        const std::string fingerprint = fileFingerprint(f.string());
        if (fingerprint.empty()) return {};
        key += f.string() + " " + fingerprint + "\n";
    }
    return key;
}

std::optional<std::vector<VectorLayer>> readCachedVectorSource(const DiskCache& cache, const std::string& key,
                                                               LoadReport& report) {
    const auto payload = cache.read(kKind, key);
    if (!payload) return std::nullopt;
    ByteReader r(*payload);
    uint64_t read = 0, loaded = 0, count = 0;
    if (!r.get(read) || !r.get(loaded) || !r.get(count) || count > payload->size()) return std::nullopt;
    std::vector<VectorLayer> layers(count);
    for (size_t i = 0; i < layers.size(); ++i) {
        if (!getLayer(r, layers[i])) return std::nullopt;
        layers[i].cacheKey = layerKey(key, i);
    }
    if (!r.atEnd()) return std::nullopt;
    report.featuresRead += read;
    report.featuresLoaded += loaded;
    return layers;
}

void writeCachedVectorSource(const DiskCache& cache, const std::string& key, std::vector<VectorLayer>& layers,
                             const LoadReport& report) {
    ByteWriter w;
    w.put<uint64_t>(report.featuresRead);
    w.put<uint64_t>(report.featuresLoaded);
    w.put<uint64_t>(layers.size());
    for (const auto& l : layers) putLayer(w, l);
    if (!cache.write(kKind, key, w.bytes())) return;
    for (size_t i = 0; i < layers.size(); ++i) layers[i].cacheKey = layerKey(key, i);
}

}  // namespace fp
