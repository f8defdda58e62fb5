#pragma once

#include <deque>
#include <string>

#include "ui/panel.h"

namespace fp {

/// Transient messages stacked at the top right, below the menu bar: each fades out after a few seconds
/// (errors stay longer) or on a click.
class Notifications : public Panel {
public:
    const char* title() const override { return "##notifications"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// Queues a message shown from now on; `now` is ImGui::GetTime() seconds (the oldest go beyond five).
    void push(LogLevel level, std::string text, double now);
    size_t size() const { return m_items.size(); }

private:
    struct Item {
        int id = 0;
        LogLevel level = LogLevel::Info;
        std::string text;
        double shownAt = 0.0;
        double duration = 0.0;
    };
    std::deque<Item> m_items;
    int m_nextId = 1;
};

}  // namespace fp
