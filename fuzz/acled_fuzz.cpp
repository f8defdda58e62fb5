// Fuzzes the ACLED row reader: the input is the data rows of a file under a current ACLED export's header
// (the header itself is fuzzed by incident_text_fuzz), read as loadIncidents reads any ACLED file.

#include "fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fp::fuzz::warmUpWorldGazetteer();
    fp::fuzz::fillLog();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static constexpr const char* kHeader =
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_"
        "actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,"
        "admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,"
        "timestamp";
    fp::fuzz::loadRowsUnderHeader("acled.csv", kHeader, data, size);
    return 0;
}
