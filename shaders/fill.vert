#version 330 core
// Polygon fill: positions relative to the layer origin, placed by two uniforms so pan/zoom never touch buffers.
layout(location = 0) in vec2 aPos;
uniform vec2 uOffset;  // layer origin minus view centre, map units
uniform vec2 uScale;   // 2 / (viewport size in px * map units per px)
void main() {
    gl_Position = vec4((aPos + uOffset) * uScale, 0.0, 1.0);
}
