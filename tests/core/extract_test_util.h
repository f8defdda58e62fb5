#pragma once

// Shared by the extraction tests (core, and the coding panel's in tests/ui): the shipped gazetteer (loaded
// once), the seed story and a one-call extraction.
#include <gtest/gtest.h>

#include <filesystem>
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

/// The seed story's path: it sits next to the source tree (../shared/seed, or ../../shared/seed from a
/// worktree). Empty when it is missing (the tests that need it then fail, never skip).
inline std::string seedStory() {
    namespace fs = std::filesystem;
    const fs::path source(FP_SOURCE_DIR);
    for (const fs::path& base : {source.parent_path(), source.parent_path().parent_path()}) {
        const fs::path p = base / "shared" / "seed" / "kosovo-kfor-2023-01-08.txt";
        if (fs::exists(p)) return p.string();
    }
    return {};
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
