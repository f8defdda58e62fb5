// Fuzzes the GDELT event row reader: each input line is padded with empty values (or cut) to a GDELT width
// (61, 58 or 57 tab-separated columns, as the control byte says) so that every run reaches the row
// conversion, then read as loadIncidents reads a GDELT export.

#include <string>

#include "core/io/incidents/gdelt.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fp::fuzz::warmUpWorldGazetteer();  // a row without coordinates is geocoded
    fp::fuzz::fillLog();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace fp::incident_io;
    fp::fuzz::Input in(data, size);
    const uint8_t control = in.byte();
    static const size_t kWidths[] = {kGdeltColumns, kGdelt1DailyColumns, kGdelt1HistoricalColumns};
    const size_t width = kWidths[control % 3];
    const std::string_view text = in.rest();
    std::string file;
    size_t begin = 0;
    while (begin < text.size()) {
        size_t end = text.find('\n', begin);
        if (end == std::string_view::npos) end = text.size();
        size_t tabs = 0;
        for (size_t i = begin; i < end; ++i) {
            if (text[i] == '\t' && ++tabs == width) break;
            file += text[i];
        }
        file.append(width - 1 - std::min(tabs, width - 1), '\t');
        file += '\n';
        begin = end + 1;
    }
    fp::fuzz::loadIncidentsFrom("events.export.CSV", file, static_cast<uint8_t>(control / 3));
    return 0;
}
