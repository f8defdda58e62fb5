#include "ui/panels/highlighted_text.h"

#include <algorithm>
#include <cstring>

namespace fp {

void HighlightedText::layout(std::string_view text, float width) {
    m_lines.clear();
    ImFont* font = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font->FontSize;
    const char* base = text.data();
    const char* end = base + text.size();
    const char* p = base;
    while (p < end) {
        const char* lineEnd = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
        if (!lineEnd) lineEnd = end;
        if (p == lineEnd) m_lines.push_back({size_t(p - base), size_t(p - base)});
        while (p < lineEnd) {
            const char* wrap = font->CalcWordWrapPositionA(scale, p, lineEnd, std::max(width, 1.f));
            if (wrap == p) ++wrap;  // a word wider than the view: cut it rather than loop
            m_lines.push_back({size_t(p - base), size_t(wrap - base)});
            p = wrap;
            while (p < lineEnd && (*p == ' ' || *p == '\t')) ++p;
        }
        p = lineEnd + 1;
    }
    m_laidOutData = text.data();
    m_laidOutSize = text.size();
    m_laidOutWidth = width;
}

size_t HighlightedText::lineOf(size_t offset) const {
    const auto it = std::upper_bound(m_lines.begin(), m_lines.end(), offset,
                                     [](size_t o, const Line& line) { return o < line.begin; });
    return it == m_lines.begin() ? 0 : static_cast<size_t>(it - m_lines.begin()) - 1;
}

void HighlightedText::draw(const char* id, std::string_view text,
                           const std::vector<TextHighlight>& highlights, ImVec2 size) {
    ImGui::BeginChild(id, size, true);
    const float width = ImGui::GetContentRegionAvail().x;
    if (text.data() != m_laidOutData || text.size() != m_laidOutSize || width != m_laidOutWidth)
        layout(text, width);
    const float lineHeight = ImGui::GetTextLineHeightWithSpacing();
    if (m_scrollTo != static_cast<size_t>(-1)) {
        const float y = float(lineOf(m_scrollTo)) * lineHeight;
        ImGui::SetScrollY(std::max(0.f, y - ImGui::GetWindowHeight() / 3.f));
        m_scrollTo = static_cast<size_t>(-1);
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_lines.size()), lineHeight);
    const char* base = text.data();
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Line& line = m_lines[static_cast<size_t>(i)];
            const ImVec2 at = ImGui::GetCursorScreenPos();
            for (const TextHighlight& h : highlights) {
                const size_t b = std::max(h.span.begin, line.begin), e = std::min(h.span.end, line.end);
                if (b >= e) continue;
                const float x0 = ImGui::CalcTextSize(base + line.begin, base + b).x;
                const float x1 = ImGui::CalcTextSize(base + line.begin, base + e).x;
                draw->AddRectFilled({at.x + x0 - 1.f, at.y}, {at.x + x1 + 1.f, at.y + lineHeight}, h.colour,
                                    2.f);
            }
            ImGui::TextUnformatted(base + line.begin, base + line.end);
        }
    }
    clipper.End();
    ImGui::EndChild();
}

}  // namespace fp
