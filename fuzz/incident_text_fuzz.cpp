// Fuzzes the whole reading of a delimited incident file as `flashpoint render --incidents FILE.csv` does:
// decoding, dialect sniffing, recognising GDELT, ACLED, UCDP, the Flashpoint schema or a generic table,
// surveying the date columns, converting and geocoding rows.

#include "fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fp::fuzz::warmUpWorldGazetteer();
    fp::fuzz::fillLog();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fp::fuzz::Input in(data, size);
    const uint8_t control = in.byte();
    fp::fuzz::loadIncidentsFrom("incidents.csv", in.rest(), control);
    return 0;
}
