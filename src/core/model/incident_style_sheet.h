#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/color.h"
#include "core/util/result.h"

namespace fp {

/// Marker shapes the incident shaders can cut (signed distance fields). The numeric values are what the GPU
/// receives: keep them in step with shaders/incident_marker.frag.
enum class MarkerShape : uint8_t { Circle = 0, Square, Triangle, Diamond, Star, Cross, Plus, Hexagon };
inline constexpr int kMarkerShapeCount = 8;

/// "circle", "square", "triangle", "diamond", "star", "cross" (an X), "plus", "hexagon".
const char* markerShapeName(MarkerShape shape);
/// Inverse of markerShapeName (ASCII case-insensitive); nullopt for other text.
std::optional<MarkerShape> parseMarkerShape(std::string_view name);

/// How incidents of one category look.
struct CategoryStyle {
    std::string name;  ///< as listed in the legend
    Color color;
    MarkerShape shape = MarkerShape::Circle;
    std::vector<std::string> aliases;  ///< other spellings that take this style
};

/// Marker sizes: a marker's diameter grows from sizePx (no casualties reported) to maxSizePx (the capped
/// size class) with the square root of fatalities + injured, so its area follows the count.
struct MarkerMetrics {
    float sizePx = 12.f;     ///< diameter, logical pixels
    float maxSizePx = 32.f;  ///< diameter of the largest size class
    Color outline = Color::rgb(27, 27, 27);
    float outlineWidthPx = 1.25f;
    float hollowWidthPx = 2.0f;  ///< coloured band of a hollow marker (location precision 2 and 3)
};

/// The translucent ground disc drawn around markers whose location is approximate.
struct UncertaintyStyle {
    float fillOpacity = 0.10f;
    float strokeOpacity = 0.55f;
    float strokeWidthPx = 1.5f;
};

/// The count shown on a group of incidents at the same place.
struct BadgeStyle {
    float sizePx = 11.f;
    Color text = Color::rgb(27, 27, 27);
    Color halo = Color::rgb(255, 255, 255);
};

/// Size classes 0..kMaxSizeClass: ceil(sqrt(fatalities + injured)), unreported counts as 0, capped (225 and
/// more casualties share the largest class).
inline constexpr int kMaxSizeClass = 15;
uint8_t markerSizeClass(int32_t fatalities, int32_t injured);

/// Category colours and marker shapes for incident layers, with a fallback for unknown categories; loaded
/// from JSON (see assets/incident_styles.json for the format). Immutable once built; cheap to share.
class IncidentStyleSheet {
public:
    /// A sheet with no categories: everything takes the neutral grey circle fallback.
    IncidentStyleSheet();

    /// Parses a style sheet. Errors (ErrorCode::InvalidArgument) name `sourceName` and the offending key in
    /// Error::field, e.g. "categories[2].color": malformed JSON (with the byte offset), a missing or mistyped
    /// key, a colour that is not #rgb/#rrggbb/#rrggbbaa, an unknown shape, a size out of range, or a
    /// category name or alias given twice.
    static Result<IncidentStyleSheet> parse(std::string_view json, const std::string& sourceName);
    /// Reads and parses a file; NotFound / IoError when it cannot be read.
    static Result<IncidentStyleSheet> loadFile(const std::string& path);
    /// Where the shipped sheet is: $FLASHPOINT_INCIDENT_STYLES, else assets/incident_styles.json next to or
    /// above the executable (or under ../share/flashpoint), else the source tree's. Empty when none exists.
    static std::string findShippedPath();
    /// The shipped sheet, loaded once per process. When it is missing or invalid the reason is logged as a
    /// warning and the neutral sheet (all grey circles) is used instead.
    static std::shared_ptr<const IncidentStyleSheet> shipped();

    const std::vector<CategoryStyle>& categories() const { return m_categories; }
    const CategoryStyle& fallback() const { return m_fallback; }
    /// Index into categories() of the style for `category` (trimmed, ASCII case-insensitive, aliases
    /// included), or -1 when it takes the fallback.
    int find(std::string_view category) const;
    /// The style `category` is drawn with: its own; for a category the sheet does not name, one of the
    /// sheet's colours in a shape no named category has in that colour, picked by the name (the same name
    /// always looks the same, in every layer, legend and export; two such names rarely share a look); the
    /// fallback for an empty name, the store's overflow bucket, or a sheet without categories.
    const CategoryStyle& styleFor(std::string_view category) const;

    const MarkerMetrics& marker() const { return m_marker; }
    const UncertaintyStyle& uncertainty() const { return m_uncertainty; }
    const BadgeStyle& badge() const { return m_badge; }
    /// Diameter in logical pixels of a marker of `sizeClass` (0..kMaxSizeClass), before any scale.
    float markerDiameterPx(int sizeClass) const;
    /// File or name the sheet came from, for messages.
    const std::string& source() const { return m_source; }

private:
    std::vector<CategoryStyle> m_categories;
    CategoryStyle m_fallback;
    MarkerMetrics m_marker;
    UncertaintyStyle m_uncertainty;
    BadgeStyle m_badge;
    std::string m_source;
    std::vector<std::pair<std::string, int>> m_lookup;  // folded name or alias -> category index, sorted
    std::vector<CategoryStyle> m_unnamed;  // the looks left for categories the sheet does not name

    /// find() of a name already folded (trimmed, lower case).
    int indexOf(const std::string& folded) const;
    /// Fills m_unnamed: every colour of the categories with every shape, less the looks already taken.
    void makeUnnamedStyles();
};

}  // namespace fp
