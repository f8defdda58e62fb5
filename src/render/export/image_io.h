#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/util/atomic_file.h"
#include "core/util/result.h"
#include "render/gl/offscreen_target.h"

namespace fp {

/// Consecutive RGBA8 rows of an image: `top` is the band's upper row and `stride` the bytes from a row to the
/// one below it (negative when the rows lie bottom-up in memory, as OpenGL reads them back).
struct RowBand {
    const uint8_t* top = nullptr;
    std::ptrdiff_t stride = 0;
    int rows = 0;
};

/// Encodes a PNG (8-bit RGBA, filter Up, zlib level 1 with run-length matching) as its rows arrive, top to
/// bottom, handing the bytes to a sink as they are made. Each band of rows is cut into strips compressed on
/// parallel threads (independent deflate runs joined on byte boundaries, Adler-32 combined), so the work
/// scales with cores and memory stays at one band's compressed bytes, whatever the image size.
class PngEncoder {
public:
    using Sink = std::function<Status(std::string_view)>;
    /// `width`, `height` >= 1. Writes the signature and header to `sink` at the first addRows().
    PngEncoder(int width, int height, Sink sink);
    /// The next `band.rows` rows (at most the rows still missing).
    Status addRows(const RowBand& band);
    /// Ends the file; fails (Internal) when rows are missing.
    Status finish();

private:
    Status emitChunk(const char type[4], std::string_view data);
    int m_width, m_height;
    int m_rowsDone = 0;
    Sink m_sink;
    std::vector<uint8_t> m_prevRow;  ///< last row of the previous band (filter Up reads it)
    unsigned long m_adler = 1;
};

/// Streams a PNG into a file written atomically (AtomicFileWriter): nothing appears under `path` until
/// finish() succeeds.
class PngFileWriter {
public:
    static Result<std::unique_ptr<PngFileWriter>> open(const std::string& path, int width, int height);
    Status addRows(const RowBand& band) { return m_encoder.addRows(band); }
    /// Ends the PNG and renames the file into place.
    Status finish();

private:
    explicit PngFileWriter(AtomicFileWriter file, int width, int height);
    AtomicFileWriter m_file;
    PngEncoder m_encoder;
};

/// Encodes `image` as PNG and writes it atomically to `path` (see writeFileAtomically).
Status writePng(const Image& image, const std::string& path);

/// Encodes `image` as PNG bytes (for writers that place the file themselves). IoError when encoding fails.
Result<std::string> encodePng(const Image& image);

/// Reads a PNG (or any format stb_image knows) into RGBA8.
Result<Image> readImage(const std::string& path);

}  // namespace fp
