#pragma once

// What the libFuzzer targets under fuzz/ share: a scratch file for the readers that take a path, the
// gazetteer the geocoding readers and the place search use, and a way to fail a run on a broken contract.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/places/gazetteer.h"

namespace fp::fuzz {

/// Writes `bytes` to a scratch file named `fileName` in this process's own folder on a RAM file system
/// (/dev/shm when it exists, else $TMPDIR or /tmp) and returns its path. The same path is reused by every
/// run.
std::string writeScratch(std::string_view fileName, std::string_view bytes);

/// The gazetteer of the source tree (geodata/places/places.fpgaz), loaded once; it must exist (a build of
/// fp_core unpacks it).
std::shared_ptr<const Gazetteer> worldGazetteer();
/// Loads the world gazetteer and builds its name index (the first search does: a minute or more under the
/// sanitizers) and its populated places by country, for LLVMFuzzerInitialize, so that neither counts against
/// the first input's time limit nor is paid again by a later input.
void warmUpWorldGazetteer();

/// Fills the process log's ring of recent entries (Log::capacity()) with entries whose text is held on the
/// heap, for LLVMFuzzerInitialize: a message an input logs (GDAL's warnings, a project's left-out parts) then
/// takes an old entry's place instead of growing the ring. An input that allocates more than it frees makes
/// libFuzzer run it again and scan the whole heap for leaks (the name index's half gigabyte), and after 1,000
/// such inputs it stops looking for leaks in inputs at all.
void fillLog();

/// Loads `bytes` as the incident source `fileName` (its extension picks the reader) with the date format and
/// category filter `control` picks, and checks what every load promises: each loaded incident has a valid
/// position and ends no earlier than it starts, each error and row problem names the file.
void loadIncidentsFrom(std::string_view fileName, std::string_view bytes, uint8_t control);

/// loadIncidentsFrom for data rows under a fixed header line: the input's first byte is the control byte,
/// the rest the rows.
void loadRowsUnderHeader(std::string_view fileName, std::string_view header, const uint8_t* data,
                         size_t size);

/// Reports a broken contract (what the target checks beyond the sanitizers) and aborts the run, so that
/// libFuzzer saves the input.
[[noreturn]] void fail(const std::string& what);

/// Reads a little of the fuzzer's input as control bytes (options of a run) before the data proper.
class Input {
public:
    Input(const uint8_t* data, size_t size) : m_data(data), m_size(size) {}
    /// The next byte, 0 when none is left.
    uint8_t byte() {
        if (m_pos >= m_size) return 0;
        return m_data[m_pos++];
    }
    /// The rest of the input as text.
    std::string_view rest() const { return {reinterpret_cast<const char*>(m_data) + m_pos, m_size - m_pos}; }

private:
    const uint8_t* m_data;
    size_t m_size;
    size_t m_pos = 0;
};

}  // namespace fp::fuzz
