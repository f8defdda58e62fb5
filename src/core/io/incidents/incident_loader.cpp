#include "core/io/incidents/incident_loader.h"

#include <unistd.h>

#include <filesystem>

#include "core/io/incidents/field_mapping.h"
#include "core/io/incidents/readers.h"

namespace fs = std::filesystem;

namespace fp {

namespace {

bool isDatabase(const std::string& source) {
    return source.size() >= 3 && (source[0] == 'P' || source[0] == 'p') &&
           (source[1] == 'G' || source[1] == 'g') && source[2] == ':';
}

std::string lowerExtension(const std::string& path) {
    return incident_io::lowerAscii(fs::path(path).extension().string());
}

bool isTextFile(const std::string& path) {
    const std::string ext = lowerExtension(path);
    return ext == ".csv" || ext == ".tsv" || ext == ".tab" || ext == ".txt";
}

Status checkPath(const std::string& path) {
    if (path.empty()) return makeError(ErrorCode::InvalidArgument, "(empty path)", "no file given");
    if (path.rfind("/vsi", 0) == 0 || path.find("://") != std::string::npos) return {};
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return makeError(ErrorCode::NotFound, path, "file not found");
    if (fs::is_directory(st) && lowerExtension(path) != ".gdb")
        return makeError(ErrorCode::IsDirectory, path, "is a directory, not a data file");
    if (::access(path.c_str(), R_OK) != 0)
        return makeError(ErrorCode::PermissionDenied, path, "cannot read file");
    return {};
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// Removes "...password = value" tokens (libpq key/value syntax, any case).
std::string scrubKeyValues(std::string_view text) {
    const std::string lower = incident_io::lowerAscii(text);
    std::string out;
    size_t copied = 0;
    size_t at = 0;
    while ((at = lower.find("password", at)) != std::string::npos) {
        size_t j = at + 8;
        while (j < text.size() && isSpace(text[j])) ++j;
        if (j >= text.size() || text[j] != '=') {
            at += 8;
            continue;
        }
        ++j;
        while (j < text.size() && isSpace(text[j])) ++j;
        if (j < text.size() && text[j] == '\'') {
            // Quoted value: runs to the first quote not escaped by a backslash (or to the end).
            ++j;
            while (j < text.size() && text[j] != '\'') j += text[j] == '\\' ? 2 : 1;
            j = std::min(j + 1, text.size());
        } else {
            // Unquoted: to the next white space. Taking too much only shortens the message; too little would
            // leak.
            while (j < text.size() && !isSpace(text[j])) ++j;
        }
        size_t begin = at;
        while (begin > copied && isWordChar(text[begin - 1])) --begin;  // "PGPASSWORD=", "db_password="
        out.append(text.substr(copied, begin - copied));
        // Drop one separating space too, so that "a password=x b" reads "a b".
        if (j < text.size() && text[j] == ' ' && (out.empty() || out.back() == ' ')) ++j;
        copied = j;
        at = j;
    }
    out.append(text.substr(copied));
    if (copied == text.size()) {
        while (!out.empty() && out.back() == ' ') out.pop_back();
    }
    return out;
}

/// Removes the password of "scheme://user:password@host" URIs.
std::string scrubUris(std::string text) {
    size_t at = 0;
    while ((at = text.find("://", at)) != std::string::npos) {
        const size_t authority = at + 3;
        const size_t end = text.find_first_of("/?# \t\n", authority);
        const size_t stop = end == std::string::npos ? text.size() : end;
        const size_t atSign = text.rfind('@', stop);
        if (atSign != std::string::npos && atSign >= authority && atSign < stop) {
            const size_t colon = text.find(':', authority);
            if (colon != std::string::npos && colon < atSign) text.erase(colon, atSign - colon);
        }
        at = authority;
    }
    return text;
}

void scrubError(Error& e) {
    e.message = scrubSecrets(e.message);
    e.source = scrubSecrets(e.source);
    e.field = scrubSecrets(e.field);
}

}  // namespace

std::vector<std::string> canonicalIncidentFields() {
    std::vector<std::string> out;
    for (size_t i = 0; i < incident_io::kFieldCount; ++i)
        out.emplace_back(incident_io::fieldName(static_cast<incident_io::Field>(i)));
    return out;
}

bool isDatabaseSource(std::string_view source) {
    return incident_io::lowerAscii(source.substr(0, 3)) == "pg:";
}

std::string scrubSecrets(std::string_view text) {
    return scrubUris(scrubKeyValues(text));
}

std::string incidentSourceName(const std::string& source, const IncidentLoadOptions& options) {
    if (isDatabase(source)) return !options.sql.empty() ? "SQL query" : options.table;
    return fs::path(source).stem().string();
}

Result<IncidentStore> loadIncidents(const std::string& source, const IncidentLoadOptions& options,
                                    LoadReport& report, IncidentFormatInfo* info) {
    return loadIncidents(source, options, report, info, IncidentRowObserver());
}

Result<IncidentStore> loadIncidents(const std::string& source, const IncidentLoadOptions& options,
                                    LoadReport& report, IncidentFormatInfo* info,
                                    const IncidentRowObserver& observer) {
    const IncidentRowObserver* watch = observer ? &observer : nullptr;
    IncidentFormatInfo localInfo;
    IncidentFormatInfo& out = info ? *info : localInfo;
    out = IncidentFormatInfo{};
    const std::string shown = scrubSecrets(source);
    report.source = shown;
    const size_t firstProblem = report.problems.size();

    IncidentStoreBuilder builder;
    Status rows;
    if (isDatabase(source)) {
        rows = incident_io::readGdalIncidents(source, shown, options, report, out, builder, watch);
    } else if (Status s = checkPath(source); !s) {
        rows = s.error();
    } else if (isTextFile(source) && !options.table.empty() &&
               options.table != fs::path(source).stem().string()) {
        rows = makeError(ErrorCode::NotFound, shown,
                         "has no layer named '" + options.table + "' (a text file is one table)");
    } else if (isTextFile(source) && options.sql.empty()) {
        rows = incident_io::readTextIncidents(source, options, report, out, builder, watch);
    } else {
        rows = incident_io::readGdalIncidents(source, shown, options, report, out, builder, watch);
    }
    for (size_t i = firstProblem; i < report.problems.size(); ++i) scrubError(report.problems[i]);
    if (!rows) {
        Error e = rows.error();
        scrubError(e);
        return e;
    }
    if (builder.empty()) {
        if (report.featuresRead == 0)
            return makeError(ErrorCode::EmptyLayer, shown, "has no incidents: there are no data rows");
        // Rows held for a geocoding decision are still the user's data: the layer loads with nothing on the
        // map yet, and each held row waits in the review list until it is placed.
        if (!out.geocoding.pending.empty()) return builder.build();
        return makeError(ErrorCode::EmptyLayer, shown,
                         "none of its " + std::to_string(report.featuresRead) +
                             " rows could be loaded (each row's problem is reported)");
    }
    return builder.build();
}

}  // namespace fp
