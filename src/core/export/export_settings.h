#pragma once

#include <string>

#include "core/time/playback.h"

namespace fp {

/// Image file format of a still export; chosen from the file extension by default.
enum class ImageFormat : uint8_t {
    Png,           ///< .png
    Jpeg,          ///< .jpg / .jpeg, with ExportSettings::jpegQuality
    GeoTiff,       ///< .tif / .tiff, georeferenced (CRS and geotransform)
    PngWorldFile,  ///< .png plus a .pgw world file and .prj beside it
    GeoPdf,        ///< .pdf, a geospatial PDF (ISO 32000 geo-encoding) whose page size follows the dpi
};

/// The furniture drawn over an exported map; each part can be switched off. Empty texts mean "automatic".
struct MapFurniture {
    bool title = true;
    std::string titleText;  ///< empty: the project's name
    bool subtitle = true;
    std::string subtitleText;  ///< empty: the time window's date range, e.g. "10 Dec 2022 – 08 Jan 2023"
    bool legend = true;        ///< incident categories with counts in the window
    bool scaleBar = true;
    bool northArrow = true;
    bool timestamp = true;  ///< the current date or range, large, on every animation frame
    bool attribution = true;
    bool banner = false;
    std::string bannerText;  ///< caveat or classification, e.g. "UNCLASSIFIED // FOR TRAINING"
    bool inset = true;       ///< locator map of the wider region with the view's extent
    friend bool operator==(const MapFurniture&, const MapFurniture&) = default;
};

/// Everything the export dialog and `flashpoint render/animate` need besides the map state itself.
/// Saved in project files.
struct ExportSettings {
    int widthPx = 1920;
    int heightPx = 1080;
    /// Labels, markers and furniture are sized for this resolution: 96 is 1:1 with the screen at scale 1.
    double dpi = 96.0;
    ImageFormat format = ImageFormat::Png;
    int jpegQuality = 90;  ///< 1..100
    MapFurniture furniture;
    std::string lastImagePath;  ///< remembered output path of the last still export
    // Animation
    int fps = 4;                    ///< frames per second of MP4/GIF output
    std::string lastAnimationPath;  ///< remembered output path (.mp4, .gif or a folder for PNG frames)
    friend bool operator==(const ExportSettings&, const ExportSettings&) = default;
};

}  // namespace fp
