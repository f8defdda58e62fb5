#include "render/export/map_exporter.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <future>
#include <set>

#include "core/export/output_guard.h"
#include "core/export/raster_file_writer.h"
#include "core/util/atomic_file.h"
#include "core/util/log.h"
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

namespace {

constexpr long kTilePixels = 2L * 1024L * 1024L;

/// The export's framebuffers: multisampled colour (no depth or stencil: map drawing uses neither) resolved
/// into a plain colour buffer that is read back.
struct ExportTarget {
    int width = 0, height = 0, samples = 0;
    gl::Framebuffer msFbo, resolveFbo;
    gl::Renderbuffer msColor, resolveColor;

    static Result<ExportTarget> create(int w, int h, int samples) {
        GLint maxSamples = 0;
        glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
        ExportTarget t;
        t.width = w;
        t.height = h;
        t.samples = std::max(1, std::min(samples, static_cast<int>(maxSamples)));
        auto attach = [&](gl::Framebuffer& fbo, gl::Renderbuffer& rb, int n) {
            GLuint ids[2] = {0, 0};
            glGenFramebuffers(1, &ids[0]);
            glGenRenderbuffers(1, &ids[1]);
            fbo = gl::Framebuffer(ids[0]);
            rb = gl::Renderbuffer(ids[1]);
            glBindRenderbuffer(GL_RENDERBUFFER, rb.id());
            if (n > 1)
                glRenderbufferStorageMultisample(GL_RENDERBUFFER, n, GL_RGBA8, w, h);
            else
                glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
            glBindFramebuffer(GL_FRAMEBUFFER, fbo.id());
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb.id());
            return glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
        };
        bool complete = attach(t.resolveFbo, t.resolveColor, 1);
        if (t.samples > 1) complete = complete && attach(t.msFbo, t.msColor, t.samples);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        if (auto err = gl::takeGlError(); !err.empty() || !complete)
            return makeError(ErrorCode::GraphicsError, std::to_string(w) + "x" + std::to_string(h),
                             "cannot allocate the export framebuffer" + (err.empty() ? "" : ": " + err) +
                                 " (out of memory?)");
        return t;
    }

    void bind() const {
        glBindFramebuffer(GL_FRAMEBUFFER, samples > 1 ? msFbo.id() : resolveFbo.id());
        glViewport(0, 0, width, height);
    }

    /// Resolves the samples and reads the top `rows` rows (top-down) of the leftmost `cols` columns into
    /// `dst`, whose rows are `rowLength` pixels apart, bottom row first (GL order).
    void readTop(int cols, int rows, uint8_t* dst, int rowLength) const {
        if (samples > 1) {
            glBindFramebuffer(GL_READ_FRAMEBUFFER, msFbo.id());
            glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolveFbo.id());
            glBlitFramebuffer(0, 0, width, height, 0, 0, width, height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        }
        glBindFramebuffer(GL_READ_FRAMEBUFFER, resolveFbo.id());
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glPixelStorei(GL_PACK_ROW_LENGTH, rowLength);
        glReadPixels(0, height - rows, cols, rows, GL_RGBA, GL_UNSIGNED_BYTE, dst);
        glPixelStorei(GL_PACK_ROW_LENGTH, 0);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
    }
};

}  // namespace

struct MapExporter::Impl {
    std::optional<ExportTarget> target;
    std::unique_ptr<FurnitureDrawer> furniture;
    std::set<std::string> saidDropped;  // furniture parts said to be left out: an animation says each once

    Result<ExportTarget*> targetFor(int w, int h, int samples) {
        if (!target || target->width != w || target->height != h || target->samples != samples) {
            target.reset();  // free the old tile before allocating the new one
            auto t = ExportTarget::create(w, h, samples);
            if (!t) return t.error();
            target = std::move(t).value();
        }
        return &*target;
    }
};

MapExporter::MapExporter() : m_impl(std::make_unique<Impl>()) {}
MapExporter::~MapExporter() = default;

Result<Image> MapExporter::render(MapRenderer& renderer, const MapState& state,
                                  const ExportSettings& settings, const ExportOptions& options) {
    Image out;
    int y = 0;
    Status s = renderBands(renderer, state, settings, options, [&](const RowBand& band) {
        if (out.rgba.empty()) {
            out.width = settings.widthPx;
            out.height = settings.heightPx;
            out.rgba.resize(static_cast<size_t>(out.width) * out.height * 4);
        }
        for (int r = 0; r < band.rows; ++r, ++y)
            std::memcpy(out.pixel(0, y), band.top + r * band.stride, static_cast<size_t>(out.width) * 4);
        return Status();
    });
    if (!s) return s.error();
    return out;
}

Status MapExporter::renderBands(MapRenderer& renderer, const MapState& state, const ExportSettings& settings,
                                const ExportOptions& options, const BandSink& sink) {
    const int w = settings.widthPx, h = settings.heightPx;
    if (Status s = validateExportSize(w, h); !s) return s;
    const int maxViewport = MapRenderer::maxViewportSize();
    if (w > maxViewport || h > maxViewport)
        return makeError(
            ErrorCode::InvalidArgument, std::to_string(w) + "x" + std::to_string(h),
            "this graphics driver lays out at most " + std::to_string(maxViewport) + " pixels a side");
    GLint maxRenderbuffer = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxRenderbuffer);
    const int maxSide = std::max(1, static_cast<int>(maxRenderbuffer));
    int tileW, tileH;
    if (options.maxTilePx > 0) {
        tileW = std::min({options.maxTilePx, maxSide, w});
        tileH = std::min({options.maxTilePx, maxSide, h});
    } else {
        // Whole-width bands: fewer tiles (each draws every layer again) for the same multisample memory.
        tileW = std::min(maxSide, w);
        tileH = static_cast<int>(std::clamp<long>(kTilePixels / tileW, 1, std::min(maxSide, h)));
    }
    const int cols = (w + tileW - 1) / tileW, rows = (h + tileH - 1) / tileH;

    const MapView view = exportView(options.framing ? *options.framing : state.view(), w, h, settings.dpi);
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
                                           options.defaultTitle, &renderer.incidents());
        for (const std::string& part : layout->dropped)
            if (m_impl->saidDropped.insert(part).second)
                logWarning("export: the " + part + " does not fit in a " + std::to_string(w) + "x" +
                           std::to_string(h) + " image and is left out");
    }
    // Every tile is the same placement but for its offset; the furniture's parts are the labels' obstacles.
    DrawPlacement placement{0, 0, tileH, true, {}};
    if (layout)
        for (const auto& part : layout->boxes) placement.labelObstacles.push_back(part.second);
    auto target = m_impl->targetFor(tileW, tileH, options.samples);
    if (!target) return target.error();

    // Bands of tiles, read back in place: GL's bottom-up rows become a band with a negative stride. Two of
    // them, so that the sink encodes and writes one on a worker while the next is drawn.
    std::array<std::vector<uint8_t>, 2> bands;
    std::future<Status> sinking;
    auto finishSink = [&sinking]() { return sinking.valid() ? sinking.get() : Status(); };
    const std::ptrdiff_t stride = static_cast<std::ptrdiff_t>(w) * 4;
    int done = 0;
    for (int ty = 0; ty < rows; ++ty) {
        std::vector<uint8_t>& band = bands[static_cast<size_t>(ty % 2)];
        band.resize(static_cast<size_t>(w) * tileH * 4);
        const int y0 = ty * tileH, ch = std::min(tileH, h - y0);
        for (int tx = 0; tx < cols; ++tx) {
            const int x0 = tx * tileW;
            placement.offsetX = -x0;
            placement.offsetY = -y0;
            target.value()->bind();
            renderer.draw(state.scene(), view, placement);
            if (layout) m_impl->furniture->draw(*layout, renderer, view, placement);
            target.value()->readTop(std::min(tileW, w - x0), ch, band.data() + static_cast<size_t>(x0) * 4,
                                    w);
            ++done;
            if (options.progress && !options.progress(done, rows * cols))
                return makeError(ErrorCode::Cancelled, "export", "cancelled");
        }
        if (auto err = gl::takeGlError(); !err.empty())
            return makeError(ErrorCode::GraphicsError, "export", "OpenGL error while drawing: " + err);
        if (Status s = finishSink(); !s) return s;
        sinking = std::async(std::launch::async, [&sink, b = RowBand{band.data() + (ch - 1) * stride, -stride,
                                                                     ch}] { return sink(b); });
    }
    return finishSink();
}

Result<Image> renderExport(MapRenderer& renderer, const MapState& state, const ExportSettings& settings,
                           const ExportOptions& options) {
    MapExporter exporter;
    return exporter.render(renderer, state, settings, options);
}

GeoReference exportGeoReference(const MapState& state, const ExportSettings& settings,
                                const std::optional<MapView>& framing) {
    return geoReferenceFor(
        exportView(framing ? *framing : state.view(), settings.widthPx, settings.heightPx, settings.dpi),
        state.scene().crs);
}

namespace {
/// Writes the .pgw and .prj of `path`, then the image through `writeImage`; a failure part-way removes the
/// sidecars this export wrote.
Status withWorldFile(const std::string& path, const GeoReference& ref,
                     const std::function<Status()>& writeImage) {
    auto prj = prjText(ref.crs);
    if (!prj) return makeError(prj.error().code, path, prj.error().message);
    const std::string pgw = exportSidecarPath(path, ".pgw"), prjPath = exportSidecarPath(path, ".prj");
    if (Status s = writeFileAtomically(pgw, worldFileText(ref)); !s) return s;
    Status s = writeFileAtomically(prjPath, prj.value());
    if (s) s = writeImage();
    if (!s) {
        std::error_code ec;
        fs::remove(pgw, ec);
        fs::remove(prjPath, ec);
    }
    return s;
}
}  // namespace

namespace {
/// The RasterFileWriter options of `format` (GeoTIFF, GeoPDF or JPEG), or nullopt for a PNG.
std::optional<RasterFileOptions> rasterFileOptions(ImageFormat format, int jpegQuality,
                                                   const GeoReference& ref, double dpi,
                                                   const std::string& title) {
    RasterFileOptions o;
    o.ref = ref;
    o.dpi = dpi;
    o.jpegQuality = jpegQuality;
    o.title = title;
    switch (format) {
        case ImageFormat::GeoTiff:
            o.kind = RasterFileKind::GeoTiff;
            return o;
        case ImageFormat::GeoPdf:
            o.kind = RasterFileKind::GeoPdf;
            return o;
        case ImageFormat::Jpeg:
            o.kind = RasterFileKind::Jpeg;
            return o;
        case ImageFormat::Png:
        case ImageFormat::PngWorldFile:
            break;
    }
    return std::nullopt;
}
}  // namespace

Status writeExportImage(const Image& image, const std::string& path, ImageFormat format, int jpegQuality,
                        const GeoReference& ref, double dpi, const std::string& title) {
    if (Status s = checkWritableOutput(path); !s) return s;
    if (auto raster = rasterFileOptions(format, jpegQuality, ref, dpi, title))
        return writeRasterFile(image.rgba.data(), image.width, image.height, *raster, path);
    if (format == ImageFormat::PngWorldFile)
        return withWorldFile(path, ref, [&] { return writePng(image, path); });
    return writePng(image, path);
}

Status renderExportToFile(MapRenderer& renderer, const MapState& state, const ExportSettings& settings,
                          const ExportOptions& options, const std::string& path, const GeoReference& ref) {
    if (Status s = checkWritableOutput(path); !s) return s;
    if (Status s = validateExportSize(settings.widthPx, settings.heightPx); !s) return s;
    MapExporter exporter;
    const std::string& title =
        settings.furniture.titleText.empty() ? options.defaultTitle : settings.furniture.titleText;
    if (auto raster = rasterFileOptions(settings.format, settings.jpegQuality, ref, settings.dpi, title)) {
        auto file = RasterFileWriter::open(path, settings.widthPx, settings.heightPx, *raster);
        if (!file) return file.error();
        Status s = exporter.renderBands(renderer, state, settings, options, [&](const RowBand& band) {
            return file.value()->addRows(band.top, band.stride, band.rows);
        });
        if (!s) return s;  // the writer removes its temporary files
        return file.value()->finish();
    }
    auto streamPng = [&]() -> Status {
        auto png = PngFileWriter::open(path, settings.widthPx, settings.heightPx);
        if (!png) return png.error();
        Status s = exporter.renderBands(renderer, state, settings, options,
                                        [&](const RowBand& band) { return png.value()->addRows(band); });
        if (!s) return s;  // the writer removes its temporary file
        return png.value()->finish();
    };
    if (settings.format == ImageFormat::PngWorldFile) return withWorldFile(path, ref, streamPng);
    return streamPng();
}

}  // namespace fp
