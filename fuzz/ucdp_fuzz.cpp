// Fuzzes the UCDP GED row reader: the input is the data rows of a file under a GED table's header (the header
// itself is fuzzed by incident_text_fuzz), read as loadIncidents reads any UCDP file.

#include "fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fp::fuzz::warmUpWorldGazetteer();  // a row without coordinates is geocoded
    fp::fuzz::fillLog();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static constexpr const char* kHeader =
        "id,year,active_year,type_of_violence,conflict_new_id,conflict_name,dyad_new_id,dyad_name,side_a_new_"
        "id,side_a,side_b_new_id,gwnob,side_b,number_of_sources,source_article,source_office,source_date,"
        "source_headline,source_original,where_prec,where_coordinates,adm_1,adm_2,latitude,longitude,geom_"
        "wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,"
        "deaths_b,deaths_civilians,deaths_unknown,low,best,high";
    fp::fuzz::loadRowsUnderHeader("ucdp.csv", kHeader, data, size);
    return 0;
}
