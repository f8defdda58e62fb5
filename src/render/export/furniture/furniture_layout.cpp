#include "render/export/furniture/furniture_layout.h"

#include <algorithm>
#include <cmath>

#include "render/export/furniture/glyphs.h"

namespace fp::furniture {

LayoutBuilder::LayoutBuilder(TextRenderer& regular, TextRenderer& bold, FurnitureLayout& out,
                             const MapView& view)
    : out(out),
      k(view.pixelRatio),
      W(static_cast<float>(view.widthPx)),
      H(static_cast<float>(view.heightPx)),
      margin(14.f * k),
      pad(8.f * k),
      gap(10.f * k),
      m_regular(regular),
      m_bold(bold) {}

float LayoutBuilder::width(const std::string& text, float size, bool bold) {
    return (bold ? m_bold : m_regular).measure(text, size).width;
}

float LayoutBuilder::lineHeight(float size, bool bold) {
    return (bold ? m_bold : m_regular).measure("Ág", size).height();
}

void LayoutBuilder::text(const std::string& t, float x, float y, float size, bool bold, const Color& fill,
                         float halo) {
    TextStyle s;
    s.sizePx = size;
    s.fill = fill;
    s.halo = Color::rgb(255, 255, 255);
    s.haloWidthPx = halo;
    out.texts.push_back({t, x + 0.5f * width(t, size, bold), y, s, bold});
}

bool LayoutBuilder::claim(const std::string& name, LabelBox box) {
    bool fits = box.x0 >= 0.f && box.y0 >= 0.f && box.x1 <= W && box.y1 <= H;
    for (const auto& placed : out.boxes) fits = fits && !overlaps(placed.second, box);
    if (!fits) {
        out.dropped.push_back(name);  // said by the exporter, once per export (not once per frame)
        return false;
    }
    out.boxes.emplace_back(name, box);
    return true;
}

bool LayoutBuilder::claimPanel(const std::string& name, LabelBox box) {
    if (!claim(name, box)) return false;
    out.under.addRect(box.x0, box.y0, box.x1, box.y1, kPanel);
    return true;
}

FreeSpace placeBanners(LayoutBuilder& b, const MapFurniture& f) {
    FreeSpace space;
    space.top = b.margin;
    space.bottom = b.H - b.margin;
    if (f.banner && !f.bannerText.empty()) {
        const float size = 13.f * b.k, h = b.lineHeight(size, true) + 8.f * b.k;
        const float textWidth = b.width(f.bannerText, size, true);
        for (float y0 : {0.f, b.H - h}) {
            if (!b.claim("banner", {0.f, y0, b.W, y0 + h})) break;
            b.out.under.addRect(0.f, y0, b.W, y0 + h, kBanner);
            b.text(f.bannerText, 0.5f * (b.W - textWidth), y0 + 0.5f * h, size, true,
                   Color::rgb(255, 255, 255));
        }
        space.top = h + b.margin;
        space.bottom = b.H - h - b.margin;
    }
    space.leftTop = space.rightTop = space.top;
    space.leftBottom = space.rightBottom = space.bottom;
    return space;
}

float placeTimestamp(LayoutBuilder& b, const std::string& stamp, FreeSpace& space) {
    if (stamp.empty()) return 0.f;
    const float size = 30.f * b.k, h = b.lineHeight(size, true);
    const float stampWidth = b.width(stamp, size, true) + 2.f * b.pad;
    const LabelBox box{b.W - b.margin - stampWidth, space.top, b.W - b.margin, space.top + h + 2.f * b.pad};
    if (b.claimPanel("time stamp", box)) {
        b.text(stamp, box.x0 + b.pad, box.y0 + b.pad + 0.5f * h, size, true, kInk);
        space.rightTop = box.y1 + b.gap;
    }
    return stampWidth;
}

void placeTitle(LayoutBuilder& b, const std::string& title, const std::string& subtitle, float rightReserved,
                FreeSpace& space) {
    if (title.empty() && subtitle.empty()) return;
    const float pad = b.pad;
    const float maxWidth =
        b.W - 2.f * b.margin - (rightReserved > 0.f ? rightReserved + b.gap : 0.f) - 2.f * pad;
    float titleSize = 24.f * b.k, subSize = 15.f * b.k;
    auto widest = [&] {
        return std::max(title.empty() ? 0.f : b.width(title, titleSize, true),
                        subtitle.empty() ? 0.f : b.width(subtitle, subSize, false));
    };
    const float natural = widest();
    if (natural > maxWidth && maxWidth > 0.f) {  // a long title gets smaller rather than cut
        const float shrink = std::max(0.5f, maxWidth / natural);
        titleSize *= shrink;
        subSize *= shrink;
    }
    const float titleH = title.empty() ? 0.f : b.lineHeight(titleSize, true);
    const float subH = subtitle.empty() ? 0.f : b.lineHeight(subSize, false);
    const float between = (title.empty() || subtitle.empty()) ? 0.f : 3.f * b.k;
    const LabelBox box{b.margin, space.top, b.margin + widest() + 2.f * pad,
                       space.top + titleH + between + subH + 2.f * pad};
    if (!b.claimPanel("title", box)) return;
    if (!title.empty()) b.text(title, box.x0 + pad, box.y0 + pad + 0.5f * titleH, titleSize, true, kInk);
    if (!subtitle.empty())
        b.text(subtitle, box.x0 + pad, box.y1 - pad - 0.5f * subH, subSize, false, kInkSoft);
    space.leftTop = box.y1 + b.gap;
}

void placeNorthArrow(LayoutBuilder& b, double angle, FreeSpace& space) {
    const float r = 22.f * b.k;
    const PixelXY c{b.W - b.margin - r, space.rightTop + r};
    if (!std::isfinite(angle) || !b.claim("north arrow", {c.x - r, c.y - r, c.x + r, c.y + r})) return;
    const PixelXY n = addNorthArrow(b.out.over, c, r, angle, kPanel);
    TextStyle s;
    s.sizePx = 11.f * b.k;
    s.fill = kInk;
    s.haloWidthPx = 0.f;
    b.out.texts.push_back({"N", n.x, n.y, s, true});
    space.rightTop = c.y + r + b.gap;
}

void placeScaleBar(LayoutBuilder& b, double metresPerPixel, FreeSpace& space) {
    const float k = b.k, pad = b.pad;
    const ScaleBarLength len = niceScaleLength(std::min(180.f * k, 0.3f * b.W) * metresPerPixel);
    if (!(len.metres > 0.0)) return;
    const float barPx = static_cast<float>(len.metres / metresPerPixel), barH = 6.f * k;
    const float size = 12.f * k, lineH = b.lineHeight(size, false);
    const float labelW = b.width(len.label, size, false);
    const LabelBox box{b.margin, space.bottom - (2.f * pad + lineH + 4.f * k + barH),
                       b.margin + 2.f * pad + std::max(barPx, labelW), space.bottom};
    if (!b.claimPanel("scale bar", box)) return;
    const float x0 = box.x0 + pad, y1 = box.y1 - pad, y0 = y1 - barH;
    b.out.over.addRect(x0, y0, x0 + barPx, y1, kInk);
    // Alternate quarters in white show the lengths in between.
    const float border = 1.f * k;
    for (int q = 1; q < 4; q += 2)
        b.out.over.addRect(x0 + barPx * q / 4.f, y0 + border, x0 + barPx * (q + 1) / 4.f - border,
                           y1 - border, Color::rgb(255, 255, 255));
    b.text(len.label, x0, box.y0 + pad + 0.5f * lineH, size, false, kInk);
    space.leftBottom = box.y0 - b.gap;
}

void placeAttribution(LayoutBuilder& b, const std::vector<std::string>& sources, FreeSpace& space) {
    if (sources.empty()) return;
    const float k = b.k, size = 10.f * k, lineH = b.lineHeight(size, false) + 2.f * k;
    const float maxW = std::max(120.f * k, 0.5f * b.W - b.margin);
    // Greedy wrap at source boundaries (a source longer than a line gets a line of its own).
    std::vector<std::string> lines;
    std::string line = "Sources: ";
    for (size_t i = 0; i < sources.size(); ++i) {
        const std::string piece = sources[i] + (i + 1 < sources.size() ? " \u00b7 " : "");
        if (line.size() > 9 && b.width(line + piece, size, false) > maxW) {
            lines.push_back(line);
            line.clear();
        }
        line += piece;
    }
    lines.push_back(line);
    float w = 0.f;
    for (const auto& l : lines) w = std::max(w, b.width(l, size, false));
    const LabelBox box{b.W - b.margin - w - 2.f * 5.f * k,
                       space.bottom - lineH * lines.size() - 2.f * 4.f * k, b.W - b.margin, space.bottom};
    if (!b.claimPanel("attribution", box)) return;
    for (size_t i = 0; i < lines.size(); ++i)
        b.text(lines[i], box.x1 - 5.f * k - b.width(lines[i], size, false),
               box.y0 + 4.f * k + lineH * (i + 0.5f), size, false, kInkSoft);
    space.rightBottom = box.y0 - b.gap;
}

namespace {

/// The inset's own scene: the main scene's filled polygon layers, unlabelled, with the same time state.
MapScene insetScene(const MapScene& scene) {
    MapScene inset;
    inset.crs = scene.crs;
    inset.background = scene.background;
    // The same time state as the main scene, so the shared incident drawer is not reset in between.
    inset.time = scene.time;
    for (const auto& layer : scene.layers) {
        if (!layer.style.visible || !layer.style.filled) continue;
        MapLayer copy = layer;
        copy.style.labelField.clear();
        inset.layers.push_back(std::move(copy));
    }
    return inset;
}

/// A rectangle outline of `width` pixels inside (x0, y0)-(x1, y1).
void addFrame(ShapeList& shapes, float x0, float y0, float x1, float y1, float width, const Color& color) {
    shapes.addRect(x0, y0, x1, y0 + width, color);
    shapes.addRect(x0, y1 - width, x1, y1, color);
    shapes.addRect(x0, y0, x0 + width, y1, color);
    shapes.addRect(x1 - width, y0, x1, y1, color);
}

/// True when an inset of `region` says where a map showing `shown` is: the map lies mostly inside the
/// region and shows less than half of it. A map of the world or of another continent, or of the whole
/// region, gets no locator (a red frame around the whole inset, or a region the map is not in).
bool insetLocates(const MapBBox& shown, const MapBBox& region) {
    if (shown.empty() || region.empty()) return false;
    const double w = std::min(shown.maxX, region.maxX) - std::max(shown.minX, region.minX);
    const double h = std::min(shown.maxY, region.maxY) - std::max(shown.minY, region.minY);
    const double common = w > 0.0 && h > 0.0 ? w * h : 0.0;
    return common >= 0.5 * shown.width() * shown.height() && common < 0.5 * region.width() * region.height();
}

}  // namespace

void placeInset(LayoutBuilder& b, const MapState& state, const MapView& view, FreeSpace& space) {
    const float k = b.k;
    const MapBBox region = projectGeoBBox(state.scene().extent(), state.projection());
    const MapBBox e = view.visibleExtent();
    if (!insetLocates(e, region)) return;
    const int iw = static_cast<int>(std::min(0.22f * b.W, 240.f * k));
    const int ih =
        region.empty()
            ? 0
            : static_cast<int>(std::clamp(iw * static_cast<float>(region.height() / region.width()),
                                          0.5f * iw, 1.2f * iw));
    const LabelBox box{b.W - b.margin - iw, space.rightBottom - ih, b.W - b.margin, space.rightBottom};
    if (iw < 40 || ih <= 0 || box.y0 <= space.rightTop || !b.claim("inset", box)) return;
    InsetMap inset;
    inset.x = static_cast<int>(std::lround(box.x0));
    inset.y = static_cast<int>(std::lround(box.y0));
    inset.view.widthPx = iw;
    inset.view.heightPx = ih;
    inset.view.pixelRatio = 0.5f * k;  // hairlines: the region's shape matters, not its borders
    inset.view.fit(region, 0.03);
    inset.scene = insetScene(state.scene());
    // The main view's extent, clipped to the inset, as a red frame (at least a few pixels big).
    const ScreenXY a = inset.view.toScreen({e.minX, e.maxY}), c = inset.view.toScreen({e.maxX, e.minY});
    const float minSide = 4.f * k;
    float x0 = static_cast<float>(std::max(0.0, a.x)), y0 = static_cast<float>(std::max(0.0, a.y));
    float x1 = static_cast<float>(std::min<double>(iw, c.x)),
          y1 = static_cast<float>(std::min<double>(ih, c.y));
    if (x1 - x0 < minSide) x0 = 0.5f * (x0 + x1) - 0.5f * minSide, x1 = x0 + minSide;
    if (y1 - y0 < minSide) y0 = 0.5f * (y0 + y1) - 0.5f * minSide, y1 = y0 + minSide;
    addFrame(b.out.over, box.x0 + x0, box.y0 + y0, box.x0 + x1, box.y0 + y1, 2.f * k,
             Color::rgb(200, 30, 40));
    addFrame(b.out.over, box.x0, box.y0, box.x1, box.y1, 1.f * k, kInk);  // around the inset
    b.out.inset = std::move(inset);
}

}  // namespace fp::furniture
