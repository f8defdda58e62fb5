#pragma once

#include <string>

#include "core/model/color.h"

namespace fp {

/// How one vector layer is drawn. Widths and sizes are in logical pixels (multiplied by the display's or the
/// export's pixel ratio when drawn).
struct LayerStyle {
    bool visible = true;
    Color fill = Color::rgb(200, 200, 200);
    bool filled = true;
    Color outline = Color::rgb(90, 90, 90);
    float outlineWidthPx = 1.0f;
    float opacity = 1.0f;    ///< multiplies fill, outline and label alpha
    std::string labelField;  ///< attribute to label features with; empty: no labels
    float labelSizePx = 12.0f;
    Color labelColor = Color::rgb(40, 40, 40);
    Color labelHalo = Color::rgb(255, 255, 255, 0.85f);
    int labelPriority = 0;        ///< higher wins when labels collide
    bool labelUppercase = false;  ///< cartographic convention for country names
    friend bool operator==(const LayerStyle&, const LayerStyle&) = default;
};

}  // namespace fp
