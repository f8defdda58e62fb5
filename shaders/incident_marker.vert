#version 330 core
// One instance per incident: a screen-aligned quad around its marker; the fragment shader cuts the shape.
// Everything that changes per frame is a uniform: pan, zoom, category toggles, the time window and the
// spread (spider) group never touch the instance buffer.
// Variants (defines inserted by incident_drawer.cpp): FP_SPREAD adds the spider layout (only needed while a
// group is spread: llvmpipe runs both sides of a branch); FP_POINTS draws one point sprite per incident
// (non-instanced, one vertex instead of four) for dense views where markers are shrunk to a few pixels.
layout(location = 0) in vec2 aPos;      // map units from the layer origin
layout(location = 1) in ivec2 aTime;    // start, end: seconds from the layer's epoch base
layout(location = 2) in uint aGroup;
layout(location = 3) in uvec3 aInfo;    // category, rank in group, group size
layout(location = 4) in uvec2 aClass;   // location precision (1..3), size class (0..15)

uniform vec2 uOffset;           // layer origin minus view centre, map units
uniform float uUnitsPerPixel;
uniform vec2 uViewportPx;
uniform sampler2D uCategories;  // per category: row 2b colour, row 2b+1 (shape/255, visible, -, -); 256 wide
uniform vec2 uDiameterPx;       // size class 0 and 15, physical pixels
uniform float uOutlinePx;
uniform float uHollowPx;
uniform ivec2 uTimeWindow;      // first and last second shown, from the layer's epoch base
// Fade by age: window end (exclusive, seconds from the epoch base), 1 / window length in seconds, and the
// alpha of an incident whose covered span ends at the window's start; (0, 0, 1) when not fading.
uniform vec3 uFade;
uniform int uGhosts;            // 1: draw only the out-of-window incidents, as faint grey ghosts
uniform vec2 uGhostStyle;       // ghost alpha, share of the category colour kept (the rest is grey)
uniform uint uSpreadGroup;      // 0xffffffff: none
uniform float uSpreadSpacingPx;
uniform int uSelected;          // instance index, -1: none
uniform int uIndexBase;         // instance index of the draw's first instance (quads; 0 for points)
uniform float uShrink;          // 0..1: size factor for dense views (the selected marker keeps full size)

out vec2 vCorner;               // px from the marker centre, y up
flat out vec4 vColor;
flat out int vShape;
flat out float vRadius;
flat out int vHollow;
flat out int vSelected;
flat out float vLine;           // outline and hollow band width factor
flat out float vAlpha;          // age fade or ghost alpha

const float kPi = 3.14159265;

#ifdef FP_POINTS
#define FP_INDEX gl_VertexID
#else
#define FP_INDEX gl_InstanceID
#endif

#ifdef FP_SPREAD
// Keep in step with spiderOffset() in src/render/incidents/incident_layout.cpp.
vec2 spiderOffset(float rank, float count, float spacing) {
    if (count <= 1.0) return vec2(0.0);
    if (count <= 8.0) {
        float radius = max(spacing, spacing / (2.0 * sin(kPi / count)));
        float angle = kPi * 0.5 - 2.0 * kPi * rank / count;
        return radius * vec2(cos(angle), sin(angle));
    }
    float radius = 0.62 * spacing * sqrt(rank + 1.0);
    float angle = kPi * 0.5 - 2.39996323 * rank;
    return radius * vec2(cos(angle), sin(angle));
}
#endif

void main() {
    ivec2 cell = ivec2(int(aInfo.x) & 255, (int(aInfo.x) >> 8) * 2);
    vec4 color = texelFetch(uCategories, cell, 0);
    vec4 info = texelFetch(uCategories, cell + ivec2(0, 1), 0);
    bool inWindow = aTime.y >= uTimeWindow.x && aTime.x <= uTimeWindow.y;
    bool shown = info.g > 0.5 && (uGhosts == 1 ? !inWindow : inWindow);
    if (!shown) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // all four corners outside the clip volume: nothing drawn
        return;
    }
    if (uGhosts == 1) {
        float grey = dot(color.rgb, vec3(0.299, 0.587, 0.114));
        color.rgb = mix(vec3(grey), color.rgb, uGhostStyle.y);
        vAlpha = uGhostStyle.x;
    } else {
        // Keep in step with ageAlpha() in src/render/incidents/incident_time.cpp.
        float age = clamp((uFade.x - (float(aTime.y) + 1.0)) * uFade.y, 0.0, 1.0);
        vAlpha = mix(1.0, uFade.z, age);
    }
    bool selected = FP_INDEX + uIndexBase == uSelected && uGhosts == 0;
    float shrink = selected ? 1.0 : uShrink;
    float diameter = mix(uDiameterPx.x, uDiameterPx.y, float(aClass.y) / 15.0) * shrink;
    vec2 centre = (aPos + uOffset) / uUnitsPerPixel;
#ifdef FP_SPREAD
    if (aGroup == uSpreadGroup) centre += spiderOffset(float(aInfo.y), float(aInfo.z), uSpreadSpacingPx);
#endif
    // The quad reaches one pixel past the shape for its antialiased edge (and the halo when selected).
    float r = 0.5 * diameter + 1.0 + (selected ? 4.0 + uOutlinePx : 0.0);
    vColor = color;
    vShape = int(info.r * 255.0 + 0.5);
    vRadius = 0.5 * diameter;
    vHollow = aClass.x >= 2u ? 1 : 0;
    vSelected = selected ? 1 : 0;
    vLine = shrink;
#ifdef FP_POINTS
    vCorner = vec2(r);  // the fragment shader scales gl_PointCoord by this
    gl_PointSize = 2.0 * r;
    gl_Position = vec4(centre * 2.0 / uViewportPx, 0.0, 1.0);
#else
    vCorner = vec2((gl_VertexID & 1) == 0 ? -r : r, (gl_VertexID & 2) == 0 ? -r : r);
    gl_Position = vec4((centre + vCorner) * 2.0 / uViewportPx, 0.0, 1.0);
#endif
}
