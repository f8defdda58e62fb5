#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace fp {

/// A byte range [begin, end) of an ArticleText's text.
struct TextSpan {
    size_t begin = 0;
    size_t end = 0;
    size_t size() const { return end - begin; }
    friend bool operator==(const TextSpan&, const TextSpan&) = default;
};

/// What kind of text a file holds, which decides how it is reduced to plain text.
enum class ArticleFormat { Plain, Markdown, Html };

/// An article as plain UTF-8 text, ready for extraction. Every span the extractor reports is a byte offset
/// into `text` (for plain text that is the file itself; HTML and Markdown are reduced first).
struct ArticleText {
    std::string name;  ///< file name or "-" (standard input), for messages
    std::string text;  ///< plain text: paragraphs separated by blank lines
    ArticleFormat format = ArticleFormat::Plain;
};

/// Largest input accepted, in bytes (a news article is a few kilobytes; this leaves room for a dossier).
inline constexpr size_t kMaxArticleBytes = 64u * 1024u * 1024u;

/// The format of `bytes` named `name`: .html/.htm or text starting with a tag such as <!doctype or <html is
/// HTML; .md/.markdown is Markdown; anything else plain text.
ArticleFormat detectArticleFormat(std::string_view name, std::string_view bytes);

/// Turns file content into an ArticleText. Fails with UnsupportedFormat naming `name` when the bytes are
/// binary (a NUL byte, or many bytes that are not UTF-8 text) and EmptyLayer when no text is left (an empty
/// file, only white space or only markup). HTML is reduced without running anything: tags are dropped,
/// script/style/head content removed, block elements become paragraph breaks and character references are
/// decoded. Markdown keeps its words: heading marks, emphasis, link targets and code fences are dropped.
/// A UTF-8 byte order mark and CRLF line ends are removed; invalid UTF-8 bytes become U+FFFD.
Result<ArticleText> makeArticleText(std::string_view bytes, const std::string& name);

/// Reads a file ("-" = standard input) and calls makeArticleText. NotFound, IsDirectory, PermissionDenied or
/// IoError naming the file when it cannot be read; InvalidArgument when it is larger than kMaxArticleBytes.
Result<ArticleText> readArticleText(const std::string& path);

/// Reduces HTML to plain text (see makeArticleText).
std::string htmlToText(std::string_view html);

/// Reduces Markdown to plain text (see makeArticleText).
std::string markdownToText(std::string_view markdown);

}  // namespace fp
