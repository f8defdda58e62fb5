#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/map_scene.h"
#include "core/model/map_view.h"
#include "render/gl/offscreen_target.h"

namespace fp {

/// Everything the map below the incidents (background, layers, their labels, place labels and dots) depends
/// on, and the framebuffer it goes to. Two frames with equal keys draw the same base map pixel for pixel.
struct BaseMapKey {
    struct Layer {
        uint64_t id = 0;
        const VectorLayer* data = nullptr;
        LayerStyle style;
        friend bool operator==(const Layer&, const Layer&) = default;
    };
    std::vector<Layer> layers;
    std::string crs;
    Color background;
    PlaceLabelStyle placeLabels;
    const Gazetteer* gazetteer = nullptr;
    uint64_t placeGeneration = 0;  ///< of the place label query the frame uses
    MapXY center;
    double unitsPerPixel = 0.0;
    int widthPx = 0, heightPx = 0;
    float pixelRatio = 1.f;
    int framebuffer = 0;  ///< the bound draw framebuffer
    int samples = 0;      ///< its samples per pixel
    friend bool operator==(const BaseMapKey&, const BaseMapKey&) = default;
};

/// The key of drawing `scene` through `view` into the bound framebuffer (a few glGet calls).
BaseMapKey currentBaseMapKey(const MapScene& scene, const MapView& view, uint64_t placeGeneration);

/// The base map of the last frames, kept as the samples of an offscreen framebuffer of the target's size
/// and sample count, so a frame whose base map has not changed (playback, incidents or selection changing,
/// the UI redrawing) copies it into the target with glBlitFramebuffer instead of rasterising it again. The
/// copy is of the samples themselves, so the result is bit for bit what drawing it would give. Keeps the
/// memory only while frames repeat: the first frame with a new key is drawn straight into the target.
class BaseMapCache {
public:
    enum class Step {
        Draw,     ///< draw the base map into the target (a new view: it may not stay)
        Capture,  ///< the same key as the frame before: draw it into the cache, then copy
        Copy,     ///< the cache holds this key: copy it
    };
    /// What to do for a frame with `key`.
    Step plan(const BaseMapKey& key);
    /// Binds the cache's framebuffer (made to match the key) for drawing the base map into; false when it
    /// cannot be made (the frame is then drawn into the target).
    bool beginCapture(const BaseMapKey& key);
    /// After drawing into it: remembers it as holding `key`, copies it into the target and binds the target.
    /// False (and the cache given up for good) when the copy fails, e.g. the window's format differs.
    bool endCapture(const BaseMapKey& key);
    /// Copies the held base map into the target (bound afterwards); false as endCapture.
    bool copyToTarget();
    /// Frees the cache.
    void clear();

private:
    std::optional<OffscreenTarget> m_target;
    int m_samples = 0;                 // the target's request (the key's samples)
    std::optional<BaseMapKey> m_held;  // what m_target holds
    std::optional<BaseMapKey> m_last;  // the key of the frame before
    bool m_broken = false;
};

}  // namespace fp
