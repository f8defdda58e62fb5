#pragma once

#include <optional>
#include <utility>

#include "core/model/map_view.h"
#include "ui/commands.h"

namespace fp {

/// Native key indices (into ImGuiIO::KeysDown) of keys Dear ImGui 1.86 has no ImGuiKey for. The platform
/// backend's codes go here (GLFW_KEY_W, ...); -1 leaves a key unbound.
struct ExtraKeys {
    int w = -1;
    int a = -1;
    int s = -1;
    int d = -1;
    int q = -1;
    int f = -1;  ///< Ctrl+F: find place
    int e = -1;  ///< Ctrl+E: export image
    int z = -1;  ///< Ctrl+Z: undo, Ctrl+Shift+Z: redo
};

/// Turns mouse and keyboard input over the map into view commands: left drag pans, the wheel zooms about the
/// cursor, a double click zooms in x2 about the cursor, arrows/WASD pan, +/- and PageUp/PageDown zoom about
/// the centre, Home resets the view. Reads ImGui's IO only, so it works with any backend and in tests.
class MapInteraction {
public:
    void setExtraKeys(const ExtraKeys& keys) { m_keys = keys; }
    /// While the time controls own Left/Right/Home/End (see TimelinePanel::timeKeysActive), the arrow keys
    /// Left and Right do not pan and Home does not reset the view (A/D still pan). Set before update().
    void setTimeKeys(bool timeOwnsKeys) { m_timeKeys = timeOwnsKeys; }
    /// The centre (physical pixels) of the part of the view the map shows in, about which +/- and
    /// PageUp/PageDown zoom; nullopt: the view's centre. Set before update().
    void setMapCentre(std::optional<ScreenXY> centre) { m_mapCentre = centre; }
    /// Pick mode (placing a geocoding review row): a left click on the map (press and release within
    /// kPickSlopPx, outside every window) is reported by takePick() instead of panning; a drag pans only once
    /// past that slop; a double click does not zoom. Set before update().
    void setPickMode(bool on);
    /// The map point (physical pixels) picked by this frame's click in pick mode, once; nullopt otherwise.
    std::optional<ScreenXY> takePick() { return std::exchange(m_picked, std::nullopt); }

    /// Reads this frame's input (call between ImGui::NewFrame and EndFrame) and appends Pan, Zoom and
    /// ResetView for `view`, in its physical pixels. Mouse input counts only when ImGui does not want the
    /// mouse, keys only when it does not want the keyboard (no text field active, no modal open).
    void update(const MapView& view, CommandList& out);

    /// True while the map moves continuously (a drag or a held pan key): the app should not sleep between
    /// frames.
    bool isAnimating() const { return m_dragging || m_keyPanning; }

    /// Zoom factor per wheel notch (keys and double clicks zoom by kKeyZoomStep).
    static constexpr double kWheelStep = 1.4142135623730951;
    static constexpr double kKeyZoomStep = 2.0;
    /// Keyboard pan speed in logical pixels per second.
    static constexpr double kKeyPanSpeed = 700.0;
    /// How far (ImGui units) the mouse may move between press and release for a pick click.
    static constexpr float kPickSlopPx = 4.f;

private:
    void updateMouse(CommandList& out);
    void updateKeyboard(const MapView& view, CommandList& out);
    /// Pick mode's mouse handling: true when it handled the left button this frame.
    bool updatePick(CommandList& out);

    ExtraKeys m_keys;
    bool m_dragging = false;
    bool m_keyPanning = false;
    bool m_timeKeys = false;
    bool m_pickMode = false;
    bool m_pickPress = false;  // pressed on the map in pick mode, not yet a drag
    std::optional<ScreenXY> m_picked;
    std::optional<ScreenXY> m_mapCentre;
};

}  // namespace fp
