#version 330 core
in vec2 vLocal;
flat in float vLength;
uniform vec4 uColor;
uniform float uHalfWidthPx;
out vec4 fragColor;
void main() {
    // Lines thinner than a pixel are drawn one pixel wide and fainter: overlapping joins then keep one colour.
    float halfWidth = max(uHalfWidthPx, 0.5);
    float thinness = min(1.0, uHalfWidthPx / 0.5);
    float beyond = max(max(-vLocal.x, vLocal.x - vLength), 0.0);
    float dist = length(vec2(beyond, vLocal.y));
    float coverage = clamp(halfWidth + 0.5 - dist, 0.0, 1.0);
    if (coverage <= 0.0) discard;
    fragColor = vec4(uColor.rgb, uColor.a * coverage * thinness);
}
