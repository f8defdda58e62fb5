#pragma once

#include <string>
#include <string_view>

#include "core/util/result.h"

namespace fp {

/// `text` with every secret removed, the one rule for anything that prints or saves a source:
/// - `key=value` pairs whose key names a secret (ends in password, passwd, token, secret, key, signature,
///   credential(s); or is pwd, sig, auth), in any case, with spaces around `=`, quoted ('...' or "...") or
///   not: libpq conninfo ("PG:... password=x", "PGPASSWORD=x"), URL query parameters ("?token=x&a=1" reads
///   "?a=1"), GDAL open options; the whole pair goes;
/// - the password of "scheme://user:password@host" URIs (postgresql://, http://, PG:postgresql://...).
/// Everything else is kept. Error::describe() and every log line pass through it. Taking too much only
/// shortens a message; too little would leak, so an unquoted
/// value runs to the next white space (or `&`/`#` in a URL query).
std::string scrubSecrets(std::string_view text);

/// True when `source` is a PostgreSQL/PostGIS connection rather than a file: "PG:..." (any case, as GDAL
/// reads it) or a "postgresql://" / "postgres://" URI.
bool isDatabaseSource(std::string_view source);

/// `source` as GDAL opens it: a bare "postgresql://" URI gets GDAL's "PG:" prefix; anything else unchanged.
std::string gdalDatabaseName(std::string_view source);

/// True when opening `source` would make a network request: a URL (http://, https://, ftp://, s3://, ...)
/// or a GDAL network file system path (/vsicurl/, /vsis3/, /vsigs/, /vsiaz/, /vsiadls/, /vsioss/,
/// /vsiswift/, /vsihdfs/, /vsiwebhdfs/, also chained as /vsizip//vsicurl/...). Databases are not counted.
bool isNetworkSource(std::string_view source);

/// Whether sources named by a file (a project's layers and incident sources) may be read over the network.
/// Off unless the user opts in: --allow-network, or FLASHPOINT_ALLOW_NETWORK=1 in the environment.
bool networkAllowed();
void setNetworkAllowed(bool allowed);

/// InvalidArgument naming `source` (without secrets) when it is a network source (isNetworkSource) and
/// networkAllowed() is off: a file someone sent must not make the app send requests on its own.
Status checkNetworkAllowed(const std::string& source);

}  // namespace fp
