#pragma once

#include <cstdint>
#include <string>

#include "core/util/result.h"

namespace fp {

/// Straight-alpha RGBA colour, each channel 0..1.
struct Color {
    float r = 0.f, g = 0.f, b = 0.f, a = 1.f;
    friend bool operator==(const Color&, const Color&) = default;

    static constexpr Color rgb(uint8_t r, uint8_t g, uint8_t b, float a = 1.f) {
        return {r / 255.f, g / 255.f, b / 255.f, a};
    }
    Color withAlpha(float alpha) const { return {r, g, b, alpha}; }
    /// "#rrggbb" or "#rrggbbaa".
    std::string toHex() const;
    /// Parses "#rgb", "#rrggbb" or "#rrggbbaa"; InvalidArgument otherwise.
    static Result<Color> fromHex(const std::string& text);
};

}  // namespace fp
