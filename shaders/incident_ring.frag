#version 330 core
// A translucent disc with a thin stronger rim: the ground an approximately located incident may lie on.
in vec2 vLocal;
flat in vec2 vRadiiPx;
flat in vec4 vColor;
flat in float vFade;

uniform float uFillOpacity;
uniform float uStrokeOpacity;
uniform float uStrokePx;
uniform float uOpacity;

out vec4 fragColor;

void main() {
    // Distance to the ellipse in pixels, to first order: (|p / r| - 1) scaled by the gradient's length.
    vec2 q = vLocal / vRadiiPx;
    float k = length(q);
    float grad = length(q / vRadiiPx);
    float d = k > 0.0 ? (k - 1.0) * k / max(grad, 1e-6) : -min(vRadiiPx.x, vRadiiPx.y);
    float inside = clamp(0.5 - d, 0.0, 1.0);
    float rim = clamp(0.5 * uStrokePx + 0.5 - abs(d + 0.5 * uStrokePx), 0.0, 1.0);
    float alpha = max(inside * uFillOpacity, rim * uStrokeOpacity) * vFade * uOpacity;
    if (alpha <= 0.0) discard;
    fragColor = vec4(vColor.rgb, alpha);
}
