#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/util/result.h"

namespace fp {

/// Compresses RGB rows into a baseline JPEG file as they arrive, top row first, with libjpeg-turbo's
/// scanline API: memory stays at libjpeg's few rows whatever the image size. It writes `path` itself (the
/// caller makes it a temporary file and renames it into place); errors name `path`.
class JpegRowWriter {
public:
    /// Creates (or truncates) `path` and starts a JPEG of `width` x `height` at `quality` (1..100, clamped).
    static Result<std::unique_ptr<JpegRowWriter>> open(const std::string& path, int width, int height,
                                                       int quality);
    ~JpegRowWriter();
    JpegRowWriter(const JpegRowWriter&) = delete;
    JpegRowWriter& operator=(const JpegRowWriter&) = delete;

    /// The next row: `width` pixels of 3 bytes (R, G, B).
    Status writeRow(const uint8_t* rgb);
    /// Ends the JPEG once every row was written, flushes it to disk and closes the file; a full disk shows
    /// here.
    Status finish();

private:
    struct Impl;
    explicit JpegRowWriter(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace fp
