#version 330 core
in vec2 vCorner;
uniform vec4 uColor;
uniform vec4 uStroke;
uniform float uRadiusPx;
out vec4 fragColor;
void main() {
    float d = length(vCorner);
    float coverage = clamp(uRadiusPx + 0.5 - d, 0.0, 1.0);
    if (coverage <= 0.0) discard;
    float ring = clamp(d - (uRadiusPx - 1.5), 0.0, 1.0);
    fragColor = mix(uColor, uStroke, ring);
    fragColor.a *= coverage;
}
