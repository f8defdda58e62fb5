#version 330 core
// Heatmap colour pass: one triangle over the whole view; v_screen is 0..1 from the view's top-left.
out vec2 v_screen;
void main() {
    vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
    v_screen = vec2(corner.x, 1.0 - corner.y);
    gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
