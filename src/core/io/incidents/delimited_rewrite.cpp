#include "core/io/incidents/delimited_rewrite.h"

#include <algorithm>
#include <fstream>
#include <numeric>
#include <optional>
#include <sstream>

#include "core/io/incidents/delimited_text.h"
#include "core/io/incidents/text_encoding.h"
#include "core/util/atomic_file.h"

namespace fp::incident_io {

namespace {

/// One physical line: its text is [begin, end), its line end [end, next).
struct Line {
    size_t begin = 0, end = 0, next = 0;
};

/// Splits `text` from `start` into lines as DelimitedText counts them: at LF (a CR before it belongs to the
/// line end), and at a lone CR too when the file's first line end is one.
std::vector<Line> splitLines(std::string_view text, size_t start) {
    const size_t first = text.find_first_of("\r\n", start);
    const bool loneCr = first != std::string_view::npos && text[first] == '\r' &&
                        (first + 1 == text.size() || text[first + 1] != '\n');
    std::vector<Line> lines;
    for (size_t pos = start; pos < text.size();) {
        const size_t i = text.find_first_of(loneCr ? "\r\n" : "\n", pos);
        Line l{pos, i, i};
        if (i == std::string_view::npos) {
            l.end = l.next = text.size();
        } else if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            l.next = i + 2;
        } else {
            l.end = (text[i] == '\n' && i > pos && text[i - 1] == '\r') ? i - 1 : i;
            l.next = i + 1;
        }
        lines.push_back(l);
        pos = l.next;
    }
    return lines;
}

/// How the file writes its values.
struct Style {
    char delimiter = ',';
    std::string lineEnd = "\n";
    std::vector<bool> quoteValues, quoteEmpty;  ///< per column
    bool quoteNames = false;                    ///< the header's names are quoted
    bool newValues = false, newEmpty = false;   ///< how new columns quote values, and empty ones
    int64_t headerLine = 0;
};

/// Reads the file's delimiter, header line and quoting (per column, from the first rows).
Result<Style> readStyle(const std::string& path, const std::string& encoding, int64_t firstDataLine,
                        size_t columns) {
    auto opened = DelimitedText::open(path, encoding);
    if (!opened) return opened.error();
    DelimitedText& text = opened.value();
    Style st;
    text.setDelimiter(text.sniffDelimiter());
    st.delimiter = text.delimiter();
    std::vector<int> quoted(columns, 0), empty(columns, 0);
    TextRecord rec;
    for (int sampled = 0; sampled < 200 && text.next(rec);) {
        if (firstDataLine == 0 || rec.line < firstDataLine) {
            st.headerLine = rec.line;
            st.quoteNames = rec.quotedMask != 0 &&
                            rec.quotedMask == (uint64_t{1} << std::min<size_t>(rec.fields.size(), 63)) - 1;
            continue;
        }
        ++sampled;
        for (size_t c = 0; c < columns && c < rec.fields.size() && c < 64; ++c) {
            const int vote = (rec.quotedMask >> c) & 1 ? 1 : -1;
            (rec.fields[c].empty() ? empty : quoted)[c] += vote;
        }
    }
    // A column with no value (or no empty value) sampled is written as the file writes the others.
    const int allQuoted = std::accumulate(quoted.begin(), quoted.end(), 0);
    const int allEmpty = std::accumulate(empty.begin(), empty.end(), 0);
    for (size_t c = 0; c < columns; ++c) {
        st.quoteValues.push_back(quoted[c] != 0 ? quoted[c] > 0 : allQuoted > 0);
        st.quoteEmpty.push_back(empty[c] != 0 ? empty[c] > 0 : allEmpty > 0);
    }
    st.newValues = allQuoted > 0 && std::none_of(quoted.begin(), quoted.end(), [](int v) { return v < 0; });
    st.newEmpty = allEmpty > 0;
    return st;
}

std::string readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// UTF-16 and UTF-32 are not ASCII-compatible: their files are edited as UTF-8 and encoded whole again.
bool asciiCompatible(const std::string& encoding) {
    return encoding.rfind("UTF-16", 0) != 0 && encoding.rfind("UTF-32", 0) != 0 &&
           encoding.rfind("UCS", 0) != 0;
}

class Writer {
public:
    Writer(const Style& st, std::string encoding, size_t columns, const std::vector<std::string>& newColumns)
        : m_st(st), m_encoding(std::move(encoding)), m_columns(columns), m_newColumns(newColumns) {}

    /// One value as the file writes it in column `c`, in the file's encoding (when the text is).
    Result<std::string> cell(const std::string& v, size_t c, bool name) const {
        bool quote = v.find_first_of(std::string{m_st.delimiter, '"', '\r', '\n'}) != std::string::npos;
        if (name)
            quote = quote || m_st.quoteNames;
        else if (c < m_columns)
            quote = quote || (v.empty() ? m_st.quoteEmpty[c] : m_st.quoteValues[c]);
        else
            quote = quote || (v.empty() ? m_st.newEmpty : m_st.newValues);
        std::string out;
        if (quote) {
            out += '"';
            for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
            out += '"';
        } else {
            out = v;
        }
        if (!m_encodeCells) return out;
        return encodeText(out, m_encoding);
    }
    /// The values of a row as the file writes them, without the line end.
    Result<std::string> record(const std::vector<std::string>& cells, bool names) const {
        std::string out;
        for (size_t c = 0; c < cells.size(); ++c) {
            auto v = cell(cells[c], c, names);
            if (!v) return v.error();
            if (c) out += m_st.delimiter;
            out += v.value();
        }
        return out;
    }
    /// What a kept row gets appended: an empty value for each new column.
    std::string widening() const {
        std::string out;
        for (size_t k = 0; k < m_newColumns.size(); ++k)
            out += m_st.delimiter + (m_st.newEmpty ? std::string("\"\"") : std::string());
        return out;
    }
    void encodeCells(bool on) { m_encodeCells = on; }

private:
    const Style& m_st;
    std::string m_encoding;
    size_t m_columns;
    const std::vector<std::string>& m_newColumns;
    bool m_encodeCells = false;
};

Error badValue(const std::string& path, const TextRowEdit* row, size_t addedIndex, const Error& why) {
    const std::string where =
        row ? "line " + std::to_string(row->line) : "added row " + std::to_string(addedIndex);
    return makeError(ErrorCode::InvalidArgument, path,
                     where + ": a value cannot be written in the file's encoding " + why.source + ": " +
                         why.message + "; nothing was written (save as a new GeoPackage instead)");
}

}  // namespace

Status rewriteDelimitedText(const std::string& path, const std::string& encoding, const TextRewrite& edits) {
    auto opened = DelimitedText::open(path, encoding);
    if (!opened) return opened.error();
    const std::string fileEncoding = opened->encoding();
    const size_t columns = edits.columns;
    const int64_t firstData = edits.rows.empty() ? 0 : edits.rows.front().line;
    const std::string raw = readBytes(path);

    // The text edited: the file's own bytes, or UTF-8 for UTF-16/32 (encoded again at the end).
    std::string text = raw, bom;
    const bool ascii = asciiCompatible(fileEncoding);
    if (!ascii) {
        auto decoded = decodeText(raw, encoding, path);
        if (!decoded) return decoded.error();
        text = decoded->utf8.value_or(raw);
        if (raw.size() >= 2 && (raw.compare(0, 2, "\xFF\xFE") == 0 || raw.compare(0, 2, "\xFE\xFF") == 0))
            bom = raw.substr(0, 2);
    }
    const size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    const std::vector<Line> lines = splitLines(text, start);

    auto style = readStyle(path, encoding, firstData, std::max(columns, edits.newColumns.size()));
    if (!style) return style.error();
    Style& st = style.value();
    if (!lines.empty() && lines.front().next > lines.front().end)
        st.lineEnd = text.substr(lines.front().end, lines.front().next - lines.front().end);
    Writer writer(st, fileEncoding, columns, edits.newColumns);
    writer.encodeCells(ascii && fileEncoding != "UTF-8");

    std::string out = text.substr(0, start);
    const auto lineAt = [&](int64_t n) -> const Line& { return lines.at(static_cast<size_t>(n - 1)); };
    const auto copyLines = [&](int64_t from, int64_t to, const std::string& appended) {
        for (int64_t n = from; n < to; ++n) {
            const Line& l = lineAt(n);
            out.append(text, l.begin, l.end - l.begin);
            if (n + 1 == to) out += appended;
            out.append(text, l.end, l.next - l.end);
        }
    };
    size_t next = 0;  // the next row of `edits.rows`
    for (int64_t n = 1; n <= static_cast<int64_t>(lines.size());) {
        if (next < edits.rows.size() && edits.rows[next].line == n) {
            const TextRowEdit& row = edits.rows[next++];
            const int64_t limit = next < edits.rows.size() ? edits.rows[next].line : lines.size() + 1;
            const int64_t end = std::min(row.line + std::max<int64_t>(row.lineCount, 1), limit);
            if (row.action == TextRowEdit::Action::Keep) {
                const bool whole = row.line + row.lineCount <= limit;
                copyLines(n, end, row.widen && whole ? writer.widening() : std::string());
            } else if (row.action == TextRowEdit::Action::Replace) {
                auto rec = writer.record(row.cells, false);
                if (!rec) return badValue(path, &row, 0, rec.error());
                const Line& last = lineAt(end - 1);
                out += rec.value();
                out.append(text, last.end, last.next - last.end);
            }
            n = end;
            continue;
        }
        if (n == st.headerLine && !edits.newColumns.empty()) {
            std::string names;
            for (const std::string& name : edits.newColumns) {
                auto v = writer.cell(name, 0, true);
                if (!v) return badValue(path, nullptr, 0, v.error());
                names += st.delimiter + v.value();
            }
            copyLines(n, n + 1, names);
        } else {
            copyLines(n, n + 1, std::string());
        }
        ++n;
    }
    const bool endedWithLineEnd = !lines.empty() && lines.back().next > lines.back().end;
    for (size_t a = 0; a < edits.added.size(); ++a) {
        if (!out.empty() && out.back() != '\n' && out.back() != '\r') out += st.lineEnd;
        auto rec = writer.record(edits.added[a], false);
        if (!rec) return badValue(path, nullptr, a + 1, rec.error());
        out += rec.value();
        if (endedWithLineEnd || a + 1 < edits.added.size()) out += st.lineEnd;
    }
    if (!ascii) {
        auto encoded = encodeText(out, bom == "\xFF\xFE" ? "UTF-16LE"
                                       : bom.empty()     ? fileEncoding
                                                         : "UTF-16BE");
        if (!encoded) return badValue(path, nullptr, 0, encoded.error());
        out = bom + encoded.value();
    }
    return writeFileAtomically(path, out);
}

}  // namespace fp::incident_io
