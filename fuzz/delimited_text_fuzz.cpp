// Fuzzes the delimited-text reader: decoding (byte-order marks, UTF-8 or Windows-1252, a given encoding),
// line ends, dialect sniffing and RFC 4180 records, with the recovery the text reader uses after a runaway
// quote.

#include "core/io/incidents/delimited_text.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace fp;
    fuzz::Input in(data, size);
    static const char* const kEncodings[] = {"", "", "UTF-8", "WINDOWS-1252", "UTF-16", "ISO-8859-2"};
    const char* encoding = kEncodings[in.byte() % 6];
    const std::string path = fuzz::writeScratch("table.csv", in.rest());
    auto text = incident_io::DelimitedText::open(path, encoding);
    if (!text) return 0;
    text->setDelimiter(text->sniffDelimiter());
    (void)text->blank();
    incident_io::TextRecord record;
    int64_t lastLine = 0;
    size_t lastBegin = 0;
    bool first = true;
    while (text->next(record)) {
        if (record.line < lastLine || (!first && record.begin <= lastBegin) ||
            record.begin > text->sizeBytes())
            fuzz::fail("records must move forward: line " + std::to_string(record.line) + " after " +
                       std::to_string(lastLine));
        if (record.fields.empty()) fuzz::fail("a record without any field");
        lastLine = record.line;
        lastBegin = record.begin;
        first = false;
        using Quoting = incident_io::TextRecord::Quoting;
        if (record.quoting == Quoting::Unclosed || (record.quoting != Quoting::Ok && record.lineCount > 1))
            text->resumeAfterFirstLine(record);
    }
    return 0;
}
