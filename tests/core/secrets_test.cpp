#include <gtest/gtest.h>

#include "core/util/error.h"
#include "core/util/log.h"
#include "core/util/secrets.h"

namespace fp {
namespace {

TEST(Secrets, ScrubRemovesPasswordsFromEveryConnectionSpelling) {
    EXPECT_EQ(scrubSecrets("PG:host=127.0.0.1 port=1 dbname=x user=fp password=Secret"),
              "PG:host=127.0.0.1 port=1 dbname=x user=fp");
    EXPECT_EQ(scrubSecrets("PG:\"host=db password='Se cret' dbname=x\""), "PG:\"host=db dbname=x\"");
    EXPECT_EQ(scrubSecrets("pg:host=db PASSWORD=Secret"), "pg:host=db");
    EXPECT_EQ(scrubSecrets("PG:postgresql://u:Secret@db:5432/x"), "PG:postgresql://u@db:5432/x");
    EXPECT_EQ(scrubSecrets("postgresql://fp:Secret@127.0.0.1:1/x"), "postgresql://fp@127.0.0.1:1/x");
    EXPECT_EQ(scrubSecrets("http://alice:pw@host/x.geojson: not found"),
              "http://alice@host/x.geojson: not found");
    EXPECT_EQ(scrubSecrets("'https://bob:pw@host/x' failed"), "'https://bob@host/x' failed");
}

TEST(Secrets, ScrubRemovesTokensAndKeysFromUrlQueries) {
    EXPECT_EQ(scrubSecrets("https://h/x.csv?token=abc123"), "https://h/x.csv?");
    EXPECT_EQ(scrubSecrets("https://h/x.csv?token=abc123&layer=2"), "https://h/x.csv?layer=2");
    EXPECT_EQ(scrubSecrets("https://h/x.csv?layer=2&access_token=abc123#top"), "https://h/x.csv?layer=2#top");
    EXPECT_EQ(scrubSecrets("/vsicurl/https://h/x?a=1&key=abc123&b=2 failed"),
              "/vsicurl/https://h/x?a=1&b=2 failed");
    EXPECT_EQ(scrubSecrets("?api_key=abc123&X-Amz-Signature=def456&page=3"), "?page=3");
    for (const char* s :
         {"x?token=abc123", "x?Access_Token=abc123", "x?apikey=abc123", "AWS_SECRET_ACCESS_KEY=abc123",
          "x?client_secret=abc123&y", "pwd=abc123", "http://u:abc123@h", "PGPASSWORD=abc123"})
        EXPECT_EQ(scrubSecrets(s).find("abc123"), std::string::npos) << s << " -> " << scrubSecrets(s);
}

TEST(Secrets, ScrubKeepsOrdinaryText) {
    for (const char* s : {"data/incidents.csv: row 3: field 'date': '2022-13-01' is not a date",
                          "user=analyst dbname=ops", "password authentication failed for user \"fp\"",
                          "https://example.org/a?layer=2&page=3", "monkeys = 3 but x=1", "C:/maps/roads.shp"})
        EXPECT_EQ(scrubSecrets(s), s) << s;
}

TEST(Secrets, DatabaseSourcesIncludeConnectionUris) {
    EXPECT_TRUE(isDatabaseSource("PG:dbname=x"));
    EXPECT_TRUE(isDatabaseSource("postgresql://fp:pw@h/x"));
    EXPECT_TRUE(isDatabaseSource("POSTGRES://h/x"));
    EXPECT_FALSE(isDatabaseSource("http://h/x.geojson"));
    EXPECT_FALSE(isDatabaseSource("postgresql.csv"));
    EXPECT_EQ(gdalDatabaseName("postgresql://h/x"), "PG:postgresql://h/x");
    EXPECT_EQ(gdalDatabaseName("PG:dbname=x"), "PG:dbname=x");
    EXPECT_EQ(gdalDatabaseName("a.csv"), "a.csv");
}

TEST(Secrets, NetworkSourcesAreUrlsAndGdalNetworkFileSystems) {
    for (const char* s :
         {"http://h/x.geojson", "HTTPS://h/x", "ftp://h/x", "s3://bucket/x", "/vsicurl/http://h/x",
          "/vsizip//vsicurl/https://h/x.zip/a.shp", "/vsis3/bucket/x.gpkg", "/VSIGS/b/x"})
        EXPECT_TRUE(isNetworkSource(s)) << s;
    for (const char* s : {"data/x.csv", "/vsizip/local.zip/a.shp", "file:///tmp/x.geojson", "PG:host=h",
                          "postgresql://h/x", "odd/http://name.csv"})
        EXPECT_FALSE(isNetworkSource(s)) << s;
}

TEST(Secrets, EveryErrorAndLogLineIsScrubbed) {
    Error e = makeError(ErrorCode::IoError, "PG:host=db password=Secret", "cannot open: password=Secret");
    EXPECT_EQ(e.describe().find("Secret"), std::string::npos) << e.describe();
    std::string seen;
    const int sink = Log::instance().addSink([&](const LogEntry& entry) { seen += entry.message; });
    logWarning("reading postgresql://fp:Secret@h/x: row 2: bad date");
    Log::instance().removeSink(sink);
    EXPECT_EQ(seen, "reading postgresql://fp@h/x: row 2: bad date");
    for (const auto& entry : Log::instance().entries())
        EXPECT_EQ(entry.message.find("Secret"), std::string::npos) << entry.message;
}

}  // namespace
}  // namespace fp
