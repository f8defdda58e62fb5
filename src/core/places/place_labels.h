#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/geo/types.h"
#include "core/model/place_label_style.h"
#include "core/places/place.h"

namespace fp {

class Gazetteer;

/// The text of a place's map label in `script` (see PlaceLabelScript). Never empty for a valid index: falls
/// back to the main name when the chosen form is missing. Thread-safe.
std::string placeLabelText(const Gazetteer& gazetteer, PlaceIndex index, PlaceLabelScript script);

/// `utf8` in Latin script through ICU, diacritics kept ("Штрпце" -> "Štrpce"; Latin text stays as it is):
/// "Serbian-Latin/BGN" first for places in RS, XK, BA and ME (so "Јариње" -> "Jarinje", not ISO 9 "J̌arin̂e"),
/// then "Any-Latin; NFC". Returns the input unchanged when it is ASCII or ICU fails. Thread-safe.
std::string toLatinScript(std::string_view utf8, std::string_view countryCode = {});

/// The least placeImportance() a place needs to be labelled when one logical pixel covers `metresPerPixel`
/// metres of ground: about 0.8 at a continent view (capitals), 0.5 at a country view (~400 m/px: regional
/// seats and towns), 0.2 from 40 m/px in (villages). Non-finite or non-positive scales give 1 (nothing).
double minLabelImportance(double metresPerPixel);

/// One place to label: where, what, and how much it matters (placeImportance, higher first).
struct PlaceLabel {
    PlaceIndex place = 0;
    LonLat position;
    std::string text;
    float importance = 0.f;
};

/// Places to label inside `box` (lon/lat) at a scale: populated places and landmarks (border crossings),
/// never areas (boundary layers label those), with importance >= minLabelImportance(metresPerPixel), most
/// important first, at most `maxLabels`. Cost grows with the box's gazetteer cells and `maxLabels`, not with
/// the gazetteer's size.
std::vector<PlaceLabel> selectPlaceLabels(const Gazetteer& gazetteer, const GeoBBox& box,
                                          double metresPerPixel, PlaceLabelScript script, size_t maxLabels);

/// selectPlaceLabels for a moving view, re-queried only when needed: the query covers the view box padded by
/// half its size on each side, at the scale rounded to quarter-octave steps, and is reused while the view
/// stays inside that box at the same step with the same gazetteer and style. Not thread-safe (one per
/// renderer).
class PlaceLabelCache {
public:
    /// Brings the labels up to date for a view; returns true when they were recomputed. A null gazetteer, an
    /// invisible style or an empty box gives no labels.
    bool update(const std::shared_ptr<const Gazetteer>& gazetteer, const GeoBBox& viewBox,
                double metresPerPixel, const PlaceLabelStyle& style);
    /// The labels of the last update, most important first (may lie outside the view box).
    const std::vector<PlaceLabel>& labels() const { return m_labels; }
    /// Bumped by every recomputation, so callers can cache what they derive from labels().
    uint64_t generation() const { return m_generation; }

private:
    std::shared_ptr<const Gazetteer> m_gazetteer;
    PlaceLabelStyle m_style;
    GeoBBox m_box;
    int m_scaleStep = 0;
    bool m_valid = false;
    uint64_t m_generation = 0;
    std::vector<PlaceLabel> m_labels;
};

}  // namespace fp
