#version 330 core
in vec4 v_color;
in vec3 v_edgeDistance;
out vec4 fragColor;
void main() {
    // A one-pixel box filter across the nearest smoothed edge: half covered on the edge itself.
    float coverage = clamp(min(v_edgeDistance.x, min(v_edgeDistance.y, v_edgeDistance.z)) + 0.5, 0.0, 1.0);
    if (coverage <= 0.0) discard;
    fragColor = vec4(v_color.rgb, v_color.a * coverage);
}
