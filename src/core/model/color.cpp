#include "core/model/color.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace fp {

std::string Color::toHex() const {
    auto byte = [](float v) { return static_cast<int>(std::lround(std::clamp(v, 0.f, 1.f) * 255.f)); };
    char buf[16];
    if (a >= 1.f)
        std::snprintf(buf, sizeof buf, "#%02x%02x%02x", byte(r), byte(g), byte(b));
    else
        std::snprintf(buf, sizeof buf, "#%02x%02x%02x%02x", byte(r), byte(g), byte(b), byte(a));
    return buf;
}

Result<Color> Color::fromHex(const std::string& text) {
    auto bad = [&] {
        return makeError(ErrorCode::InvalidArgument, text, "not a colour: use #rrggbb or #rrggbbaa");
    };
    if (text.empty() || text[0] != '#') return bad();
    std::string hex = text.substr(1);
    for (char c : hex)
        if (!std::isxdigit(static_cast<unsigned char>(c))) return bad();
    if (hex.size() == 3) hex = {hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]};
    if (hex.size() != 6 && hex.size() != 8) return bad();
    auto channel = [&](int i) { return std::stoi(hex.substr(i * 2, 2), nullptr, 16) / 255.f; };
    return Color{channel(0), channel(1), channel(2), hex.size() == 8 ? channel(3) : 1.f};
}

}  // namespace fp
