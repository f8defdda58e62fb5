#version 330 core
// Signed distance field text: fill inside the outline, halo out to v_haloWidth screen pixels beyond it.

uniform sampler2D u_atlas;
uniform float u_spread;  // atlas texels covered by the SDF's 0..255 range on each side of the outline

in vec2 v_texel;
in vec4 v_fill;
in vec4 v_halo;
in float v_haloWidth;

out vec4 o_color;

void main() {
    float value = texture(u_atlas, v_texel / vec2(textureSize(u_atlas, 0))).r;
    // FreeType's SDF: 128 on the outline, 128 / spread per texel, larger inside.
    float distTexels = (value * 255.0 - 128.0) * u_spread / 128.0;
    // Screen-space derivative of the texel coordinate = how many atlas texels one screen pixel spans, so
    // the edge is one screen pixel wide however large or small the text is drawn.
    vec2 texelsPerPx = fwidth(v_texel);
    float scale = max(0.5 * (texelsPerPx.x + texelsPerPx.y), 1e-4);
    float distPx = distTexels / scale;

    float fillA = smoothstep(-0.5, 0.5, distPx);
    float haloA = v_haloWidth > 0.0 ? smoothstep(-0.5, 0.5, distPx + v_haloWidth) : 0.0;
    vec4 fill = v_fill * fillA;
    o_color = fill + v_halo * haloA * (1.0 - fill.a);
}
