#version 330 core
// Map furniture shapes: triangles in pixels from the image's top-left corner, straight-alpha colours.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec4 a_color;
layout(location = 2) in vec3 a_edgeDistance;  // px to each smoothed edge, positive inside (large: sharp)
uniform vec2 u_viewport;
out vec4 v_color;
out vec3 v_edgeDistance;
void main() {
    gl_Position = vec4(a_pos.x / u_viewport.x * 2.0 - 1.0, 1.0 - a_pos.y / u_viewport.y * 2.0, 0.0, 1.0);
    v_color = a_color;
    v_edgeDistance = a_edgeDistance;
}
