#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/export/export_limits.h"
#include "core/export/export_settings.h"
#include "core/export/georef_writer.h"
#include "core/project/map_state.h"
#include "core/util/result.h"
#include "render/export/image_io.h"
#include "render/gl/offscreen_target.h"
#include "render/map_renderer.h"

namespace fp {

/// The view an export of `widthPx` x `heightPx` at `dpi` shows for the on-screen view `screen`: same centre
/// and CRS; the on-screen ground extent is kept along the limiting axis and the other axis widens (never
/// stretched); labels, markers and line widths are sized by pixelRatio = dpi / 96.
MapView exportView(const MapView& screen, int widthPx, int heightPx, double dpi);

/// How renderExport() works, apart from what ExportSettings says.
struct ExportOptions {
    /// Largest tile side, pixels; 0 picks tiles as wide as the image (up to GL_MAX_RENDERBUFFER_SIZE) and
    /// 2 Mpx in area (a 4K image is four bands of 3840 x 546, 8 MB each: every tile draws every layer again,
    /// so fewer tiles cost less CPU, larger ones more memory) and a huge one streams band by band. Images
    /// larger than one tile are drawn in tiles that share one layout, so labels are placed once for the whole
    /// image.
    int maxTilePx = 0;
    /// Multisampling per tile (clamped to GL_MAX_SAMPLES). 1: none, as on screen; every part of the map
    /// antialiases its own edges, and multisampling costs Mesa's llvmpipe about a third of the frame.
    int samples = 1;
    bool furniture = true;  ///< false: the map only, whatever settings.furniture says
    /// The view to frame (centre, scale and the extent it shows); empty: the state's view. The GUI gives the
    /// map area its panels leave uncovered, so that an export shows what the user sees.
    std::optional<MapView> framing;
    /// Title when MapFurniture::titleText is empty (e.g. the project's name); empty: no title.
    std::string defaultTitle;
    /// Called after each tile with (tiles done, tiles in all); returning false cancels the export, which then
    /// fails with ErrorCode::Cancelled.
    std::function<bool(int, int)> progress;
};

/// Renders map exports offscreen with the GL context current on this thread. Keeps its offscreen target and
/// furniture resources between calls, so an animation can render frame after frame without re-creating them.
class MapExporter {
public:
    MapExporter();
    ~MapExporter();
    MapExporter(const MapExporter&) = delete;
    MapExporter& operator=(const MapExporter&) = delete;

    /// Draws `state`'s scene (layers, styles, CRS, time window) at settings.widthPx x heightPx with
    /// exportView(state.view(), ...) and the furniture of settings.furniture (see FurnitureDrawer), into RGBA
    /// pixels (top row first). Syncs `renderer` with the scene first. Fails with InvalidArgument for a bad
    /// size, GraphicsError when GL cannot allocate a tile, Cancelled when options.progress says so. Peak
    /// memory: the image (w x h x 4 bytes) plus one multisampled tile.
    Result<Image> render(MapRenderer& renderer, const MapState& state, const ExportSettings& settings,
                         const ExportOptions& options = {});

    /// Receives the image band by band, top to bottom (see RowBand); a failure stops the export.
    using BandSink = std::function<Status(const RowBand&)>;
    /// render() without holding the image: each band of tiles is read back straight into a band buffer
    /// (bottom-up, as GL gives it) and handed to `sink`, in order, on a worker thread while the next band is
    /// drawn (one call at a time; `sink` must not touch GL). Peak memory: one tile (colour only, at most
    /// 2 Mpx) and two bands.
    Status renderBands(MapRenderer& renderer, const MapState& state, const ExportSettings& settings,
                       const ExportOptions& options, const BandSink& sink);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// One-shot MapExporter::render.
Result<Image> renderExport(MapRenderer& renderer, const MapState& state, const ExportSettings& settings,
                           const ExportOptions& options = {});

/// Writes `image` to `path` in `format` (JPEG at `jpegQuality`); GeoTIFF, GeoPDF (page sized for `dpi`)
/// and PNG + world file are georeferenced with `ref`. Every file is written atomically (temporary file,
/// then rename); a failed PNG + world file export leaves no sidecar behind. The Error names the path and
/// the reason. `title` is a GeoPDF's document title.
Status writeExportImage(const Image& image, const std::string& path, ImageFormat format, int jpegQuality,
                        const GeoReference& ref, double dpi = 96.0, const std::string& title = {});

/// Renders and writes an export in one go, in settings.format at settings.jpegQuality, georeferenced with
/// `ref` as writeExportImage() does. Every format streams into its file band by band (PNG through
/// PngFileWriter, GeoTIFF, GeoPDF and JPEG through RasterFileWriter), so even 16384 x 16384 needs memory for
/// one tile and one band, not the image. A GeoPDF's document title is the map's (the furniture's title text,
/// else options.defaultTitle).
Status renderExportToFile(MapRenderer& renderer, const MapState& state, const ExportSettings& settings,
                          const ExportOptions& options, const std::string& path, const GeoReference& ref);

/// The georeference of an export of `state` with `settings` (exportView() in the map CRS), framing
/// `framing` (ExportOptions::framing) or else the state's view.
GeoReference exportGeoReference(const MapState& state, const ExportSettings& settings,
                                const std::optional<MapView>& framing = std::nullopt);

}  // namespace fp
