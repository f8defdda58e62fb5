#include "core/extract/article_text.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>

namespace fp {

namespace {

bool endsWithNoCase(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

bool startsWithNoCase(std::string_view s, size_t at, std::string_view prefix) {
    if (s.size() - std::min(at, s.size()) < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[at + i])) != prefix[i]) return false;
    return true;
}

/// Length of the valid UTF-8 sequence at `i`, or 0 when the bytes there are not one.
size_t utf8Length(std::string_view s, size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
    if (n == 2 && b < 0xC2) return 0;  // overlong
    return n;
}

void appendUtf8(std::string& out, uint32_t cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// Decodes the character reference at `s[i]` ('&'); returns the bytes consumed (0 when it is not one).
size_t decodeEntity(std::string_view s, size_t i, std::string& out) {
    const size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) return 0;
    const std::string_view body = s.substr(i + 1, semi - i - 1);
    if (!body.empty() && body[0] == '#') {
        const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
        uint32_t cp = 0;
        const std::string_view digits = body.substr(hex ? 2 : 1);
        if (digits.empty()) return 0;
        for (char c : digits) {
            const int v = std::isdigit(static_cast<unsigned char>(c))           ? c - '0'
                          : hex && std::isxdigit(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10
                                                                                : -1;
            if (v < 0 || cp > 0x10FFFF) return 0;
            cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
        }
        appendUtf8(out, cp == 0xA0 ? ' ' : cp);
        return semi - i + 1;
    }
    static constexpr std::array<std::pair<std::string_view, uint32_t>, 16> kNamed{{
        {"amp", '&'},
        {"lt", '<'},
        {"gt", '>'},
        {"quot", '"'},
        {"apos", '\''},
        {"nbsp", ' '},
        {"mdash", 0x2014},
        {"ndash", 0x2013},
        {"rsquo", 0x2019},
        {"lsquo", 0x2018},
        {"ldquo", 0x201C},
        {"rdquo", 0x201D},
        {"hellip", 0x2026},
        {"shy", 0x200B},
        {"laquo", 0xAB},
        {"raquo", 0xBB},
    }};
    for (const auto& [name, cp] : kNamed)
        if (body == name) {
            appendUtf8(out, cp);
            return semi - i + 1;
        }
    return 0;
}

/// Element names whose start or end breaks a paragraph.
bool isBlockTag(std::string_view tag) {
    static constexpr std::array<std::string_view, 22> kBlocks{
        "p",  "div", "br", "li", "ul",    "ol",      "h1",      "h2",     "h3",     "h4",         "h5",
        "h6", "tr",  "td", "th", "table", "section", "article", "header", "footer", "blockquote", "title"};
    return std::find(kBlocks.begin(), kBlocks.end(), tag) != kBlocks.end();
}

/// Collapses runs of blanks, keeps single line breaks, and turns runs of several line breaks into one blank
/// line (a paragraph break).
std::string tidyWhitespace(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    int newlines = 0;
    bool space = false;
    for (char c : s) {
        if (c == '\n') {
            ++newlines;
            space = false;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            space = true;
        } else {
            if (!out.empty()) {
                if (newlines >= 2)
                    out += "\n\n";
                else if (newlines == 1)
                    out += '\n';
                else if (space)
                    out += ' ';
            }
            newlines = 0;
            space = false;
            out += c;
        }
    }
    return out;
}

}  // namespace

ArticleFormat detectArticleFormat(std::string_view name, std::string_view bytes) {
    if (endsWithNoCase(name, ".html") || endsWithNoCase(name, ".htm") || endsWithNoCase(name, ".xhtml"))
        return ArticleFormat::Html;
    if (endsWithNoCase(name, ".md") || endsWithNoCase(name, ".markdown")) return ArticleFormat::Markdown;
    size_t i = 0;
    while (i < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[i]))) ++i;
    for (std::string_view start : {"<!doctype html", "<html", "<head", "<body", "<article", "<p>", "<div"})
        if (startsWithNoCase(bytes, i, start)) return ArticleFormat::Html;
    return ArticleFormat::Plain;
}

std::string htmlToText(std::string_view s) {
    std::string out;
    out.reserve(s.size() / 2);
    size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '&') {
            if (const size_t n = decodeEntity(s, i, out)) {
                i += n;
                continue;
            }
            out += c;
            ++i;
            continue;
        }
        if (c != '<') {
            out += c;
            ++i;
            continue;
        }
        if (s.compare(i, 4, "<!--") == 0) {
            const size_t end = s.find("-->", i + 4);
            i = end == std::string_view::npos ? s.size() : end + 3;
            continue;
        }
        const size_t close = s.find('>', i + 1);
        if (close == std::string_view::npos) break;  // an unterminated tag: nothing readable follows
        size_t n = i + 1;
        const bool endTag = n < close && s[n] == '/';
        if (endTag) ++n;
        std::string tag;
        while (n < close && std::isalnum(static_cast<unsigned char>(s[n])))
            tag += static_cast<char>(std::tolower(static_cast<unsigned char>(s[n++])));
        i = close + 1;
        if (!endTag && (tag == "script" || tag == "style" || tag == "head" || tag == "noscript" ||
                        tag == "template" || tag == "svg")) {
            // Skip the element's content: it is code or metadata, never article text.
            const std::string endMark = "</" + tag;
            size_t at = i;
            while (at < s.size() && !startsWithNoCase(s, at, endMark)) ++at;
            const size_t gt = s.find('>', at);
            i = gt == std::string_view::npos ? s.size() : gt + 1;
            if (tag == "head") out += "\n\n";
            continue;
        }
        if (isBlockTag(tag))
            out += tag == "br" ? "\n" : "\n\n";
        else
            out += ' ';
    }
    return tidyWhitespace(out);
}

std::string markdownToText(std::string_view md) {
    std::string out;
    out.reserve(md.size());
    bool fence = false;
    size_t pos = 0;
    while (pos <= md.size()) {
        size_t eol = md.find('\n', pos);
        if (eol == std::string_view::npos) eol = md.size();
        std::string_view line = md.substr(pos, eol - pos);
        pos = eol + 1;
        size_t lead = line.find_first_not_of(" \t");
        if (lead != std::string_view::npos && line.compare(lead, 3, "```") == 0) {
            fence = !fence;
            out += '\n';
            continue;
        }
        if (fence || lead == std::string_view::npos) {
            out += '\n';
            continue;
        }
        line.remove_prefix(lead);
        const bool heading = line[0] == '#';
        while (!line.empty() && (line[0] == '#' || line[0] == '>')) line.remove_prefix(1);
        if (line.size() > 1 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ')
            line.remove_prefix(2);
        for (size_t k = 0; k < line.size(); ++k) {
            const char c = line[k];
            if (c == '*' || c == '_' || c == '`') {
                // Emphasis marks go; an underscore inside a word ("snake_case") stays.
                const bool inWord = c == '_' && k > 0 && k + 1 < line.size() &&
                                    std::isalnum(static_cast<unsigned char>(line[k - 1])) &&
                                    std::isalnum(static_cast<unsigned char>(line[k + 1]));
                if (!inWord) continue;
            }
            if (c == '!' && k + 1 < line.size() && line[k + 1] == '[') continue;
            if (c == ']' && k + 1 < line.size() && line[k + 1] == '(') {
                const size_t end = line.find(')', k + 2);
                if (end != std::string_view::npos) {
                    k = end;
                    continue;
                }
            }
            if (c == '[') continue;
            out += c;
        }
        out += heading ? "\n\n" : "\n";
    }
    return tidyWhitespace(out);
}

Result<ArticleText> makeArticleText(std::string_view bytes, const std::string& name) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    if (bytes.find('\0') != std::string_view::npos)
        return makeError(
            ErrorCode::UnsupportedFormat, name,
            "is a binary file (it holds NUL bytes), not text; give a .txt, .md or .html article");
    std::string clean;
    clean.reserve(bytes.size());
    size_t bad = 0;
    for (size_t i = 0; i < bytes.size();) {
        const size_t n = utf8Length(bytes, i);
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (n == 0) {
            ++bad;
            appendUtf8(clean, 0xFFFD);
            ++i;
            continue;
        }
        if (b < 0x20 && b != '\n' && b != '\t' && b != '\f') {
            if (b != '\r') ++bad;
            clean += b == '\r' ? '\n' : ' ';
            if (b == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
            ++i;
            continue;
        }
        clean.append(bytes.substr(i, n));
        i += n;
    }
    if (bad > 16 && bad * 20 > bytes.size())
        return makeError(ErrorCode::UnsupportedFormat, name,
                         "is not text: " + std::to_string(bad) + " of its " + std::to_string(bytes.size()) +
                             " bytes are neither UTF-8 nor printable; give a .txt, .md or .html article");
    ArticleText article;
    article.name = name;
    article.format = detectArticleFormat(name, clean);
    article.text = article.format == ArticleFormat::Html       ? htmlToText(clean)
                   : article.format == ArticleFormat::Markdown ? markdownToText(clean)
                                                               : tidyWhitespace(clean);
    if (article.text.empty())
        return makeError(ErrorCode::EmptyLayer, name,
                         bytes.empty() ? "is empty: there is no text to code incidents from"
                                       : "holds no text to code incidents from (only white space or markup)");
    return article;
}

Result<ArticleText> readArticleText(const std::string& path) {
    std::string bytes;
    if (path == "-") {
        bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        if (bytes.size() > kMaxArticleBytes)
            return makeError(ErrorCode::InvalidArgument, "standard input", "is larger than 64 MB");
        return makeArticleText(bytes, "standard input");
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return makeError(errno == EACCES ? ErrorCode::PermissionDenied : ErrorCode::NotFound, path,
                         errno == EACCES ? "cannot be read: permission denied" : "does not exist");
    if (S_ISDIR(st.st_mode)) return makeError(ErrorCode::IsDirectory, path, "is a folder, not a text file");
    if (static_cast<uint64_t>(st.st_size) > kMaxArticleBytes)
        return makeError(
            ErrorCode::InvalidArgument, path,
            "is " + std::to_string(st.st_size / (1024 * 1024)) + " MB; articles of at most 64 MB are read");
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return makeError(errno == EACCES ? ErrorCode::PermissionDenied : ErrorCode::IoError, path,
                         std::string("cannot be read: ") + std::strerror(errno));
    bytes.resize(static_cast<size_t>(st.st_size));
    const size_t got = bytes.empty() ? 0 : std::fread(bytes.data(), 1, bytes.size(), f);
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) return makeError(ErrorCode::IoError, path, "could not be read to its end");
    bytes.resize(got);
    return makeArticleText(bytes, path);
}

}  // namespace fp
