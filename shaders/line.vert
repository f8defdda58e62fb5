#version 330 core
// One instance per outline segment, expanded to a screen-aligned quad of the requested pixel width plus a
// one-pixel feather for antialiasing; the fragment shader rounds caps and joins.
layout(location = 0) in vec4 aSegment;  // x0, y0, x1, y1 relative to the layer origin, map units
uniform vec2 uOffset;          // layer origin minus view centre, map units
uniform float uUnitsPerPixel;
uniform vec2 uViewportPx;
uniform float uHalfWidthPx;
out vec2 vLocal;               // (along, across) in px, from the segment's start
flat out float vLength;
void main() {
    vec2 p0 = (aSegment.xy + uOffset) / uUnitsPerPixel;
    vec2 p1 = (aSegment.zw + uOffset) / uUnitsPerPixel;
    vec2 d = p1 - p0;
    float len = length(d);
    vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
    vec2 nrm = vec2(-dir.y, dir.x);
    float r = uHalfWidthPx + 1.0;
    int c = gl_VertexID;
    float along = (c == 0 || c == 1) ? -r : len + r;
    float across = (c == 0 || c == 2) ? -r : r;
    vLocal = vec2(along, across);
    vLength = len;
    vec2 p = p0 + dir * along + nrm * across;
    gl_Position = vec4(p * 2.0 / uViewportPx, 0.0, 1.0);
}
