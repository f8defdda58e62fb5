// Fuzzes the article text extractor: reducing plain text, Markdown or HTML to text, then finding events,
// places and dates in it with the world gazetteer. Every span reported must lie inside the text.

#include "core/extract/article_text.h"
#include "core/extract/extractor.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fp::fuzz::warmUpWorldGazetteer();
    fp::fuzz::fillLog();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace fp;
    fuzz::Input in(data, size);
    static const char* const kNames[] = {"article.txt", "article.md", "article.html", "article"};
    const uint8_t control = in.byte();
    auto article = makeArticleText(in.rest(), kNames[control % 4]);
    if (!article) return 0;
    ExtractOptions options;
    options.published = 19000 + control;
    options.gazetteer = fuzz::worldGazetteer();
    const Extraction found = extractIncidents(article.value(), options);
    const size_t n = article->text.size();
    const auto inside = [n](TextSpan s) { return s.begin <= s.end && s.end <= n; };
    for (const auto& p : found.incidents) {
        if (!inside(p.sentenceSpan)) fuzz::fail("a sentence span outside the text");
        for (const auto& e : p.evidence)
            if (!inside(e.span)) fuzz::fail("an evidence span outside the text");
        if (p.last < p.first) fuzz::fail("an incident that ends before it starts");
    }
    for (const auto& u : found.unresolved)
        if (!inside(u.span)) fuzz::fail("an unresolved mention outside the text");
    return 0;
}
