#pragma once

// Internal to core/io/incidents: a strict reader of comma/tab/semicolon separated text (RFC 4180 quoting)
// that reports malformed records instead of guessing, so that no row is lost or merged silently.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace fp::incident_io {

/// One record as read, with where it was and what was wrong with its quoting.
struct TextRecord {
    enum class Quoting {
        Ok,
        Unclosed,        ///< a quoted value runs to the end of the file
        TextAfterQuote,  ///< characters between a closing quote and the next separator
    };
    std::vector<std::string> fields;
    int64_t line = 0;       ///< 1-based physical line where the record starts
    int64_t lineCount = 1;  ///< physical lines it spans (quoted values may hold line breaks)
    Quoting quoting = Quoting::Ok;
    size_t badField = 0;      ///< 0-based index of the field with the quoting problem
    size_t begin = 0;         ///< byte offset of the record
    uint64_t quotedMask = 0;  ///< bit i set when field i (< 64) was written in quotes
};

/// A memory-mapped (or, failing that, read) text file split into records.
class DelimitedText {
public:
    /// Maps `path` and decodes it (see decodeText: `encoding` when given, else UTF-16 with a byte-order mark,
    /// UTF-8, or Windows-1252 when the bytes are not UTF-8). Line ends may be LF, CRLF or lone CR.
    /// NotFound/PermissionDenied/IoError naming it when it cannot be read, InvalidArgument for an unknown
    /// encoding.
    static Result<DelimitedText> open(const std::string& path, const std::string& encoding = {});

    DelimitedText(DelimitedText&&) noexcept;
    DelimitedText& operator=(DelimitedText&&) noexcept;
    ~DelimitedText();

    /// The separator most frequent outside quotes in the first line: ',', '\t', ';' or '|' (',' if none).
    char sniffDelimiter() const;
    void setDelimiter(char d) { m_delimiter = d; }
    char delimiter() const { return m_delimiter; }
    /// True when the file holds nothing but white space (and a byte-order mark).
    bool blank() const;
    /// Size of the text in bytes.
    size_t sizeBytes() const { return m_text.size(); }

    /// The encoding the text was read in ("UTF-8", "WINDOWS-1252", ...), and whether it was a guess.
    const std::string& encoding() const { return m_encoding; }
    bool encodingGuessed() const { return m_guessed; }
    /// True when the text holds a NUL byte somewhere (then values are checked for one).
    bool hasNul() const { return m_hasNul; }

    /// Where reading is, to come back to with rewind().
    struct Mark {
        size_t pos = 0;
        int64_t line = 1;
    };
    Mark mark() const { return {m_pos, m_line}; }
    void rewind(const Mark& m) {
        m_pos = m.pos;
        m_line = m.line;
    }

    /// Reads the next record; false at the end. Blank lines are skipped (they hold no row).
    bool next(TextRecord& out);
    /// Continues reading at the line after the first line of `record`: how reading recovers from a quote that
    /// swallowed the lines after it.
    void resumeAfterFirstLine(const TextRecord& record);

private:
    DelimitedText() = default;
    /// Reads from `text` (decoded or rewritten) instead of the mapping.
    void useCopy(std::string text);
    struct Mapping;
    std::unique_ptr<Mapping> m_map;
    std::string_view m_text;
    /// Gives the mapped pages before the current position back to the system (see next()).
    void releaseRead();

    size_t m_pos = 0;
    size_t m_released = 0;  // bytes at the start of the mapping given back by releaseRead()
    int64_t m_line = 1;
    char m_delimiter = ',';
    std::string m_encoding = "UTF-8";
    bool m_guessed = false;
    bool m_hasNul = false;
};

}  // namespace fp::incident_io
