#version 330 core
// One instance per point feature: a screen-aligned quad around it; the fragment shader cuts a disc.
layout(location = 0) in vec2 aPos;  // relative to the layer origin, map units
uniform vec2 uOffset;
uniform float uUnitsPerPixel;
uniform vec2 uViewportPx;
uniform float uRadiusPx;
out vec2 vCorner;  // px from the point's centre
void main() {
    vec2 c = (aPos + uOffset) / uUnitsPerPixel;
    float r = uRadiusPx + 1.0;
    vCorner = vec2((gl_VertexID & 1) == 0 ? -r : r, (gl_VertexID & 2) == 0 ? -r : r);
    gl_Position = vec4((c + vCorner) * 2.0 / uViewportPx, 0.0, 1.0);
}
