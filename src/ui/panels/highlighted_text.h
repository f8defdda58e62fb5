#pragma once

#include <imgui.h>

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/extract/article_text.h"

namespace fp {

/// A span of the text drawn on a coloured background.
struct TextHighlight {
    TextSpan span;
    ImU32 colour = 0;
};

/// A long read-only text wrapped to the width of its child window, with coloured spans behind the words
/// (drawn in the order given: later ones on top). Only the visible lines are drawn, and the lines are laid
/// out again only when the text or the width changes, so a megabyte of text scrolls smoothly.
class HighlightedText {
public:
    /// Draws `text` in a child window `id` of `size` (ImGui::BeginChild sizes). `text` must stay the same
    /// string between frames to keep its layout (a new data pointer or size lays it out again).
    void draw(const char* id, std::string_view text, const std::vector<TextHighlight>& highlights,
              ImVec2 size);
    /// Scrolls on the next draw so that byte `offset` is in the upper third of the view.
    void scrollTo(size_t offset) { m_scrollTo = offset; }
    /// The line (0-based) holding byte `offset` of the text last drawn.
    size_t lineOf(size_t offset) const;
    size_t lineCount() const { return m_lines.size(); }

private:
    /// Wraps every paragraph of `text` at `width` pixels into m_lines.
    void layout(std::string_view text, float width);

    struct Line {
        size_t begin = 0, end = 0;
    };
    std::vector<Line> m_lines;
    const char* m_laidOutData = nullptr;
    size_t m_laidOutSize = 0;
    float m_laidOutWidth = -1.f;
    size_t m_scrollTo = static_cast<size_t>(-1);
};

}  // namespace fp
