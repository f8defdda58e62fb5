#include "core/extract/event_finder.h"

#include <algorithm>
#include <array>

namespace fp {

namespace {

constexpr std::string_view kRoadblock = "Roadblock / Protest";
constexpr std::string_view kProtest = "Protests";
constexpr std::string_view kArmed = "Armed violence";
constexpr std::string_view kExplosion = "Explosions/Remote violence";
constexpr std::string_view kRiot = "Riots";
constexpr std::string_view kBattle = "Battles";
constexpr std::string_view kCivilians = "Violence against civilians";
constexpr std::string_view kArrest = "Arrest";
constexpr std::string_view kStatement = "Political statement / Demand";
constexpr std::string_view kDiplomacy = "Diplomacy";
constexpr std::string_view kStrategic = "Strategic developments";

/// A trigger phrase: words separated by spaces; "stem*" matches any word starting with stem, "~" skips up
/// to three words.
struct Trigger {
    std::string_view pattern;
    std::string_view category;
    std::string_view label;
    double weight;
};

constexpr std::array<Trigger, 96> kTriggers{{
    // Phrases with event words that report no event; matched like triggers so their words are used up.
    {"barricad* themselves", {}, {}, 0.0},
    {"barricad* himself", {}, {}, 0.0},
    {"house arrest", {}, {}, 0.0},
    {"the detained", {}, {}, 0.0},
    {"across the road*", kRoadblock, "Roadblock", 0.8},
    {"reinforc*", kStrategic, "Reinforcements", 0.8},
    {"roadblock*", kRoadblock, "Roadblock", 1.0},
    {"road block*", kRoadblock, "Roadblock", 1.0},
    {"barricad*", kRoadblock, "Barricades", 1.0},
    {"blockade*", kRoadblock, "Blockade", 0.9},
    {"block* ~ road*", kRoadblock, "Roadblock", 0.9},
    {"block* ~ crossing*", kRoadblock, "Roadblock", 0.9},
    {"block* ~ highway*", kRoadblock, "Roadblock", 0.9},
    {"block* ~ bridge", kRoadblock, "Roadblock", 0.9},
    {"remov* ~ barricad*", kStrategic, "Barricades removed", 0.9},
    {"dismantl* ~ barricad*", kStrategic, "Barricades removed", 0.9},
    {"clear* ~ barricad*", kStrategic, "Barricades removed", 0.9},
    {"remov* ~ roadblock*", kStrategic, "Roadblocks removed", 0.9},
    {"dismantl* ~ roadblock*", kStrategic, "Roadblocks removed", 0.9},
    {"deploy*", kStrategic, "Deployment", 0.8},
    {"redeploy*", kStrategic, "Deployment", 0.8},
    {"combat readiness", kStrategic, "Combat readiness raised", 1.0},
    {"level of readiness", kStrategic, "Combat readiness raised", 1.0},
    {"state of readiness", kStrategic, "Combat readiness raised", 1.0},
    {"high alert", kStrategic, "Forces on alert", 0.9},
    {"troop movement*", kStrategic, "Troop movement", 1.0},
    {"mov* ~ troops", kStrategic, "Troop movement", 0.9},
    {"sent ~ troops", kStrategic, "Troop movement", 0.9},
    {"resign*", kStrategic, "Resignations", 0.7},
    {"walked out", kStrategic, "Walkout", 0.7},
    {"closed ~ crossing*", kStrategic, "Crossing closed", 0.9},
    {"closed ~ border", kStrategic, "Crossing closed", 0.9},
    {"reopen*", kStrategic, "Crossing reopened", 0.7},
    {"shot", kArmed, "Shooting", 1.0},
    {"shooting*", kArmed, "Shooting", 1.0},
    {"gunfire", kArmed, "Shooting", 1.0},
    {"gunshot*", kArmed, "Shooting", 1.0},
    {"open* fire", kArmed, "Shooting", 1.0},
    {"fired ~ at", kArmed, "Shooting", 0.9},
    {"fired ~ on", kArmed, "Shooting", 0.9},
    {"shots", kArmed, "Shooting", 0.9},
    {"wounded", kArmed, "Shooting", 0.6},
    {"ambush*", kArmed, "Ambush", 1.0},
    {"attacked", kArmed, "Attack", 0.8},
    {"explosion*", kExplosion, "Explosion", 1.0},
    {"explosive*", kExplosion, "Explosion", 0.9},
    {"blast*", kExplosion, "Explosion", 0.9},
    {"grenade*", kExplosion, "Explosion", 0.9},
    {"bomb*", kExplosion, "Explosion", 0.8},
    {"detonat*", kExplosion, "Explosion", 0.9},
    {"tear gas", kRiot, "Riot", 0.9},
    {"riot*", kRiot, "Riot", 1.0},
    {"clash* ~ police", kRiot, "Clashes with police", 1.0},
    {"threw stones", kRiot, "Riot", 1.0},
    {"hurl* ~ stones", kRiot, "Riot", 1.0},
    {"scuffle*", kRiot, "Scuffles", 0.8},
    {"clash*", kBattle, "Clashes", 0.7},
    {"firefight*", kBattle, "Firefight", 1.0},
    {"exchange* of fire", kBattle, "Exchange of fire", 1.0},
    {"gun battle*", kBattle, "Gun battle", 1.0},
    {"beat*", kCivilians, "Assault", 0.6},
    {"assault*", kCivilians, "Assault", 0.8},
    {"stabb*", kCivilians, "Stabbing", 0.9},
    {"protest*", kProtest, "Protest", 1.0},
    {"demonstration*", kProtest, "Protest", 1.0},
    {"demonstrator*", kProtest, "Protest", 0.9},
    {"rall*", kProtest, "Rally", 0.9},
    {"marched", kProtest, "March", 0.9},
    {"took to the streets", kProtest, "Protest", 1.0},
    {"arrest*", kArrest, "Arrest", 1.0},
    {"detain*", kArrest, "Arrest", 1.0},
    {"detention", kArrest, "Arrest", 0.8},
    {"custody", kArrest, "Arrest", 0.8},
    {"apprehend*", kArrest, "Arrest", 0.9},
    {"demand*", kStatement, "Demand", 0.9},
    {"call* for", kStatement, "Demand", 0.8},
    {"urged", kStatement, "Statement", 0.8},
    {"warned", kStatement, "Warning", 0.8},
    {"condemn*", kStatement, "Statement", 0.8},
    {"ultimatum", kStatement, "Demand", 0.9},
    {"denounc*", kStatement, "Statement", 0.8},
    {"visit*", kDiplomacy, "Diplomatic visit", 1.0},
    {"met with", kDiplomacy, "Meeting", 0.8},
    {"met ~ president", kDiplomacy, "Meeting", 0.8},
    {"met ~ minister", kDiplomacy, "Meeting", 0.8},
    {"met ~ envoy*", kDiplomacy, "Meeting", 0.8},
    {"met ~ delegation*", kDiplomacy, "Meeting", 0.8},
    {"met ~ leader*", kDiplomacy, "Meeting", 0.8},
    {"sent to", kStrategic, "Deployment", 0.7},
    {"dispatch*", kStrategic, "Deployment", 0.8},
    {"increas* patrols", kStrategic, "Patrols increased", 0.8},
    {"stepped up patrols", kStrategic, "Patrols increased", 0.8},
    {"held talks", kDiplomacy, "Talks", 0.9},
    {"talks in", kDiplomacy, "Talks", 0.7},
    {"summit", kDiplomacy, "Summit", 0.8},
    {"negotiat*", kDiplomacy, "Talks", 0.5},
}};

/// True when word `w` matches pattern item `item` ("stem*" is a prefix, "m*n" matches "gunmen"/"gunman").
bool itemMatches(std::string_view item, std::string_view w) {
    const size_t star = item.find('*');
    if (star == std::string_view::npos) return item == w;
    const std::string_view head = item.substr(0, star), tail = item.substr(star + 1);
    return w.size() >= head.size() + tail.size() && w.starts_with(head) && w.ends_with(tail);
}

/// A trigger split into its items once, so matching a token costs no parsing.
struct CompiledTrigger {
    const Trigger* trigger;
    std::vector<std::string_view> items;  ///< words or "stem*"; "~" marks a gap before the next item
};

const std::vector<CompiledTrigger>& compiledTriggers() {
    static const std::vector<CompiledTrigger> kCompiled = [] {
        std::vector<CompiledTrigger> out;
        for (const Trigger& t : kTriggers) {
            CompiledTrigger c{&t, {}};
            size_t p = 0;
            while (p < t.pattern.size()) {
                size_t q = t.pattern.find(' ', p);
                if (q == std::string_view::npos) q = t.pattern.size();
                c.items.push_back(t.pattern.substr(p, q - p));
                p = q + 1;
            }
            out.push_back(std::move(c));
        }
        return out;
    }();
    return kCompiled;
}

/// The triggers whose first word starts with byte `c` (every word of a pattern starts with a letter).
const std::vector<const CompiledTrigger*>& triggersStartingWith(char c) {
    static const std::array<std::vector<const CompiledTrigger*>, 256> kByFirst = [] {
        std::array<std::vector<const CompiledTrigger*>, 256> out;
        for (const CompiledTrigger& t : compiledTriggers())
            out[static_cast<unsigned char>(t.items.front().front())].push_back(&t);
        return out;
    }();
    return kByFirst[static_cast<unsigned char>(c)];
}

/// Matches a trigger at token t; returns the token after the match, or 0.
size_t matchAt(const CompiledTrigger& trig, const std::vector<Token>& tokens, size_t t, size_t end) {
    if (!itemMatches(trig.items.front(), tokens[t].lower)) return 0;
    size_t at = t + 1;
    bool gap = false;
    for (size_t i = 1; i < trig.items.size(); ++i) {
        const std::string_view item = trig.items[i];
        if (item == "~") {
            gap = true;
            continue;
        }
        const size_t limit = gap ? std::min(end, at + 4) : std::min(end, at + 1);
        bool found = false;
        for (size_t k = at; k < limit; ++k) {
            if (!tokens[k].word) break;
            if (itemMatches(item, tokens[k].lower)) {
                at = k + 1;
                found = true;
                break;
            }
        }
        if (!found) return 0;
        gap = false;
    }
    return at;
}

}  // namespace

const std::vector<std::string_view>& eventCategories() {
    static const std::vector<std::string_view> kAll{kRoadblock, kProtest,   kArmed,     kExplosion,
                                                    kRiot,      kBattle,    kCivilians, kArrest,
                                                    kStatement, kDiplomacy, kStrategic};
    return kAll;
}

std::vector<EventMention> findEvents(const TextUnits& units, size_t first, size_t end) {
    const auto& tokens = units.tokens;
    end = std::min(end, tokens.size());
    std::vector<EventMention> out;
    for (size_t t = first; t < end; ++t) {
        if (!tokens[t].word) continue;
        const Trigger* best = nullptr;
        size_t bestEnd = 0;
        for (const CompiledTrigger* trig : triggersStartingWith(tokens[t].lower[0])) {
            const size_t e = matchAt(*trig, tokens, t, end);
            if (e > bestEnd) best = trig->trigger, bestEnd = e;
        }
        if (!best) continue;
        if (best->category.empty()) {
            t = bestEnd - 1;
            continue;
        }
        if (!out.empty() && out.back().category == best->category && t - out.back().endToken <= 3) {
            out.back().endToken = bestEnd;
            out.back().span.end = tokens[bestEnd - 1].span.end;
            out.back().weight = std::max(out.back().weight, best->weight);
        } else {
            out.push_back({{tokens[t].span.begin, tokens[bestEnd - 1].span.end},
                           t,
                           bestEnd,
                           best->category,
                           best->label,
                           best->weight});
        }
        t = bestEnd - 1;
    }
    return out;
}

bool speaksOfFuture(const TextUnits& units, size_t first, size_t end) {
    const auto& tokens = units.tokens;
    end = std::min(end, tokens.size());
    for (size_t t = first; t < end; ++t) {
        const std::string& w = tokens[t].lower;
        if (w == "will" || w == "upcoming" || w == "shall" || w == "'ll") return true;
        const bool aux = w == "is" || w == "are" || w == "was" || w == "were";
        if (aux && t + 2 < end) {
            const std::string& v = tokens[t + 1].lower;
            if ((v == "set" || v == "due" || v == "expected" || v == "scheduled" || v == "planning" ||
                 v == "to") &&
                (tokens[t + 2].lower == "to" || v == "to"))
                return true;
        }
        if ((w == "plans" || w == "plan" || w == "intends") && t + 1 < end && tokens[t + 1].lower == "to")
            return true;
    }
    return false;
}

}  // namespace fp
