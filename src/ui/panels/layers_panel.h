#pragma once

#include <string>

#include "ui/panel.h"

namespace fp {

/// The layers in drawing order reversed (topmost first, as in QGIS). Per layer: visibility, name (tooltip:
/// source, driver, feature count, source CRS), fill and outline colours, outline width, opacity, move
/// up/down, zoom to layer and remove. Above them a path field and an Add button load a new source.
class LayersPanel : public Panel {
public:
    const char* title() const override { return "Layers"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// Puts the keyboard focus into the path field on the next frame (File > Add layer…).
    void focusPathField() { m_focusPath = true; }
    /// Result of the last AddLayer this panel asked for: clears the field on success, shows `error`
    /// otherwise.
    void addLayerFinished(const std::string& path, bool ok, const std::string& error);

    /// The path field's text (for tests and the app's drop handling).
    const std::string& pathText() const { return m_path; }
    void setPathText(std::string path) { m_path = std::move(path); }

private:
    void drawAddRow(Theme theme, CommandList& out);
    void drawPlacesRow(const MapScene& scene, CommandList& out);
    void drawLayer(const MapLayer& layer, size_t index, size_t count, float scale, CommandList& out);

    std::string m_path;
    std::string m_error;
    bool m_focusPath = false;
};

/// The layer's name as listed: its own name, else its data's display name.
std::string layerName(const MapLayer& layer);

/// Text for a layer's tooltip: name, source path, driver, feature count, source CRS.
std::string layerTooltip(const MapLayer& layer);

}  // namespace fp
