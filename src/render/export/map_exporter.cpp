#include "render/export/map_exporter.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "core/util/atomic_file.h"
#include "render/export/furniture/furniture_drawer.h"
#include "render/export/image_io.h"
#include "render/gl/gl.h"

namespace fs = std::filesystem;

namespace fp {

MapView exportView(const MapView& screen, int widthPx, int heightPx, double dpi) {
    MapView v = screen;
    v.widthPx = widthPx;
    v.heightPx = heightPx;
    const double groundW = screen.widthPx * screen.unitsPerPixel;
    const double groundH = screen.heightPx * screen.unitsPerPixel;
    // The axis that needs the coarser scale limits; the other shows more ground than on screen.
    if (widthPx > 0 && heightPx > 0) v.unitsPerPixel = std::max(groundW / widthPx, groundH / heightPx);
    v.pixelRatio = static_cast<float>(dpi > 0.0 ? dpi / 96.0 : 1.0);
    return v;
}

struct MapExporter::Impl {
    std::optional<OffscreenTarget> target;
    int targetSamples = 0;
    std::unique_ptr<FurnitureDrawer> furniture;

    Result<OffscreenTarget*> targetFor(int w, int h, int samples) {
        if (!target || target->width() != w || target->height() != h || targetSamples != samples) {
            target.reset();  // free the old tile before allocating the new one
            auto t = OffscreenTarget::create(w, h, samples);
            if (!t) return t.error();
            target = std::move(t).value();
            targetSamples = samples;
        }
        return &*target;
    }
};

MapExporter::MapExporter() : m_impl(std::make_unique<Impl>()) {}
MapExporter::~MapExporter() = default;

Result<Image> MapExporter::render(MapRenderer& renderer, const MapState& state,
                                  const ExportSettings& settings, const ExportOptions& options) {
    const int w = settings.widthPx, h = settings.heightPx;
    if (Status s = validateExportSize(w, h); !s) return s.error();
    const int maxViewport = MapRenderer::maxViewportSize();
    if (w > maxViewport || h > maxViewport)
        return makeError(
            ErrorCode::InvalidArgument, std::to_string(w) + "x" + std::to_string(h),
            "this graphics driver lays out at most " + std::to_string(maxViewport) + " pixels a side");
    GLint maxRenderbuffer = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxRenderbuffer);
    int tile = options.maxTilePx > 0 ? options.maxTilePx : 2048;
    tile = std::max(1, std::min(tile, static_cast<int>(maxRenderbuffer)));
    const int tileW = std::min(tile, w), tileH = std::min(tile, h);
    const int cols = (w + tileW - 1) / tileW, rows = (h + tileH - 1) / tileH;

    const MapView view = exportView(state.view(), w, h, settings.dpi);
    renderer.sync(state.scene(), state.projection());
    // Furniture is laid out once for the whole image, like the labels, and drawn into every tile.
    std::optional<FurnitureLayout> layout;
    if (options.furniture) {
        if (!m_impl->furniture) {
            auto f = FurnitureDrawer::create();
            if (!f) return f.error();
            m_impl->furniture = std::move(f).value();
        }
        layout = m_impl->furniture->layout(state, view, settings.furniture, renderer.incidents().styleSheet(),
                                           options.defaultTitle);
    }
    // Every tile is the same placement but for its offset; the furniture's parts are the labels' obstacles.
    DrawPlacement placement{0, 0, tileH, true, {}};
    if (layout)
        for (const auto& part : layout->boxes) placement.labelObstacles.push_back(part.second);
    auto target = m_impl->targetFor(tileW, tileH, options.samples);
    if (!target) return target.error();

    Image out;
    out.width = w;
    out.height = h;
    out.rgba.resize(static_cast<size_t>(w) * h * 4);
    int done = 0;
    for (int ty = 0; ty < rows; ++ty) {
        for (int tx = 0; tx < cols; ++tx) {
            const int x0 = tx * tileW, y0 = ty * tileH;
            placement.offsetX = -x0;
            placement.offsetY = -y0;
            target.value()->bind();
            renderer.draw(state.scene(), view, placement);
            if (layout) m_impl->furniture->draw(*layout, renderer, view, placement);
            Image part = target.value()->readPixels();
            const int cw = std::min(tileW, w - x0), ch = std::min(tileH, h - y0);
            for (int y = 0; y < ch; ++y)
                std::memcpy(out.pixel(x0, y0 + y), part.pixel(0, y), static_cast<size_t>(cw) * 4);
            ++done;
            if (options.progress && !options.progress(done, rows * cols))
                return makeError(ErrorCode::Cancelled, "export", "cancelled");
        }
    }
    if (auto err = gl::takeGlError(); !err.empty())
        return makeError(ErrorCode::GraphicsError, "export", "OpenGL error while drawing: " + err);
    return out;
}

Result<Image> renderExport(MapRenderer& renderer, const MapState& state, const ExportSettings& settings,
                           const ExportOptions& options) {
    MapExporter exporter;
    return exporter.render(renderer, state, settings, options);
}

GeoReference exportGeoReference(const MapState& state, const ExportSettings& settings) {
    return geoReferenceFor(exportView(state.view(), settings.widthPx, settings.heightPx, settings.dpi),
                           state.scene().crs);
}

namespace {
std::string sidecarPath(const std::string& path, const char* ext) {
    return fs::path(path).replace_extension(ext).string();
}
}  // namespace

Status writeExportImage(const Image& image, const std::string& path, ImageFormat format, int jpegQuality,
                        const GeoReference& ref) {
    if (Status s = checkWritableOutput(path); !s) return s;
    switch (format) {
        case ImageFormat::Png:
            return writePng(image, path);
        case ImageFormat::Jpeg:
            return writeJpeg(image, path, jpegQuality);
        case ImageFormat::GeoTiff:
            return writeGeoTiff(image.rgba.data(), image.width, image.height, ref, path);
        case ImageFormat::PngWorldFile: {
            auto prj = prjText(ref.crs);
            if (!prj) return makeError(prj.error().code, path, prj.error().message);
            auto png = encodePng(image);
            if (!png) return makeError(png.error().code, path, png.error().message);
            const std::string pgw = sidecarPath(path, ".pgw"), prjPath = sidecarPath(path, ".prj");
            // Sidecars first, the image last: a failure part-way removes what this export wrote.
            if (Status s = writeFileAtomically(pgw, worldFileText(ref)); !s) return s;
            Status s = writeFileAtomically(prjPath, prj.value());
            if (s) s = writeFileAtomically(path, png.value());
            if (!s) {
                std::error_code ec;
                fs::remove(pgw, ec);
                fs::remove(prjPath, ec);
            }
            return s;
        }
    }
    return makeError(ErrorCode::Internal, path, "unknown image format");
}

}  // namespace fp
