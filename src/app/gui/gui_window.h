#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "app/session/settings.h"
#include "core/util/result.h"

struct GLFWwindow;

namespace fp {

/// The GLFW window with a current OpenGL 3.3 core context, plus the input bookkeeping the main loop needs:
/// dropped files, content-scale changes, the window's normal (unmaximized) geometry, and whether any input
/// arrived lately. Owns GLFW: initialises it on create and terminates it on destruction.
class GuiWindow {
public:
    /// Opens the window at the remembered size, position and maximized state, fitted into the work area of
    /// its monitor (fitWindowToScreen; a position off every monitor is ignored). Fails with
    /// ErrorCode::GraphicsError when there is no display or no GL 3.3 context.
    static Result<std::unique_ptr<GuiWindow>> create(const GuiSettings& settings, const std::string& title);
    ~GuiWindow();
    GuiWindow(const GuiWindow&) = delete;
    GuiWindow& operator=(const GuiWindow&) = delete;

    GLFWwindow* handle() const { return m_window; }
    bool shouldClose() const;
    void requestClose();
    /// Keeps the window open after a close request (the user cancelled quitting).
    void cancelClose();
    /// Sets the title bar text (UTF-8).
    void setTitle(const std::string& title);

    /// Processes pending events. Returns at once while `animating` or shortly after recent input (so ImGui
    /// settles hover and click states); otherwise sleeps until an event arrives or `idleTimeout` seconds
    /// pass. Returns false when it only timed out: nothing happened since the last frame.
    bool waitEvents(bool animating, double idleTimeout);

    /// Call once ImGui's GLFW backend is initialised. Feeds key and character events to it in order, but
    /// holds back the release of a named key or shortcut pressed in the same frame (and all input after it)
    /// until ImGui has had a frame with the key down: ImGui 1.86 samples key state once per frame, so a quick
    /// Enter, Backspace, Ctrl+Q or Ctrl+A (a fast hand, a slow frame, xdotool) would otherwise be lost.
    void installInputFilter();
    /// Passes held-back input on up to the next release that needs a frame; call once per frame after
    /// ImGui::Render.
    void endFrameInput();

    /// Paths dropped on the window since the last call.
    std::vector<std::string> takeDroppedPaths();
    /// True once after the display's content scale changed (the window moved to another monitor).
    bool takeContentScaleChanged();

    /// Physical pixels per logical pixel (HiDPI scale), from glfwGetWindowContentScale.
    float contentScale() const;
    void framebufferSize(int& width, int& height) const;
    /// Framebuffer pixels per window coordinate (2 on macOS Retina and scaled Wayland, 1 on X11).
    float framebufferScale() const;

    /// Writes the window's normal size, position and maximized state into `settings`.
    void storeGeometry(GuiSettings& settings) const;

private:
    GuiWindow() = default;
    static GuiWindow* self(GLFWwindow* window);
    void trackGeometry();

    struct InputEvent {
        bool isChar = false;
        int key = 0, scancode = 0, action = 0, mods = 0;
        unsigned codepoint = 0;
    };
    void queueInput(const InputEvent& event);
    void dispatchInput();
    bool releaseNeedsFrame(const InputEvent& event) const;

    GLFWwindow* m_window = nullptr;
    std::vector<int> m_pressedThisFrame;  ///< named keys and shortcuts pressed since the last frame
    std::deque<InputEvent> m_input;       ///< key and character events ImGui has not seen yet
    std::vector<std::string> m_drops;
    bool m_scaleChanged = false;
    unsigned m_events = 0;  ///< input events seen, counted by our callbacks
    unsigned m_seenEvents = 0;
    int m_busyFrames = 0;
    int m_x = 0, m_y = 0, m_width = 0, m_height = 0;
    bool m_hasPosition = false;
};

}  // namespace fp
