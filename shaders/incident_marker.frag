#version 330 core
// Marker shapes as signed distance fields (negative inside, in pixels), antialiased over one pixel.
// Filled: the category colour inside a dark outline. Hollow (approximate location): only a band of the
// category colour between two dark outlines, so the map shows through.
in vec2 vCorner;
flat in vec4 vColor;
flat in int vShape;
flat in float vRadius;
flat in int vHollow;
flat in int vSelected;
flat in float vLine;
flat in float vAlpha;

uniform vec4 uOutline;
uniform float uOutlinePx;
uniform float uHollowPx;
uniform float uOpacity;

out vec4 fragColor;

float boxSdf(vec2 p, vec2 halfSize) {
    vec2 d = abs(p) - halfSize;
    return length(max(d, 0.0)) + min(max(d.x, d.y), 0.0);
}

// Convex regular polygon from its inradius: the largest distance past any edge (exact inside, slightly
// small outside at corners, which only rounds the antialiasing there).
float triangleSdf(vec2 p, float r) {
    float inradius = 0.5 * r;
    p.y += 0.25 * r;  // centre the triangle's bounding box on the marker
    float d = -p.y - inradius;
    d = max(d, dot(p, vec2(0.8660254, 0.5)) - inradius);
    d = max(d, dot(p, vec2(-0.8660254, 0.5)) - inradius);
    return d;
}

float hexagonSdf(vec2 p, float r) {
    float inradius = 0.8660254 * r;
    vec2 q = abs(p);
    return max(q.y - inradius, dot(q, vec2(0.8660254, 0.5)) - inradius);
}

// Five-pointed star, tip up: fold the angle into one half-spike, then measure to the edge from the tip
// (outer radius r) to the notch (inner radius 0.45 r); the sign comes from the side of that edge.
float starSdf(vec2 p, float r) {
    const float kSector = 1.2566371;  // 2 pi / 5
    float angle = atan(p.x, p.y);
    angle = abs(mod(angle + 0.5 * kSector, kSector) - 0.5 * kSector);
    vec2 q = length(p) * vec2(sin(angle), cos(angle));
    vec2 tip = vec2(0.0, r);
    vec2 notch = 0.45 * r * vec2(sin(0.5 * kSector), cos(0.5 * kSector));
    vec2 e = notch - tip;
    vec2 w = q - tip;
    float h = clamp(dot(w, e) / dot(e, e), 0.0, 1.0);
    float dist = length(w - e * h);
    float side = e.x * w.y - e.y * w.x;
    return side > 0.0 ? dist : -dist;
}

float plusSdf(vec2 p, float r) {
    float arm = 0.36 * r;
    return min(boxSdf(p, vec2(r, arm)), boxSdf(p, vec2(arm, r)));
}

float shapeSdf(vec2 p, float r) {
    if (vShape == 1) return boxSdf(p, vec2(0.86 * r));
    if (vShape == 2) return triangleSdf(p, 1.18 * r);
    if (vShape == 3) return (abs(p.x) + abs(p.y) - 1.12 * r) * 0.7071068;
    if (vShape == 4) return starSdf(p, 1.2 * r);
    if (vShape == 5) return plusSdf(mat2(0.7071068, 0.7071068, -0.7071068, 0.7071068) * p, 1.05 * r);
    if (vShape == 6) return plusSdf(p, r);
    if (vShape == 7) return hexagonSdf(p, r);
    return length(p) - r;
}

void main() {
#ifdef FP_POINTS
    vec2 p = (gl_PointCoord * 2.0 - 1.0) * vec2(1.0, -1.0) * vCorner;  // sprite coordinates run y down
#else
    vec2 p = vCorner;
#endif
    float d = shapeSdf(p, vRadius);
    float outline = max(uOutlinePx * vLine, 0.0);
    // Weight of the category colour against the outline colour, and coverage, each antialiased over 1 px.
    float fillWeight = clamp(-d - outline + 0.5, 0.0, 1.0);
    float alpha = clamp(0.5 - d, 0.0, 1.0);
    if (vHollow == 1) {
        // Outside in: dark edge, coloured band, thinner dark edge, then the map shows through. The inner
        // edge is thinner so that even a small marker keeps a visible hole.
        float band = outline + uHollowPx * vLine;
        fillWeight *= clamp(d + band + 0.5, 0.0, 1.0);
        alpha *= clamp(d + band + 0.6 * outline + 0.5, 0.0, 1.0);
    }
    vec3 rgb = mix(uOutline.rgb, vColor.rgb, fillWeight);
    alpha *= mix(uOutline.a, 1.0, fillWeight);
    if (vSelected == 1) {
        // The selected marker sits on a white halo with a dark rim, just outside its shape.
        float haloAlpha = clamp(3.5 + outline - d + 0.5, 0.0, 1.0) * clamp(d + 1.5, 0.0, 1.0);
        vec3 haloRgb = mix(vec3(1.0), uOutline.rgb, clamp(d - 3.5 + 0.5, 0.0, 1.0));
        float a = alpha + haloAlpha * (1.0 - alpha);
        rgb = a > 0.0 ? (rgb * alpha + haloRgb * haloAlpha * (1.0 - alpha)) / a : rgb;
        alpha = a;
    }
    alpha *= uOpacity * vAlpha;
    if (alpha <= 0.0) discard;
    fragColor = vec4(rgb, alpha);
}
