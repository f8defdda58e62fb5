#pragma once

#include <cstddef>
#include <cstdint>

namespace fp {

/// Composites `count` RGBA8 pixels (straight alpha) over white into RGB8: what formats without alpha (JPEG,
/// the PDF page) show where the map is transparent, instead of black.
inline void compositeOverWhite(const uint8_t* rgba, size_t count, uint8_t* rgb) {
    for (size_t i = 0; i < count; ++i) {
        const uint8_t* p = rgba + i * 4;
        for (int c = 0; c < 3; ++c)
            rgb[i * 3 + c] = static_cast<uint8_t>((p[c] * p[3] + 255 * (255 - p[3]) + 127) / 255);
    }
}

}  // namespace fp
