#include "core/io/incidents/delimited_text.h"

#include "core/io/incidents/text_encoding.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace fp::incident_io {

struct DelimitedText::Mapping {
    void* address = nullptr;
    size_t length = 0;
    std::string copy;  // used when the file cannot be mapped (a pipe, say)

    ~Mapping() {
        if (address) ::munmap(address, length);
    }
};

namespace {

bool isBlankLine(std::string_view text, size_t pos, size_t& lineEnd) {
    lineEnd = text.find('\n', pos);
    if (lineEnd == std::string_view::npos) lineEnd = text.size();
    for (size_t i = pos; i < lineEnd; ++i)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r') return false;
    return true;
}

}  // namespace

DelimitedText::DelimitedText(DelimitedText&&) noexcept = default;
DelimitedText& DelimitedText::operator=(DelimitedText&&) noexcept = default;
DelimitedText::~DelimitedText() = default;

Result<DelimitedText> DelimitedText::open(const std::string& path, const std::string& encoding) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT) return makeError(ErrorCode::NotFound, path, "file not found");
        if (err == EACCES) return makeError(ErrorCode::PermissionDenied, path, "cannot read file");
        return makeError(ErrorCode::IoError, path, std::string("cannot open: ") + std::strerror(err));
    }
    DelimitedText t;
    t.m_map = std::make_unique<Mapping>();
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) {
            t.m_map->address = p;
            t.m_map->length = static_cast<size_t>(st.st_size);
        }
    }
    if (!t.m_map->address) {
        std::array<char, 65536> buf;
        ssize_t n = 0;
        while ((n = ::read(fd, buf.data(), buf.size())) > 0)
            t.m_map->copy.append(buf.data(), static_cast<size_t>(n));
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            return makeError(ErrorCode::IoError, path, std::string("read failed: ") + std::strerror(err));
        }
    }
    ::close(fd);
    t.m_text = t.m_map->address
                   ? std::string_view(static_cast<const char*>(t.m_map->address), t.m_map->length)
                   : std::string_view(t.m_map->copy);
    auto decoded = decodeText(t.m_text, encoding, path);
    if (!decoded) return decoded.error();
    t.m_encoding = decoded->encoding;
    t.m_guessed = decoded->guessed;
    if (decoded->utf8) t.useCopy(std::move(*decoded->utf8));
    // Lone CR line ends (classic Mac OS, some Excel exports): the first line end tells.
    const size_t firstEnd = t.m_text.find_first_of("\r\n");
    if (firstEnd != std::string_view::npos && t.m_text[firstEnd] == '\r' &&
        (firstEnd + 1 == t.m_text.size() || t.m_text[firstEnd + 1] != '\n')) {
        std::string copy(t.m_text);
        for (size_t i = 0; i < copy.size(); ++i)
            if (copy[i] == '\r' && (i + 1 == copy.size() || copy[i + 1] != '\n')) copy[i] = '\n';
        t.useCopy(std::move(copy));
    }
    t.m_hasNul = t.m_text.find('\0') != std::string_view::npos;
    if (t.m_text.substr(0, 3) == "\xEF\xBB\xBF") t.m_pos = 3;
    return t;
}

void DelimitedText::useCopy(std::string text) {
    auto map = std::make_unique<Mapping>();
    map->copy = std::move(text);
    m_map = std::move(map);
    m_text = m_map->copy;
}

bool DelimitedText::blank() const {
    for (size_t i = m_pos; i < m_text.size(); ++i) {
        const char c = m_text[i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
    }
    return true;
}

char DelimitedText::sniffDelimiter() const {
    size_t pos = m_pos, lineEnd = 0;
    while (pos < m_text.size() && isBlankLine(m_text, pos, lineEnd)) pos = lineEnd + 1;
    constexpr std::array<char, 4> kCandidates = {',', '\t', ';', '|'};
    std::array<size_t, 4> counts{};
    bool quoted = false;
    for (size_t i = pos; i < m_text.size() && (quoted || m_text[i] != '\n'); ++i) {
        if (m_text[i] == '"') quoted = !quoted;
        if (quoted) continue;
        for (size_t k = 0; k < kCandidates.size(); ++k)
            if (m_text[i] == kCandidates[k]) ++counts[k];
    }
    size_t best = 0;
    for (size_t k = 1; k < kCandidates.size(); ++k)
        if (counts[k] > counts[best]) best = k;
    return kCandidates[best];
}

void DelimitedText::releaseRead() {
    // Pages read stay resident (and count in the process's memory) until the mapping ends: a 1 GB file would
    // end up wholly in memory. Reading never goes back before the record being read, so the pages before it
    // can go; touched again, they would come back from the file.
    constexpr size_t kStep = size_t{32} << 20;
    if (!m_map->address || m_pos < m_released + kStep) return;
    const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    const size_t upTo = m_pos / page * page;
    ::madvise(static_cast<char*>(m_map->address) + m_released, upTo - m_released, MADV_DONTNEED);
    m_released = upTo;
}

bool DelimitedText::next(TextRecord& out) {
    releaseRead();
    const std::string_view s = m_text;
    size_t lineEnd = 0;
    while (m_pos < s.size() && isBlankLine(s, m_pos, lineEnd)) {
        m_pos = lineEnd + 1;
        ++m_line;
    }
    if (m_pos >= s.size()) return false;

    out.fields.clear();
    out.quoting = TextRecord::Quoting::Ok;
    out.badField = 0;
    out.quotedMask = 0;
    out.line = m_line;
    out.begin = m_pos;
    const auto markBad = [&](TextRecord::Quoting q) {
        if (out.quoting != TextRecord::Quoting::Ok) return;
        out.quoting = q;
        out.badField = out.fields.size();
    };
    const auto atRecordEnd = [&](size_t p) {
        return p >= s.size() || s[p] == '\n' || (s[p] == '\r' && (p + 1 >= s.size() || s[p + 1] == '\n'));
    };

    std::string field;
    while (true) {
        field.clear();
        size_t p = m_pos;
        while (p < s.size() && s[p] == ' ') ++p;
        if (p < s.size() && s[p] == '"') {
            if (out.fields.size() < 64) out.quotedMask |= uint64_t{1} << out.fields.size();
            m_pos = p + 1;
            bool closed = false;
            while (m_pos < s.size()) {
                const char c = s[m_pos];
                if (c == '"') {
                    if (m_pos + 1 < s.size() && s[m_pos + 1] == '"') {
                        field += '"';
                        m_pos += 2;
                        continue;
                    }
                    ++m_pos;
                    closed = true;
                    break;
                }
                if (c == '\n') ++m_line;
                field += c;
                ++m_pos;
            }
            if (!closed) {
                markBad(TextRecord::Quoting::Unclosed);
                out.fields.push_back(field);
                break;
            }
            while (m_pos < s.size() && s[m_pos] == ' ') ++m_pos;
            if (!atRecordEnd(m_pos) && s[m_pos] != m_delimiter) {
                markBad(TextRecord::Quoting::TextAfterQuote);
                while (!atRecordEnd(m_pos) && s[m_pos] != m_delimiter) field += s[m_pos++];
            }
        } else {
            const size_t begin = m_pos;
            while (!atRecordEnd(m_pos) && s[m_pos] != m_delimiter) ++m_pos;
            field.assign(s.substr(begin, m_pos - begin));
        }
        out.fields.push_back(field);
        if (m_pos < s.size() && s[m_pos] == m_delimiter) {
            ++m_pos;
            continue;
        }
        break;
    }
    out.lineCount = m_line - out.line + 1;
    if (m_pos < s.size() && s[m_pos] == '\r') ++m_pos;
    if (m_pos < s.size() && s[m_pos] == '\n') {
        ++m_pos;
        ++m_line;
    }
    return true;
}

void DelimitedText::resumeAfterFirstLine(const TextRecord& record) {
    const size_t nl = m_text.find('\n', record.begin);
    m_pos = nl == std::string_view::npos ? m_text.size() : nl + 1;
    m_line = record.line + 1;
}

}  // namespace fp::incident_io
