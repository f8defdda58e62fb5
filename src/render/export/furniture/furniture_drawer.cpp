#include "render/export/furniture/furniture_drawer.h"

#include <algorithm>
#include <cmath>

#include "core/export/furniture_content.h"
#include "core/util/log.h"
#include "render/export/furniture/glyphs.h"
#include "render/gl/gl.h"
#include "render/text/font_locator.h"

namespace fp {

namespace {

const Color kInk = Color::rgb(28, 28, 30);
const Color kInkSoft = Color::rgb(70, 70, 74);
const Color kInkFaint = Color::rgb(150, 150, 156);
const Color kPanel = Color::rgb(255, 255, 255).withAlpha(0.86f);
const Color kBanner = Color::rgb(38, 52, 64);

}  // namespace

struct FurnitureDrawer::Impl {
    Impl(TextRenderer r, TextRenderer b, ShapeBatch s)
        : regular(std::move(r)), bold(std::move(b)), shapes(std::move(s)) {}
    TextRenderer regular;
    TextRenderer bold;
    ShapeBatch shapes;
};

FurnitureDrawer::FurnitureDrawer() = default;
FurnitureDrawer::~FurnitureDrawer() = default;

Result<std::unique_ptr<FurnitureDrawer>> FurnitureDrawer::create() {
    auto regularFont = findSystemFont();
    if (!regularFont) return regularFont.error();
    auto boldFont = findSystemFont("DejaVu Sans", true);
    if (!boldFont) return boldFont.error();
    auto regular = TextRenderer::create(regularFont.value());
    if (!regular) return regular.error();
    auto bold = TextRenderer::create(boldFont.value());
    if (!bold) return bold.error();
    auto shapes = ShapeBatch::create();
    if (!shapes) return shapes.error();
    std::unique_ptr<FurnitureDrawer> d(new FurnitureDrawer());
    d->m_impl = std::make_unique<Impl>(std::move(regular).value(), std::move(bold).value(),
                                       std::move(shapes).value());
    return d;
}

namespace {

/// Builds one layout: measures text with the drawer's fonts and keeps parts from overlapping.
class LayoutBuilder {
public:
    LayoutBuilder(TextRenderer& regular, TextRenderer& bold, FurnitureLayout& out, const MapView& view)
        : m_regular(regular),
          m_bold(bold),
          m_out(out),
          k(view.pixelRatio),
          W(static_cast<float>(view.widthPx)),
          H(static_cast<float>(view.heightPx)) {}

    float width(const std::string& text, float size, bool bold) {
        return (bold ? m_bold : m_regular).measure(text, size).width;
    }
    float lineHeight(float size, bool bold) {
        return (bold ? m_bold : m_regular).measure("Ág", size).height();
    }

    /// Queues text with its left edge at x and its vertical centre at y.
    void text(const std::string& t, float x, float y, float size, bool bold, const Color& fill,
              float halo = 0.f) {
        TextStyle s;
        s.sizePx = size;
        s.fill = fill;
        s.halo = Color::rgb(255, 255, 255);
        s.haloWidthPx = halo;
        m_out.texts.push_back({t, x + 0.5f * width(t, size, bold), y, s, bold});
    }

    /// Claims `box` for `name` unless it leaves the image or overlaps a part placed before.
    bool claim(const std::string& name, LabelBox box) {
        bool fits = box.x0 >= 0.f && box.y0 >= 0.f && box.x1 <= W && box.y1 <= H;
        for (const auto& placed : m_out.boxes) fits = fits && !overlaps(placed.second, box);
        if (!fits) {
            m_out.dropped.push_back(name);
            logWarning("export: the " + name + " does not fit in a " + std::to_string(static_cast<int>(W)) +
                       "x" + std::to_string(static_cast<int>(H)) + " image and is left out");
            return false;
        }
        m_out.boxes.emplace_back(name, box);
        return true;
    }

    TextRenderer& m_regular;
    TextRenderer& m_bold;
    FurnitureLayout& m_out;
    const float k, W, H;
};

}  // namespace

FurnitureLayout FurnitureDrawer::layout(const MapState& state, const MapView& view, const MapFurniture& f,
                                        const IncidentStyleSheet& sheet, const std::string& defaultTitle) {
    FurnitureLayout out;
    LayoutBuilder b(m_impl->regular, m_impl->bold, out, view);
    const float k = b.k, W = b.W, H = b.H;
    const float margin = 14.f * k, pad = 8.f * k, gap = 10.f * k;
    const MapScene& scene = state.scene();

    // Banners first: everything else sits between them.
    float top = margin, bottom = H - margin;
    if (f.banner && !f.bannerText.empty()) {
        const float size = 13.f * k, h = b.lineHeight(size, true) + 8.f * k;
        const float tw = b.width(f.bannerText, size, true);
        for (float y0 : {0.f, H - h}) {
            if (!b.claim("banner", {0.f, y0, W, y0 + h})) break;
            out.under.addRect(0.f, y0, W, y0 + h, kBanner);
            b.text(f.bannerText, 0.5f * (W - tw), y0 + 0.5f * h, size, true, Color::rgb(255, 255, 255));
        }
        top = h + margin;
        bottom = H - h - margin;
    }

    // Top right: the time stamp, then the north arrow below it.
    float rightTop = top;
    const std::string stamp = f.timestamp ? timestampText(scene) : "";
    float stampWidth = 0.f;
    if (!stamp.empty()) {
        const float size = 30.f * k, h = b.lineHeight(size, true);
        stampWidth = b.width(stamp, size, true) + 2.f * pad;
        const LabelBox box{W - margin - stampWidth, top, W - margin, top + h + 2.f * pad};
        if (b.claim("time stamp", box)) {
            out.under.addRect(box.x0, box.y0, box.x1, box.y1, kPanel);
            b.text(stamp, box.x0 + pad, box.y0 + pad + 0.5f * h, size, true, kInk);
            rightTop = box.y1 + gap;
        }
    }

    // Top left: title and subtitle in one panel, shrunk to leave room for the time stamp.
    const std::string title = f.title ? (f.titleText.empty() ? defaultTitle : f.titleText) : "";
    const std::string subtitle =
        f.subtitle ? (f.subtitleText.empty() ? defaultSubtitle(scene) : f.subtitleText) : "";
    float leftTop = top;
    if (!title.empty() || !subtitle.empty()) {
        const float maxWidth = W - 2.f * margin - (stampWidth > 0.f ? stampWidth + gap : 0.f) - 2.f * pad;
        float titleSize = 24.f * k, subSize = 15.f * k;
        const float natural = std::max(title.empty() ? 0.f : b.width(title, titleSize, true),
                                       subtitle.empty() ? 0.f : b.width(subtitle, subSize, false));
        if (natural > maxWidth && maxWidth > 0.f) {  // a long title gets smaller rather than cut
            const float shrink = std::max(0.5f, maxWidth / natural);
            titleSize *= shrink;
            subSize *= shrink;
        }
        const float th = title.empty() ? 0.f : b.lineHeight(titleSize, true);
        const float sh = subtitle.empty() ? 0.f : b.lineHeight(subSize, false);
        const float inner = (title.empty() || subtitle.empty()) ? 0.f : 3.f * k;
        const float w = std::max(title.empty() ? 0.f : b.width(title, titleSize, true),
                                 subtitle.empty() ? 0.f : b.width(subtitle, subSize, false));
        const LabelBox box{margin, top, margin + w + 2.f * pad, top + th + inner + sh + 2.f * pad};
        if (b.claim("title", box)) {
            out.under.addRect(box.x0, box.y0, box.x1, box.y1, kPanel);
            if (!title.empty()) b.text(title, box.x0 + pad, box.y0 + pad + 0.5f * th, titleSize, true, kInk);
            if (!subtitle.empty())
                b.text(subtitle, box.x0 + pad, box.y1 - pad - 0.5f * sh, subSize, false, kInkSoft);
            leftTop = box.y1 + gap;
        }
    }

    if (f.northArrow) {
        const double angle = trueNorthAngle(view, state.projection());
        const float r = 22.f * k;
        const PixelXY c{W - margin - r, rightTop + r};
        if (std::isfinite(angle) && b.claim("north arrow", {c.x - r, c.y - r, c.x + r, c.y + r})) {
            const PixelXY n = addNorthArrow(out.over, c, r, angle, kPanel);
            TextStyle s;
            s.sizePx = 11.f * k;
            s.fill = kInk;
            s.haloWidthPx = 0.f;
            out.texts.push_back({"N", n.x, n.y, s, true});
            rightTop = c.y + r + gap;
        }
    }

    // Bottom left: the scale bar, the legend above it.
    float leftBottom = bottom;
    if (f.scaleBar) {
        const double mpp = groundMetresPerPixelAtCenter(view, state.projection());
        const ScaleBarLength len = niceScaleLength(std::min(180.f * k, 0.3f * W) * mpp);
        if (len.metres > 0.0) {
            const float barPx = static_cast<float>(len.metres / mpp), barH = 6.f * k;
            const float size = 12.f * k, lh = b.lineHeight(size, false);
            const float lw = b.width(len.label, size, false);
            const LabelBox box{margin, bottom - (2.f * pad + lh + 4.f * k + barH),
                               margin + 2.f * pad + std::max(barPx, lw), bottom};
            if (b.claim("scale bar", box)) {
                out.under.addRect(box.x0, box.y0, box.x1, box.y1, kPanel);
                const float x0 = box.x0 + pad, y1 = box.y1 - pad, y0 = y1 - barH;
                out.over.addRect(x0, y0, x0 + barPx, y1, kInk);
                // Alternate quarters in white show the lengths in between.
                const float bw = 1.f * k;
                for (int q = 1; q < 4; q += 2)
                    out.over.addRect(x0 + barPx * q / 4.f, y0 + bw, x0 + barPx * (q + 1) / 4.f - bw, y1 - bw,
                                     Color::rgb(255, 255, 255));
                b.text(len.label, x0, box.y0 + pad + 0.5f * lh, size, false, kInk);
                leftBottom = box.y0 - gap;
            }
        }
    }

    if (f.legend) {
        const std::vector<LegendEntry> entries = legendEntries(scene, sheet);
        if (!entries.empty()) {
            const float size = 13.f * k, lh = b.lineHeight(size, false),
                        row = std::max(lh, 14.f * k) + 5.f * k;
            const float headSize = 13.f * k, headH = b.lineHeight(headSize, true);
            const std::string head = "Incidents";
            // As many rows as fit between the title and the scale bar; the rest are summed up in one row.
            const float room = leftBottom - leftTop - 2.f * pad - headH - 4.f * k;
            size_t rows = std::min(entries.size(), static_cast<size_t>(std::max(0.f, room / row)));
            if (rows < entries.size() && rows > 0) --rows;
            const size_t rest = entries.size() - rows;
            struct Line {
                std::string name, count, widest;  // widest: the count column's width does not vary in time
                bool none = false;                // no incident of it in the window
            };
            std::vector<Line> lines;
            for (size_t i = 0; i < rows; ++i)
                lines.push_back({entries[i].name, std::to_string(entries[i].count),
                                 std::to_string(entries[i].total), entries[i].count == 0});
            if (rest > 0) {
                size_t n = 0, total = 0;
                for (size_t i = rows; i < entries.size(); ++i) {
                    n += entries[i].count;
                    total += entries[i].total;
                }
                lines.push_back({std::to_string(rest) + " more categories", std::to_string(n),
                                 std::to_string(total), n == 0});
            }
            const float glyph = 6.f * k, nameX = pad + 2.f * glyph + 6.f * k;
            float nameW = b.width(head, headSize, true) - nameX + pad, countW = 0.f;
            for (const Line& line : lines) {
                nameW = std::max(nameW, b.width(line.name, size, false));
                countW = std::max(countW, b.width(line.widest, size, false));
            }
            const float w = nameX + nameW + 12.f * k + countW + pad;
            const float h = 2.f * pad + headH + 4.f * k + row * static_cast<float>(lines.size());
            const LabelBox box{margin, leftBottom - h, margin + w, leftBottom};
            if (b.claim("legend", box)) {
                out.under.addRect(box.x0, box.y0, box.x1, box.y1, kPanel);
                b.text(head, box.x0 + pad, box.y0 + pad + 0.5f * headH, headSize, true, kInk);
                float y = box.y0 + pad + headH + 4.f * k + 0.5f * row;
                for (size_t i = 0; i < lines.size(); ++i, y += row) {
                    const Line& line = lines[i];
                    // A category with nothing in the window keeps its row, greyed, so rows do not jump
                    // between animation frames.
                    const Color ink = line.none ? kInkFaint : kInk;
                    if (i < rows)
                        addMarkerGlyph(out.over, {box.x0 + pad + glyph, y}, glyph, entries[i].shape,
                                       line.none ? entries[i].color.withAlpha(0.3f) : entries[i].color,
                                       sheet.marker().outline.withAlpha(line.none ? 0.3f : 1.f), 1.2f * k);
                    b.text(line.name, box.x0 + nameX, y, size, false, ink);
                    b.text(line.count, box.x1 - pad - b.width(line.count, size, false), y, size, false, ink);
                }
            }
        }
    }

    // Bottom right: attribution, the inset above it.
    float rightBottom = bottom;
    if (f.attribution) {
        const std::vector<std::string> sources = attributionLines(scene);
        if (!sources.empty()) {
            const float size = 10.f * k, lh = b.lineHeight(size, false) + 2.f * k;
            const float maxW = std::max(120.f * k, 0.5f * W - margin);
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
            const LabelBox box{W - margin - w - 2.f * 5.f * k, bottom - lh * lines.size() - 2.f * 4.f * k,
                               W - margin, bottom};
            if (b.claim("attribution", box)) {
                out.under.addRect(box.x0, box.y0, box.x1, box.y1, kPanel);
                for (size_t i = 0; i < lines.size(); ++i)
                    b.text(lines[i], box.x1 - 5.f * k - b.width(lines[i], size, false),
                           box.y0 + 4.f * k + lh * (i + 0.5f), size, false, kInkSoft);
                rightBottom = box.y0 - gap;
            }
        }
    }

    if (f.inset) {
        const MapBBox region = projectGeoBBox(scene.extent(), state.projection());
        const int iw = static_cast<int>(std::min(0.22f * W, 240.f * k));
        const int ih =
            region.empty()
                ? 0
                : static_cast<int>(std::clamp(iw * static_cast<float>(region.height() / region.width()),
                                              0.5f * iw, 1.2f * iw));
        const LabelBox box{W - margin - iw, rightBottom - ih, W - margin, rightBottom};
        if (iw >= 40 && ih > 0 && box.y0 > rightTop && b.claim("inset", box)) {
            InsetMap inset;
            inset.x = static_cast<int>(std::lround(box.x0));
            inset.y = static_cast<int>(std::lround(box.y0));
            inset.view.widthPx = iw;
            inset.view.heightPx = ih;
            inset.view.pixelRatio = 0.5f * k;  // hairlines: the region's shape matters, not its borders
            inset.view.fit(region, 0.03);
            inset.scene.crs = scene.crs;
            inset.scene.background = scene.background;
            // The same time state as the main scene, so the shared incident drawer is not reset in between.
            inset.scene.time = scene.time;
            for (const auto& layer : scene.layers) {
                if (!layer.style.visible || !layer.style.filled) continue;
                MapLayer copy = layer;
                copy.style.labelField.clear();
                inset.scene.layers.push_back(std::move(copy));
            }
            // The main view's extent, clipped to the inset, as a red frame (at least a few pixels big).
            const MapBBox e = view.visibleExtent();
            const ScreenXY a = inset.view.toScreen({e.minX, e.maxY}),
                           c = inset.view.toScreen({e.maxX, e.minY});
            const float minSide = 4.f * k, lw = 2.f * k;
            float x0 = static_cast<float>(std::max(0.0, a.x)), y0 = static_cast<float>(std::max(0.0, a.y));
            float x1 = static_cast<float>(std::min<double>(iw, c.x)),
                  y1 = static_cast<float>(std::min<double>(ih, c.y));
            if (x1 - x0 < minSide) x0 = 0.5f * (x0 + x1) - 0.5f * minSide, x1 = x0 + minSide;
            if (y1 - y0 < minSide) y0 = 0.5f * (y0 + y1) - 0.5f * minSide, y1 = y0 + minSide;
            const Color red = Color::rgb(200, 30, 40);
            const float ox = box.x0, oy = box.y0;
            out.over.addRect(ox + x0, oy + y0, ox + x1, oy + y0 + lw, red);
            out.over.addRect(ox + x0, oy + y1 - lw, ox + x1, oy + y1, red);
            out.over.addRect(ox + x0, oy + y0, ox + x0 + lw, oy + y1, red);
            out.over.addRect(ox + x1 - lw, oy + y0, ox + x1, oy + y1, red);
            // A frame around the inset.
            const float fw = 1.f * k;
            out.over.addRect(box.x0, box.y0, box.x1, box.y0 + fw, kInk);
            out.over.addRect(box.x0, box.y1 - fw, box.x1, box.y1, kInk);
            out.over.addRect(box.x0, box.y0, box.x0 + fw, box.y1, kInk);
            out.over.addRect(box.x1 - fw, box.y0, box.x1, box.y1, kInk);
            out.inset = std::move(inset);
        }
    }
    return out;
}

void FurnitureDrawer::draw(const FurnitureLayout& layout, MapRenderer& renderer, const MapView& view,
                           const DrawPlacement& placement) {
    const int targetHeight = placement.targetHeightPx > 0 ? placement.targetHeightPx : view.heightPx;
    auto fullViewport = [&] {
        glViewport(placement.offsetX, targetHeight - placement.offsetY - view.heightPx, view.widthPx,
                   view.heightPx);
    };
    fullViewport();
    m_impl->shapes.draw(layout.under, view.widthPx, view.heightPx);
    if (layout.inset) {
        const InsetMap& inset = *layout.inset;
        renderer.draw(
            inset.scene, inset.view,
            DrawPlacement{placement.offsetX + inset.x, placement.offsetY + inset.y, targetHeight, true});
        fullViewport();
    }
    m_impl->shapes.draw(layout.over, view.widthPx, view.heightPx);
    for (bool bold : {false, true}) {
        TextRenderer& text = bold ? m_impl->bold : m_impl->regular;
        text.begin(view.widthPx, view.heightPx);
        for (const auto& t : layout.texts)
            if (t.bold == bold) text.addText(t.text, t.x, t.y, t.style);
        text.flush();
    }
}

}  // namespace fp
