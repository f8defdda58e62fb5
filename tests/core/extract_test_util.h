#pragma once

// Shared by the extraction tests: the shipped gazetteer (loaded once) and a one-call extraction.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/extract/extractor.h"

namespace fp::test {

inline std::shared_ptr<const Gazetteer> worldGazetteer() {
    static const std::shared_ptr<const Gazetteer> s_world = [] {
        auto g = Gazetteer::load(std::string(FP_GEODATA_DIR) + "/places/places.fpgaz");
        if (!g) ADD_FAILURE() << g.error().describe();
        return g ? g.value() : nullptr;
    }();
    return s_world;
}

/// Codes `text` (plain) published on `published` (YYYY-MM-DD) with the shipped gazetteer.
inline Extraction extractFrom(const std::string& text, const std::string& published) {
    auto t = parseTime(published);
    EXPECT_TRUE(t.ok()) << published;
    ExtractOptions options;
    options.published = t.ok() ? daysSinceEpoch(t.value().time) : 0;
    options.gazetteer = worldGazetteer();
    return extractIncidents(ArticleText{"test", text, ArticleFormat::Plain}, options);
}

}  // namespace fp::test
