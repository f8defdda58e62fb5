#pragma once

#include <cstdint>
#include <string>

namespace fp {

/// What kind of failure an Error reports; stable, so callers and tests can branch on it.
enum class ErrorCode {
    NotFound,           ///< file or resource does not exist
    IsDirectory,        ///< a file was expected, a directory was given
    PermissionDenied,   ///< the file exists but cannot be read or written
    UnsupportedFormat,  ///< no driver can read the input as the expected kind of data
    MissingSidecar,     ///< a shapefile lacks its .shx or .dbf
    EmptyLayer,         ///< the source opened but holds nothing usable
    InvalidGeometry,    ///< geometry that could not be read or repaired
    InvalidCrs,         ///< a CRS definition PROJ does not understand
    ProjectionFailed,   ///< coordinates that cannot be transformed
    InvalidArgument,    ///< a malformed flag, option or value given by the user
    IoError,            ///< a read or write failed midway
    GraphicsError,      ///< OpenGL/EGL could not do what was asked
    Cancelled,          ///< the user cancelled a long operation; nothing was left half-done
    Internal,           ///< a bug: should never reach the user
};

/// Short lowercase name of a code ("not-found", ...), for logs and JSON output.
const char* errorCodeName(ErrorCode code);

/// A failure with enough context for the user to act on it: what input, where in it, and why.
struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;  ///< the reason, in plain words, without the location
    std::string source;   ///< file, path, flag or CRS string the error is about (may be empty)
    int64_t row = -1;     ///< 1-based row or feature number within source, -1 when not applicable
    std::string field;    ///< field or column name, empty when not applicable

    /// "source: row 12: field 'date': reason" with the absent parts left out.
    std::string describe() const;
};

/// Builds an Error about `source` in one expression.
Error makeError(ErrorCode code, std::string source, std::string message);

}  // namespace fp
