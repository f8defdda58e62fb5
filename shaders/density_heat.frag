#version 330 core
// Heatmap colour pass: the grid's colours per cell (coloured on the CPU, row 0 at the top), filtered between
// cell centres; uOpacity is the layer's.
in vec2 v_screen;
uniform sampler2D uGrid;
uniform vec2 uGridScale;    // view size / the grid's size in pixels (the grid may overhang the view)
uniform float uOpacity;
out vec4 fragColor;
void main() {
    vec4 c = texture(uGrid, v_screen * uGridScale);
    if (c.a <= 0.0) discard;
    fragColor = vec4(c.rgb, c.a * uOpacity);
}
