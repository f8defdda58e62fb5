// Still export cost: wall time and peak memory of MapExporter::render plus writing the file, for 1920x1080
// and 3840x2160 (and A4 at 300 dpi), all furniture on, with the embedded default and with 1M synthetic
// incidents added. Peak memory is the process's resident high-water mark (VmHWM) during the export, reset
// before each run through /proc/self/clear_refs, and reported with the resident size just before it.
//
// Usage: fp_export_bench [runs=3]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "core/time/time_point.h"
#include "core/util/process_memory.h"
#include "render/export/map_exporter.h"
#include "render/gl/headless_context.h"
#include "synthetic_incidents.h"

int main(int argc, char** argv) {
    using namespace fp;
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    auto context = HeadlessContext::create();
    if (!context) {
        std::fprintf(stderr, "%s\n", context.error().describe().c_str());
        return 1;
    }
    auto renderer = MapRenderer::create().value();
    std::printf("%s\n", context.value()->describe().c_str());
    std::printf("%-10s %-12s %-5s %12s %12s %12s %12s\n", "data", "size", "fmt", "render ms", "write ms",
                "RSS MiB", "peak MiB");
    for (const bool million : {false, true}) {
        std::vector<LoadReport> reports;
        MapState state = MapState::create(loadDefaultScene(reports).value()).value();
        if (million) state.addIncidentLayer(syntheticStore(1000000), "synthetic", "synthetic");
        state.resize(1280, 720, 1.f);
        state.frame(defaultFocusBBox());
        state.setTime(timeStateShowing(
            TimeSpan{parseTime("2022-12-09").value().time, parseTime("2023-01-09").value().time}));
        renderer->sync(state.scene(), state.projection());
        MapExporter exporter;
        struct Case {
            int w, h;
            double dpi;
            ImageFormat format;
            const char* ext;
        };
        for (const Case& c :
             {Case{1920, 1080, 96, ImageFormat::Png, "png"}, Case{1920, 1080, 96, ImageFormat::Jpeg, "jpg"},
              Case{3840, 2160, 192, ImageFormat::Png, "png"},
              Case{3840, 2160, 192, ImageFormat::GeoTiff, "tif"},
              Case{3508, 2480, 300, ImageFormat::Png, "png"}}) {
            ExportSettings settings;
            settings.widthPx = c.w;
            settings.heightPx = c.h;
            settings.dpi = c.dpi;
            settings.format = c.format;
            ExportOptions options;
            options.defaultTitle = "Kosovo and Serbia";
            const std::string out = "/tmp/fp-export-bench-" + std::to_string(::getpid()) + "." + c.ext;
            std::vector<double> renderMs, writeMs;
            double rss = 0.0, peak = 0.0;
            for (int r = 0; r < runs; ++r) {
                rss = processStatusMiB("VmRSS");
                resetPeakResident();
                const auto t0 = std::chrono::steady_clock::now();
                auto image = exporter.render(*renderer, state, settings, options);
                const auto t1 = std::chrono::steady_clock::now();
                if (!image) {
                    std::fprintf(stderr, "%s\n", image.error().describe().c_str());
                    return 1;
                }
                Status s =
                    writeExportImage(image.value(), out, c.format, 90, exportGeoReference(state, settings));
                const auto t2 = std::chrono::steady_clock::now();
                if (!s) {
                    std::fprintf(stderr, "%s\n", s.error().describe().c_str());
                    return 1;
                }
                peak = std::max(peak, processStatusMiB("VmHWM"));
                renderMs.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
                writeMs.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
            }
            std::remove(out.c_str());
            std::sort(renderMs.begin(), renderMs.end());
            std::sort(writeMs.begin(), writeMs.end());
            char size[32];
            std::snprintf(size, sizeof size, "%dx%d@%g", c.w, c.h, c.dpi);
            std::printf("%-10s %-12s %-5s %12.0f %12.0f %12.0f %12.0f\n", million ? "+1M" : "embedded", size,
                        c.ext, renderMs[renderMs.size() / 2], writeMs[writeMs.size() / 2], rss, peak);
        }
    }
    return 0;
}
