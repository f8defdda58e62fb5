#version 330 core
// One instance per incident with an approximate location: a quad around its ground uncertainty disc. The
// half-axes are map units measured on the ellipsoid at preparation time, so the disc covers the same
// ground at every zoom; pan and zoom are uniforms.
layout(location = 0) in vec4 aDisc;    // centre x, y from the layer origin; half-axes x, y; map units
layout(location = 1) in ivec2 aTime;   // start, end: seconds from the layer's epoch base
layout(location = 2) in uvec2 aInfo;   // category, location precision

uniform vec2 uOffset;
uniform float uUnitsPerPixel;
uniform vec2 uViewportPx;
uniform sampler2D uCategories;
uniform ivec2 uTimeWindow;
uniform vec3 uFade;             // as in incident_marker.vert: discs fade with their incident's age
uniform float uMarkerRadiusPx;  // discs not much larger than a marker fade out: they would only blur it

out vec2 vLocal;                // px from the centre, y up
flat out vec2 vRadiiPx;
flat out vec4 vColor;
flat out float vFade;

void main() {
    ivec2 cell = ivec2(int(aInfo.x) & 255, (int(aInfo.x) >> 8) * 2);
    vec4 color = texelFetch(uCategories, cell, 0);
    vec4 info = texelFetch(uCategories, cell + ivec2(0, 1), 0);
    vec2 radii = aDisc.zw / uUnitsPerPixel;
    float fade = smoothstep(uMarkerRadiusPx, 2.0 * uMarkerRadiusPx, min(radii.x, radii.y));
    bool shown = info.g > 0.5 && aTime.y >= uTimeWindow.x && aTime.x <= uTimeWindow.y && fade > 0.0;
    if (!shown) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        return;
    }
    vec2 centre = (aDisc.xy + uOffset) / uUnitsPerPixel;
    vec2 r = radii + 2.0;
    vLocal = vec2((gl_VertexID & 1) == 0 ? -r.x : r.x, (gl_VertexID & 2) == 0 ? -r.y : r.y);
    vRadiiPx = radii;
    vColor = color;
    float age = clamp((uFade.x - (float(aTime.y) + 1.0)) * uFade.y, 0.0, 1.0);
    vFade = fade * mix(1.0, uFade.z, age);
    gl_Position = vec4((centre + vLocal) * 2.0 / uViewportPx, 0.0, 1.0);
}
