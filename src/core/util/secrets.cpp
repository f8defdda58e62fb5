#include "core/util/secrets.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>

namespace fp {

namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isKeyChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// True when a `key=` names a secret ("PGPASSWORD", "access_token", "api_key", "X-Amz-Signature", ...).
bool isSecretKey(std::string_view key) {
    const std::string k = lowerAscii(key);
    for (std::string_view suffix :
         {"password", "passwd", "token", "secret", "key", "signature", "credential", "credentials"})
        if (endsWith(k, suffix)) return true;
    return k == "pwd" || k == "sig" || k == "auth";
}

/// End of the value starting at `j`: a quoted value to its closing quote (backslash escapes skipped), else
/// to the next white space, or in a URL query also to `&` or `#`.
size_t valueEnd(std::string_view text, size_t j, bool inQuery) {
    if (j < text.size() && (text[j] == '\'' || text[j] == '"')) {
        const char quote = text[j++];
        while (j < text.size() && text[j] != quote) j += text[j] == '\\' ? 2 : 1;
        return std::min(j + 1, text.size());
    }
    while (j < text.size() && !isSpace(text[j]) && !(inQuery && (text[j] == '&' || text[j] == '#'))) ++j;
    return j;
}

/// Removes every `secret-key = value` pair, with one separator so that the rest reads naturally.
std::string scrubKeyValues(std::string_view text) {
    std::string out;
    size_t copied = 0;
    size_t eq = 0;
    while ((eq = text.find('=', eq)) != std::string_view::npos) {
        size_t keyEnd = eq;
        while (keyEnd > copied && (text[keyEnd - 1] == ' ' || text[keyEnd - 1] == '\t')) --keyEnd;
        size_t keyBegin = keyEnd;
        while (keyBegin > copied && isKeyChar(text[keyBegin - 1])) --keyBegin;
        if (keyBegin == keyEnd || !isSecretKey(text.substr(keyBegin, keyEnd - keyBegin))) {
            ++eq;
            continue;
        }
        // What precedes the key as it will read: the text before it, or what was kept before a removed pair.
        const char before = keyBegin > copied ? text[keyBegin - 1]
                            : !out.empty()    ? out.back()
                            : keyBegin > 0    ? text[keyBegin - 1]
                                              : ' ';
        const bool inQuery = before == '?' || before == '&' || before == ';';
        size_t j = eq + 1;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
        j = valueEnd(text, j, inQuery);
        size_t cut = keyBegin;
        if (inQuery && before == '&' && keyBegin > copied) {
            --cut;  // "a=1&token=x" reads "a=1"
        } else if (inQuery && j < text.size() && text[j] == '&') {
            ++j;  // "?token=x&a=1" reads "?a=1"
        }
        out.append(text.substr(copied, cut - copied));
        // One separating space goes too, so that "a password=x b" reads "a b".
        if (!inQuery && j < text.size() && text[j] == ' ' && (out.empty() || out.back() == ' ')) ++j;
        copied = j;
        eq = j;
    }
    out.append(text.substr(copied));
    if (copied == text.size())
        while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

/// Removes the password of "scheme://user:password@host" URIs.
std::string scrubUserInfo(std::string text) {
    size_t at = 0;
    while ((at = text.find("://", at)) != std::string::npos) {
        const size_t authority = at + 3;
        const size_t end = text.find_first_of("/?# \t\r\n'\"", authority);
        const size_t stop = end == std::string::npos ? text.size() : end;
        const size_t atSign = text.rfind('@', stop == 0 ? 0 : stop - 1);
        if (atSign != std::string::npos && atSign >= authority && atSign < stop) {
            const size_t colon = text.find(':', authority);
            if (colon != std::string::npos && colon < atSign) text.erase(colon, atSign - colon);
        }
        at = authority;
    }
    return text;
}

bool startsWithCi(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && lowerAscii(s.substr(0, prefix.size())) == prefix;
}

}  // namespace

std::string scrubSecrets(std::string_view text) {
    return scrubUserInfo(scrubKeyValues(text));
}

bool isDatabaseSource(std::string_view source) {
    return startsWithCi(source, "pg:") || startsWithCi(source, "postgresql://") ||
           startsWithCi(source, "postgres://");
}

std::string gdalDatabaseName(std::string_view source) {
    if (isDatabaseSource(source) && !startsWithCi(source, "pg:")) return "PG:" + std::string(source);
    return std::string(source);
}

bool isNetworkSource(std::string_view source) {
    if (isDatabaseSource(source)) return false;
    const std::string s = lowerAscii(source);
    static constexpr std::array kNetworkFileSystems = {"/vsicurl",  "/vsis3",   "/vsigs",
                                                       "/vsiaz",    "/vsiadls", "/vsioss",
                                                       "/vsiswift", "/vsihdfs", "/vsiwebhdfs"};
    for (const char* fsName : kNetworkFileSystems)
        if (s.find(fsName) != std::string::npos) return true;
    const size_t scheme = s.find("://");
    if (scheme == std::string::npos || scheme == 0) return false;
    // "file://" is local; any other "scheme://" with a plain scheme name is a network address.
    const std::string_view name = std::string_view(s).substr(0, scheme);
    if (name == "file") return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'; });
}

namespace {
std::atomic<int> g_networkAllowed{-1};  // -1: not decided yet, the environment says
}  // namespace

bool networkAllowed() {
    int allowed = g_networkAllowed.load();
    if (allowed < 0) {
        const char* env = std::getenv("FLASHPOINT_ALLOW_NETWORK");
        allowed = env && std::strcmp(env, "1") == 0 ? 1 : 0;
        g_networkAllowed.store(allowed);
    }
    return allowed == 1;
}

void setNetworkAllowed(bool allowed) {
    g_networkAllowed.store(allowed ? 1 : 0);
}

Status checkNetworkAllowed(const std::string& source) {
    if (!isNetworkSource(source) || networkAllowed()) return {};
    return makeError(ErrorCode::InvalidArgument, scrubSecrets(source),
                     "would be read over the network, which a file (a project or a VRT) may not make "
                     "Flashpoint do on its own: give "
                     "--allow-network (or set FLASHPOINT_ALLOW_NETWORK=1) if you trust it");
}

}  // namespace fp
