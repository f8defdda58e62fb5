#include "core/util/error.h"

#include "core/util/secrets.h"

namespace fp {

const char* errorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::NotFound:
            return "not-found";
        case ErrorCode::IsDirectory:
            return "is-directory";
        case ErrorCode::PermissionDenied:
            return "permission-denied";
        case ErrorCode::UnsupportedFormat:
            return "unsupported-format";
        case ErrorCode::MissingSidecar:
            return "missing-sidecar";
        case ErrorCode::EmptyLayer:
            return "empty-layer";
        case ErrorCode::InvalidGeometry:
            return "invalid-geometry";
        case ErrorCode::InvalidCrs:
            return "invalid-crs";
        case ErrorCode::ProjectionFailed:
            return "projection-failed";
        case ErrorCode::InvalidArgument:
            return "invalid-argument";
        case ErrorCode::IoError:
            return "io-error";
        case ErrorCode::GraphicsError:
            return "graphics-error";
        case ErrorCode::Cancelled:
            return "cancelled";
        case ErrorCode::Internal:
            return "internal";
    }
    return "unknown";
}

std::string Error::describe() const {
    std::string out;
    if (!source.empty()) out += source + ": ";
    if (row >= 0) out += "row " + std::to_string(row) + ": ";
    if (!field.empty()) out += "field '" + field + "': ";
    out += message;
    // Every message shown to the user passes here: no password or token may reach it from any source.
    return scrubSecrets(out);
}

Error makeError(ErrorCode code, std::string source, std::string message) {
    Error e;
    e.code = code;
    e.source = std::move(source);
    e.message = std::move(message);
    return e;
}

}  // namespace fp
