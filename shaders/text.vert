#version 330 core
// Glyph quads in screen pixels (top-left origin); colours arrive premultiplied.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_texel;
layout(location = 2) in vec4 a_fill;
layout(location = 3) in vec4 a_halo;
layout(location = 4) in float a_haloWidth;

uniform vec2 u_viewport;

out vec2 v_texel;
out vec4 v_fill;
out vec4 v_halo;
out float v_haloWidth;

void main() {
    vec2 ndc = vec2(a_pos.x / u_viewport.x * 2.0 - 1.0, 1.0 - a_pos.y / u_viewport.y * 2.0);
    gl_Position = vec4(ndc, 0.0, 1.0);
    v_texel = a_texel;
    v_fill = a_fill;
    v_halo = a_halo;
    v_haloWidth = a_haloWidth;
}
