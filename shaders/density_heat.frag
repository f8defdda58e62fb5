#version 330 core
// Heatmap colour pass: maps the kernel density grid (weight per cell, row 0 at the top) through the density
// ramp on a square-root scale; the low end fades out so the map shows through where little happened.
in vec2 v_screen;
uniform sampler2D uGrid;
uniform sampler2D uRamp;    // kDensityRampStops texels, linear
uniform vec2 uGridScale;    // view size / the grid's size in pixels (the grid may overhang the view)
uniform float uMaxValue;
uniform float uRampStops;
uniform float uOpacity;
uniform vec2 uAlpha;        // kHeatPeakAlpha, kHeatFadeEnd (heatmapAlpha in incident_draw_style.h)
out vec4 fragColor;
void main() {
    float v = texture(uGrid, v_screen * uGridScale).r;
    float t = sqrt(clamp(v / uMaxValue, 0.0, 1.0));
    if (t <= 0.002) discard;
    vec3 c = texture(uRamp, vec2((0.5 + t * (uRampStops - 1.0)) / uRampStops, 0.5)).rgb;
    fragColor = vec4(c, uOpacity * uAlpha.x * clamp(t / uAlpha.y, 0.0, 1.0));
}
