#pragma once

// Internal to core/io/incidents: edits written into a delimited text file in the file's own style, leaving
// every byte of what was not edited as it was.

#include <cstdint>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace fp::incident_io {

/// What becomes of one data row of a delimited text file.
struct TextRowEdit {
    enum class Action { Keep, Replace, Remove };
    int64_t line = 0;       ///< 1-based physical line the row starts on (IncidentRowView::line)
    int64_t lineCount = 1;  ///< physical lines it spans
    Action action = Action::Keep;
    std::vector<std::string> cells;  ///< Replace: every value of the row (UTF-8), new columns included
    bool widen = true;               ///< Keep: takes an empty value for each new column
};

/// The edits of one file.
struct TextRewrite {
    size_t columns = 0;                           ///< the header's columns (before the new ones)
    std::vector<std::string> newColumns;          ///< appended to the header
    std::vector<TextRowEdit> rows;                ///< every data row, in file order
    std::vector<std::vector<std::string>> added;  ///< rows appended at the end (UTF-8)
};

/// Writes `edits` into the delimited text file `path` (read in `encoding`, "" for the loader's guess),
/// atomically. Kept byte for byte: the byte-order mark or its absence, the preamble and header (new columns
/// are appended to it), every row kept (an empty value appended for each new column, nothing else), and the
/// end of the file. Replaced and added rows are written in the file's style: its delimiter, its line ends
/// (CRLF, LF or CR), its encoding, and per column the quoting its rows use (always, for text only, or when
/// needed). InvalidArgument naming the file, row and column when a value has no character in the file's
/// encoding; nothing is written then.
Status rewriteDelimitedText(const std::string& path, const std::string& encoding, const TextRewrite& edits);

}  // namespace fp::incident_io
