// Fuzzes place-name search on the world gazetteer: any query text (normalisation, transliteration, the
// typo-tolerant lookup) with any options. Hits must be places of the gazetteer, best first, within the limit.

#include "fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fp::fuzz::warmUpWorldGazetteer();
    fp::fuzz::fillLog();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace fp;
    fuzz::Input in(data, size);
    const uint8_t control = in.byte();
    PlaceSearchOptions options;
    options.limit = 1 + in.byte() % 20;
    options.fuzzy = (control & 1) != 0;
    options.includeAreas = (control & 2) != 0;
    if (control & 4) options.country = "XK";
    if (control & 8) options.near = LonLat{20.9 + in.byte() / 100.0, 42.6 - in.byte() / 100.0};
    if (control & 16) options.adminHint = "Mitrovica";
    const auto gazetteer = fuzz::worldGazetteer();
    auto hits = gazetteer->search(in.rest(), options);
    if (!hits) return 0;
    if (hits->size() > options.limit) fuzz::fail("more hits than the limit");
    for (size_t i = 0; i < hits->size(); ++i) {
        if (hits.value()[i].place >= gazetteer->size()) fuzz::fail("a hit outside the gazetteer");
        if (i > 0 && hits.value()[i].score > hits.value()[i - 1].score)
            fuzz::fail("hits not ranked best first");
    }
    return 0;
}
