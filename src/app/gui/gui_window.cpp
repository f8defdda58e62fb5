#include "app/gui/gui_window.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>

#include <algorithm>
#include <utility>

#include "core/util/log.h"

namespace fp {

namespace {

void glfwError(int code, const char* description) {
    logError("GLFW error " + std::to_string(code) + ": " + (description ? description : "unknown"));
}

/// Whether a window at (x, y) sized w x h would show at least a title-bar's worth on some monitor.
bool visibleOnSomeMonitor(int x, int y, int w, int h) {
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    for (int i = 0; i < count; ++i) {
        int mx = 0, my = 0, mw = 0, mh = 0;
        glfwGetMonitorWorkarea(monitors[i], &mx, &my, &mw, &mh);
        const int overlapW = std::min(x + w, mx + mw) - std::max(x, mx);
        const int overlapH = std::min(y + h, my + mh) - std::max(y, my);
        if (overlapW >= 100 && overlapH >= 40) return true;
    }
    return false;
}

/// The work area of the monitor the window opens on: the one holding the remembered position, else the
/// primary monitor. Empty when GLFW knows no monitor.
ScreenRect workAreaFor(const GuiSettings& s) {
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    GLFWmonitor* chosen = glfwGetPrimaryMonitor();
    for (int i = 0; s.hasPosition && i < count; ++i) {
        int mx = 0, my = 0, mw = 0, mh = 0;
        glfwGetMonitorWorkarea(monitors[i], &mx, &my, &mw, &mh);
        if (s.x >= mx && s.x < mx + mw && s.y >= my && s.y < my + mh) chosen = monitors[i];
    }
    ScreenRect area;
    if (chosen) glfwGetMonitorWorkarea(chosen, &area.x, &area.y, &area.width, &area.height);
    return area;
}

bool isModifierKey(int key) {
    return key >= GLFW_KEY_LEFT_SHIFT && key <= GLFW_KEY_RIGHT_SUPER;
}

/// Whether ImGui must see this key press in a frame: named keys (Enter, arrows, Backspace...) and shortcuts
/// do; a printable key typed alone or with Shift does not, its text arrives as a character event.
bool pressNeedsFrame(int key, int mods) {
    if (isModifierKey(key)) return false;
    const bool printable = (key >= GLFW_KEY_SPACE && key <= GLFW_KEY_GRAVE_ACCENT) ||
                           key == GLFW_KEY_WORLD_1 || key == GLFW_KEY_WORLD_2;
    return !printable || (mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER)) != 0;
}

}  // namespace

GuiWindow* GuiWindow::self(GLFWwindow* window) {
    return static_cast<GuiWindow*>(glfwGetWindowUserPointer(window));
}

Result<std::unique_ptr<GuiWindow>> GuiWindow::create(const GuiSettings& settings, const std::string& title) {
    glfwSetErrorCallback(glfwError);
    if (!glfwInit())
        return makeError(ErrorCode::GraphicsError, "display",
                         "cannot open a window: no display available (is DISPLAY or WAYLAND_DISPLAY set?)");
    std::unique_ptr<GuiWindow> w(new GuiWindow());

    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    // No multisampling: every part of the map antialiases its own edges, as in exports (one look on every
    // screen and in every file), and software renderers draw a frame in two thirds of the time.
    glfwWindowHint(GLFW_SAMPLES, 0);
    GuiSettings fitted = settings;
    if (!settings.fromFile) {
        // First run: the default size is in logical pixels.
        float sx = 1.f, sy = 1.f;
        if (GLFWmonitor* primary = glfwGetPrimaryMonitor()) glfwGetMonitorContentScale(primary, &sx, &sy);
        fitted.width = static_cast<int>(fitted.width * std::max(1.f, sx));
        fitted.height = static_cast<int>(fitted.height * std::max(1.f, sy));
    }
    fitted.hasPosition =
        settings.hasPosition && visibleOnSomeMonitor(settings.x, settings.y, fitted.width, fitted.height);
    // A size remembered on a larger screen (or the default on a small one) must still fit this one.
    fitWindowToScreen(fitted, workAreaFor(fitted));
    const int width = fitted.width, height = fitted.height;
    w->m_window = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
    if (!w->m_window)
        return makeError(ErrorCode::GraphicsError, "window",
                         "cannot create a window with an OpenGL 3.3 core context");
    glfwMakeContextCurrent(w->m_window);
    glfwSwapInterval(1);
    glfwSetWindowUserPointer(w->m_window, w.get());

    if (fitted.hasPosition) glfwSetWindowPos(w->m_window, fitted.x, fitted.y);
    w->m_width = width;
    w->m_height = height;

    // Installed before ImGui's backend, which chains to them: they only note that input arrived.
    GLFWwindow* win = w->m_window;
    glfwSetCursorPosCallback(win, [](GLFWwindow* h, double, double) { ++self(h)->m_events; });
    glfwSetMouseButtonCallback(win, [](GLFWwindow* h, int, int, int) { ++self(h)->m_events; });
    glfwSetScrollCallback(win, [](GLFWwindow* h, double, double) { ++self(h)->m_events; });
    glfwSetKeyCallback(win, [](GLFWwindow* h, int, int, int, int) { ++self(h)->m_events; });
    glfwSetCharCallback(win, [](GLFWwindow* h, unsigned) { ++self(h)->m_events; });
    glfwSetCursorEnterCallback(win, [](GLFWwindow* h, int) { ++self(h)->m_events; });
    glfwSetWindowFocusCallback(win, [](GLFWwindow* h, int) { ++self(h)->m_events; });
    glfwSetWindowRefreshCallback(win, [](GLFWwindow* h) { ++self(h)->m_events; });
    glfwSetFramebufferSizeCallback(win, [](GLFWwindow* h, int, int) { ++self(h)->m_events; });
    glfwSetWindowContentScaleCallback(win, [](GLFWwindow* h, float, float) {
        self(h)->m_scaleChanged = true;
        ++self(h)->m_events;
    });
    glfwSetWindowPosCallback(win, [](GLFWwindow* h, int, int) { self(h)->trackGeometry(); });
    glfwSetWindowSizeCallback(win, [](GLFWwindow* h, int, int) {
        self(h)->trackGeometry();
        ++self(h)->m_events;
    });
    glfwSetDropCallback(win, [](GLFWwindow* h, int count, const char** paths) {
        GuiWindow* me = self(h);
        for (int i = 0; i < count; ++i)
            if (paths[i]) me->m_drops.emplace_back(paths[i]);
        ++me->m_events;
    });

    glfwShowWindow(win);
    if (settings.maximized) glfwMaximizeWindow(win);
    w->trackGeometry();
    return w;
}

GuiWindow::~GuiWindow() {
    if (m_window) glfwDestroyWindow(m_window);
    glfwTerminate();
}

void GuiWindow::installInputFilter() {
    glfwSetKeyCallback(m_window, [](GLFWwindow* h, int key, int scancode, int action, int mods) {
        self(h)->queueInput({false, key, scancode, action, mods, 0});
    });
    glfwSetCharCallback(m_window, [](GLFWwindow* h, unsigned codepoint) {
        self(h)->queueInput({true, 0, 0, 0, 0, codepoint});
    });
}

void GuiWindow::queueInput(const InputEvent& event) {
    ++m_events;
    m_input.push_back(event);
    dispatchInput();
}

void GuiWindow::dispatchInput() {
    while (!m_input.empty()) {
        const InputEvent& e = m_input.front();
        if (e.isChar) {
            ImGui_ImplGlfw_CharCallback(m_window, e.codepoint);
        } else {
            if (e.action == GLFW_RELEASE && releaseNeedsFrame(e)) return;
            if (e.action == GLFW_PRESS && pressNeedsFrame(e.key, e.mods)) m_pressedThisFrame.push_back(e.key);
            ImGui_ImplGlfw_KeyCallback(m_window, e.key, e.scancode, e.action, e.mods);
        }
        m_input.pop_front();
    }
}

bool GuiWindow::releaseNeedsFrame(const InputEvent& e) const {
    // A modifier waits while a shortcut it took part in is unseen (senders may release Ctrl before Q).
    if (isModifierKey(e.key)) return !m_pressedThisFrame.empty();
    return std::find(m_pressedThisFrame.begin(), m_pressedThisFrame.end(), e.key) != m_pressedThisFrame.end();
}

void GuiWindow::endFrameInput() {
    m_pressedThisFrame.clear();
    dispatchInput();
}

bool GuiWindow::shouldClose() const {
    return glfwWindowShouldClose(m_window);
}
void GuiWindow::requestClose() {
    glfwSetWindowShouldClose(m_window, GLFW_TRUE);
}
void GuiWindow::cancelClose() {
    glfwSetWindowShouldClose(m_window, GLFW_FALSE);
}
void GuiWindow::setTitle(const std::string& title) {
    glfwSetWindowTitle(m_window, title.c_str());
}

bool GuiWindow::waitEvents(bool animating, double idleTimeout) {
    const bool busy = animating || m_busyFrames > 0 || !m_input.empty();
    if (busy) {
        glfwPollEvents();
        m_busyFrames = std::max(0, m_busyFrames - 1);
    } else {
        glfwWaitEventsTimeout(idleTimeout);
    }
    if (m_events != m_seenEvents) {
        m_seenEvents = m_events;
        m_busyFrames = 3;
        return true;
    }
    return busy;
}

std::vector<std::string> GuiWindow::takeDroppedPaths() {
    return std::exchange(m_drops, {});
}
bool GuiWindow::takeContentScaleChanged() {
    return std::exchange(m_scaleChanged, false);
}

float GuiWindow::contentScale() const {
    float sx = 1.f, sy = 1.f;
    glfwGetWindowContentScale(m_window, &sx, &sy);
    return sx > 0.f ? sx : 1.f;
}

void GuiWindow::framebufferSize(int& width, int& height) const {
    glfwGetFramebufferSize(m_window, &width, &height);
}

float GuiWindow::framebufferScale() const {
    int ww = 0, wh = 0, fw = 0, fh = 0;
    glfwGetWindowSize(m_window, &ww, &wh);
    glfwGetFramebufferSize(m_window, &fw, &fh);
    return ww > 0 && fw > 0 ? static_cast<float>(fw) / static_cast<float>(ww) : 1.f;
}

void GuiWindow::trackGeometry() {
    // Only the normal state is worth remembering: a maximized window restores to it.
    if (glfwGetWindowAttrib(m_window, GLFW_MAXIMIZED) || glfwGetWindowAttrib(m_window, GLFW_ICONIFIED))
        return;
    int w = 0, h = 0;
    glfwGetWindowSize(m_window, &w, &h);
    if (w > 0 && h > 0) {
        m_width = w;
        m_height = h;
    }
    glfwGetWindowPos(m_window, &m_x, &m_y);
    m_hasPosition = true;
}

void GuiWindow::storeGeometry(GuiSettings& settings) const {
    settings.width = m_width;
    settings.height = m_height;
    settings.hasPosition = m_hasPosition;
    settings.x = m_x;
    settings.y = m_y;
    settings.maximized = glfwGetWindowAttrib(m_window, GLFW_MAXIMIZED) != 0;
}

}  // namespace fp
