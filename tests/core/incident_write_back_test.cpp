#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/io/gdal_env.h"
#include "core/io/gdal_handles.h"
#include "core/io/incidents/incident_write_back.h"
#include "incident_test_util.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeText(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

class WriteBack : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("fp-write-back-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    /// Loads `source` as a layer would: the request to save it with no edits yet.
    static IncidentSaveRequest loaded(const std::string& source) {
        LoadReport report;
        IncidentFormatInfo info;
        auto store = loadIncidents(source, {}, report, &info);
        EXPECT_TRUE(store.ok()) << (store ? "" : store.error().describe());
        IncidentSaveRequest r;
        r.source = source;
        r.format = info.format;
        r.saved = std::make_shared<const IncidentStore>(std::move(store).value());
        r.edited = r.saved;
        return r;
    }
    /// The usual edits: "b" retitled and moved, "c" deleted, "n" added with the sentence it came from.
    static void edit(IncidentSaveRequest& r) {
        IncidentStore s = *r.edited;
        const size_t b = test::findId(s, "b");
        Incident inc = s.get(b);
        inc.title = "Barricade, Jarinje";
        inc.location = {20.75, 43.15};
        inc.fatalities = 1;
        s = s.withReplaced(b, inc);
        s = s.withRemoved(test::findId(s, "c"));
        Incident added;
        added.id = "n";
        added.title = "Shots near Strpce";
        added.category = "Shooting";
        added.start = test::utc(2023, 1, 6);
        added.location = {21.0, 42.24};
        added.locationPrecision = LocationPrecision::Near;
        added.provenance = {"2026-12-07T00:00:00Z", "2026-12-07T00:00:00Z", "ana", "Shots were fired."};
        s = s.withAdded(added);
        r.edited = std::make_shared<const IncidentStore>(std::move(s));
    }
    static IncidentStore reread(const std::string& source) {
        LoadReport report;
        auto store = loadIncidents(source, {}, report, nullptr);
        EXPECT_TRUE(store.ok()) << (store ? "" : store.error().describe());
        return store ? std::move(store).value() : IncidentStore();
    }
    static void expectEdited(const IncidentStore& s) {
        ASSERT_EQ(s.size(), 3u);
        const Incident b = s.get(test::findId(s, "b"));
        EXPECT_EQ(b.title, "Barricade, Jarinje");
        EXPECT_NEAR(b.location.lon, 20.75, 1e-6);
        EXPECT_EQ(b.fatalities, 1);
        EXPECT_EQ(test::findId(s, "c"), s.size());
        const Incident n = s.get(test::findId(s, "n"));
        EXPECT_EQ(n.provenance.sentence, "Shots were fired.");
        EXPECT_EQ(n.provenance.by, "ana");
        EXPECT_EQ(n.locationPrecision, LocationPrecision::Near);
        EXPECT_EQ(n.category, "Shooting");
    }
    fs::path m_dir;
};

const char* kCsv =
    "event_id,date,headline,type,lon,lat,analyst_note\n"
    "a,2022-12-10,Roadblock,Roadblock,20.80,43.10,\"keep, this\"\n"
    "b,2022-12-11,Barricade,Roadblock,20.70,43.20,second\n"
    "bad,not a date,Broken,Protest,20.0,43.0,stays\n"
    "c,2022-12-12,Arrest,Arrest,20.90,42.90,third\n";

TEST_F(WriteBack, CsvKeepsUntouchedRowsColumnsAndRejectedRows) {
    writeText(path("in.csv"), kCsv);
    IncidentSaveRequest r = loaded(path("in.csv"));
    edit(r);
    auto saved = saveIncidents(r);
    ASSERT_TRUE(saved.ok()) << saved.error().describe();
    EXPECT_EQ(saved->describe(), "1 changed, 1 added, 1 removed; 4 rows");
    const std::string text = readText(path("in.csv"));
    // Header and untouched rows byte for byte (an empty value for each new column); the edited row keeps
    // its unread column; a rejected row stays as it was; LF line ends stay LF.
    EXPECT_EQ(text.substr(0, text.find('\n')),
              "event_id,date,headline,type,lon,lat,analyst_note,time_precision,"
              "location_precision,fatalities,created,modified,coded_by,sentence");
    EXPECT_NE(text.find("\na,2022-12-10,Roadblock,Roadblock,20.80,43.10,\"keep, this\",,,,,,,\n"),
              std::string::npos);
    EXPECT_NE(
        text.find("\nb,2022-12-11,\"Barricade, Jarinje\",Roadblock,20.750000,43.150000,second,,,1,,,,\n"),
        std::string::npos)
        << text;
    EXPECT_EQ(text.find('\r'), std::string::npos) << text;
    EXPECT_NE(text.find("\nbad,not a date,Broken,Protest,20.0,43.0,stays\n"), std::string::npos);
    EXPECT_EQ(text.find("third"), std::string::npos);
    expectEdited(*saved->store);
    EXPECT_EQ(saved->store->size(), reread(path("in.csv")).size());
}

/// Retitles incident `id` of `r` to `title`.
void retitle(IncidentSaveRequest& r, const std::string& id, const std::string& title) {
    IncidentStore s = *r.edited;
    const size_t i = test::findId(s, id);
    Incident inc = s.get(i);
    inc.title = title;
    r.edited = std::make_shared<const IncidentStore>(s.withReplaced(i, inc));
}

TEST_F(WriteBack, CsvKeepsItsDialectBomCrlfSemicolonsAndQuoting) {
    const std::string head =
        "\xEF\xBB\xBF\"id\";\"date\";\"title\";\"category\";\"lon\";\"lat\";\"note\"\r\n";
    const std::string a = "\"a\";\"2022-12-10\";\"Roadblock\";\"Roadblock\";\"20.80\";\"43.10\";\"\"\r\n";
    const std::string b = "\"b\";\"2022-12-11\";\"Barricade\";\"Roadblock\";\"20.70\";\"43.20\";\"x;y\"\r\n";
    const std::string c = "\"c\";\"2022-12-12\";\"Arrest\";\"Arrest\";\"20.90\";\"42.90\";\"z\"\r\n";
    writeText(path("in.csv"), head + a + b + c);
    IncidentSaveRequest r = loaded(path("in.csv"));
    edit(r);
    auto saved = saveIncidents(r);
    ASSERT_TRUE(saved.ok()) << saved.error().describe();
    const std::string text = readText(path("in.csv"));
    // BOM, header (new columns quoted like the others), untouched row widened with quoted empties only.
    const std::string extra = ";\"\";\"\";\"\";\"\";\"\";\"\";\"\"";
    const std::string newHead = head.substr(0, head.size() - 2) +
                                ";\"time_precision\";\"location_precision\";\"fatalities\";\"created\";"
                                "\"modified\";\"coded_by\";\"sentence\"\r\n";
    EXPECT_EQ(text.substr(0, newHead.size()), newHead) << text;
    const std::string keptA = a.substr(0, a.size() - 2) + extra + "\r\n";
    EXPECT_EQ(text.substr(newHead.size(), keptA.size()), keptA) << text;
    // The edited row and the added one in the file's style: every value quoted, ';', CRLF.
    EXPECT_NE(text.find("\r\n\"b\";\"2022-12-11\";\"Barricade, Jarinje\";\"Roadblock\";\"20.750000\";"
                        "\"43.150000\";\"x;y\";\"\";\"\";\"1\";\"\";\"\";\"\";\"\"\r\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("\"Shots were fired.\"\r\n"), std::string::npos) << text;
    EXPECT_EQ(text.size() - text.rfind("\r\n"), 2u) << "ends with CRLF as before";
    EXPECT_EQ(text.find("Arrest"), std::string::npos);
    expectEdited(*saved->store);
}

TEST_F(WriteBack, CsvKeepsWindows1252AndTheMissingLastLineEnd) {
    // "Štrpce" and "Priština" in Windows-1252 (0x8A, 0xB9... as one byte each), no line end after the last
    // row.
    const std::string head = "id\tdate\ttitle\tplace\tlon\tlat\n";
    const std::string a = "a\t2022-12-10\tShots\t\x8Atrpce\t21.07\t42.24\n";
    const std::string b = "b\t2022-12-11\tVisit\tPri\x9Atina\t21.16\t42.66";
    writeText(path("in.tsv.csv"), head + a + b);
    IncidentSaveRequest r = loaded(path("in.tsv.csv"));
    retitle(r, "b", "Caf\xC3\xA9 visit");  // UTF-8 in Flashpoint
    auto saved = saveIncidents(r);
    ASSERT_TRUE(saved.ok()) << saved.error().describe();
    // Byte for byte but the edited value, which is in Windows-1252 too; tabs; still no last line end.
    const std::string text = readText(path("in.tsv.csv"));
    EXPECT_EQ(text, head + a + "b\t2022-12-11\tCaf\xE9 visit\tPri\x9Atina\t21.16\t42.66");
    EXPECT_EQ(saved->store->get(test::findId(*saved->store, "b")).title, "Caf\xC3\xA9 visit");
    EXPECT_EQ(saved->store->get(test::findId(*saved->store, "a")).placeName, "\xC5\xA0trpce");

    // A value the encoding has no character for is refused, naming the row; the file stays as it was.
    IncidentSaveRequest again = loaded(path("in.tsv.csv"));
    retitle(again, "a", "\xD0\xA8\xD1\x82\xD1\x80\xD0\xBF\xD1\x86\xD0\xB5");  // Штрпце
    auto refused = saveIncidents(again);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().describe().find("line 2: a value cannot be written in the file's encoding "
                                              "WINDOWS-1252"),
              std::string::npos)
        << refused.error().describe();
    EXPECT_EQ(readText(path("in.tsv.csv")), text);
}

TEST_F(WriteBack, CsvInUtf16KeepsItsEncodingAndQuotesTextOnlyLikeTheFile) {
    // Text quoted, numbers not (a spreadsheet's "quote text" export), as UTF-16LE with its byte-order mark.
    const std::string utf8 =
        "\"id\",\"date\",\"title\",\"modified\",\"lon\",\"lat\"\r\n"
        "\"a\",\"2022-12-10\",\"Roadblock\",,20.8,43.1\r\n"
        "\"b\",\"2022-12-11\",\"Barricade\",,20.7,43.2\r\n";
    std::string utf16 = "\xFF\xFE";
    for (char ch : utf8) utf16 += std::string{ch, '\0'};
    writeText(path("in.csv"), utf16);
    IncidentSaveRequest r = loaded(path("in.csv"));
    retitle(r, "b", "Barricade 2");
    auto saved = saveIncidents(r);
    ASSERT_TRUE(saved.ok()) << saved.error().describe();
    const std::string text = readText(path("in.csv"));
    ASSERT_GE(text.size(), 2u);
    EXPECT_EQ(text.substr(0, 2), "\xFF\xFE");
    std::string back;
    for (size_t i = 2; i + 1 < text.size(); i += 2) {
        ASSERT_EQ(text[i + 1], '\0') << "UTF-16LE";
        back += text[i];
    }
    std::string expected = utf8;
    expected.replace(expected.find("Barricade"), 9, "Barricade 2");
    EXPECT_EQ(back, expected);
}

TEST_F(WriteBack, ASourceChangedSinceLoadingIsNotWritten) {
    writeText(path("in.csv"), kCsv);
    IncidentSaveRequest r = loaded(path("in.csv"));
    edit(r);
    const std::string changed = std::string(kCsv) + "d,2022-12-13,Later,Protest,20.5,43.0,new\n";
    writeText(path("in.csv"), changed);
    auto saved = saveIncidents(r);
    ASSERT_FALSE(saved.ok());
    EXPECT_EQ(saved.error().describe(),
              path("in.csv") +
                  ": changed since it was loaded: 3 rows were loaded then, 4 now; nothing was written "
                  "(Save as a new file instead)");
    EXPECT_EQ(readText(path("in.csv")), changed);
}

TEST_F(WriteBack, GeoJsonKeepsOtherMembersAndNumbers) {
    nlohmann::json doc = {
        {"type", "FeatureCollection"}, {"name", "coded"}, {"features", nlohmann::json::array()}};
    const char* ids[] = {"a", "b", "c"};
    for (int k = 0; k < 3; ++k)
        doc["features"].push_back(
            {{"type", "Feature"},
             {"properties",
              {{"id", ids[k]},
               {"title", std::string("T") + ids[k]},
               {"category", "Protest"},
               {"start", "2022-12-1" + std::to_string(k)},
               {"score", 3.5 + k},
               {"meta", {{"k", k}}}}},
             {"geometry", {{"type", "Point"}, {"coordinates", {20.5 + 0.1 * k, 43.0}}}}});
    writeText(path("in.geojson"), doc.dump(2));
    IncidentSaveRequest r = loaded(path("in.geojson"));
    edit(r);
    auto saved = saveIncidents(r);
    ASSERT_TRUE(saved.ok()) << saved.error().describe();
    const nlohmann::json out = nlohmann::json::parse(readText(path("in.geojson")));
    EXPECT_EQ(out["name"], "coded");
    ASSERT_EQ(out["features"].size(), 3u);
    EXPECT_EQ(out["features"][0]["properties"]["meta"]["k"], 0);
    EXPECT_EQ(out["features"][0]["properties"]["score"], 3.5);
    EXPECT_EQ(out["features"][1]["properties"]["score"], 4.5);
    EXPECT_EQ(out["features"][1]["properties"]["title"], "Barricade, Jarinje");
    EXPECT_EQ(out["features"][1]["geometry"]["coordinates"][0], 20.75);
    EXPECT_EQ(out["features"][2]["properties"]["sentence"], "Shots were fired.");
    expectEdited(*saved->store);
}

TEST_F(WriteBack, GeoJsonKeepsUntouchedFeaturesAndLayoutByteForByte) {
    // As GDAL writes it: a feature per line, members in its order, numbers as written.
    const std::string head =
        "{\n\"type\": \"FeatureCollection\",\n\"name\": \"coded\",\n"
        "\"crs\": { \"type\": \"name\", \"properties\": { \"name\": \"urn:ogc:def:crs:OGC:1.3:CRS84\" } },\n"
        "\"features\": [\n";
    const auto feature = [](const char* id, const char* day, const char* lon) {
        return std::string("{ \"type\": \"Feature\", \"properties\": { \"id\": \"") + id +
               "\", \"title\": \"T\", \"start\": \"2022-12-" + day +
               "\", \"score\": 3.50 }, \"geometry\": { \"type\": \"Point\", \"coordinates\": [ " + lon +
               ", 43.0 ] } }";
    };
    const std::string a = feature("a", "10", "20.50"), b = feature("b", "11", "20.60"),
                      c = feature("c", "12", "20.70");
    writeText(path("in.geojson"), head + a + ",\n" + b + ",\n" + c + "\n]\n}\n");
    IncidentSaveRequest r = loaded(path("in.geojson"));
    edit(r);
    auto saved = saveIncidents(r);
    ASSERT_TRUE(saved.ok()) << saved.error().describe();
    const std::string text = readText(path("in.geojson"));
    EXPECT_EQ(text.substr(0, head.size() + a.size() + 2), head + a + ",\n") << text;
    // The edited feature on one line with its members in their order; the added one after it; "c" gone.
    const std::string editedB =
        "{\"type\":\"Feature\",\"properties\":{\"id\":\"b\",\"title\":\"Barricade, Jarinje\",\"start\":"
        "\"2022-12-11\",\"score\":3.5,\"fatalities\":1},\"geometry\":{\"type\":\"Point\",\"coordinates\":"
        "[20.75,43.15]}},\n{\"type\":\"Feature\",\"properties\":{\"id\":\"n\"";
    EXPECT_EQ(text.substr(head.size() + a.size() + 2, editedB.size()), editedB) << text;
    EXPECT_EQ(text.substr(text.size() - 6), "}\n]\n}\n") << text;
    EXPECT_EQ(text.find("\"c\""), std::string::npos);
    expectEdited(*saved->store);
}

/// A GeoPackage with an integer column Flashpoint does not read and a second layer.
void makeGpkg(const std::string& file) {
    initGdal();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    gdal::DatasetPtr ds(driver->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OGRSpatialReference wgs;
    wgs.importFromEPSG(4326);
    wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayer* layer = ds->CreateLayer("events", &wgs, wkbPoint, nullptr);
    for (const char* name : {"id", "title", "category", "start"}) {
        OGRFieldDefn f(name, OFTString);
        layer->CreateField(&f);
    }
    OGRFieldDefn priority("priority", OFTInteger);
    layer->CreateField(&priority);
    const char* ids[] = {"a", "b", "c"};
    for (int k = 0; k < 3; ++k) {
        gdal::FeaturePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        f->SetField("id", ids[k]);
        f->SetField("title", (std::string("T") + ids[k]).c_str());
        f->SetField("category", "Protest");
        f->SetField("start", ("2022-12-1" + std::to_string(k)).c_str());
        f->SetField("priority", 10 + k);
        f->SetGeometryDirectly(new OGRPoint(20.5 + 0.1 * k, 43.0));
        layer->CreateFeature(f.get());
    }
    ds->CreateLayer("other", &wgs, wkbPoint, nullptr);
}

TEST_F(WriteBack, GeoPackageUpdatesInPlaceKeepingTypesAndLayers) {
    makeGpkg(path("in.gpkg"));
    IncidentSaveRequest r = loaded(path("in.gpkg"));
    edit(r);
    auto saved = saveIncidents(r);
    ASSERT_TRUE(saved.ok()) << saved.error().describe();
    expectEdited(*saved->store);
    gdal::DatasetPtr ds(GDALDataset::Open(path("in.gpkg").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(ds);
    EXPECT_NE(ds->GetLayerByName("other"), nullptr);
    OGRLayer* layer = ds->GetLayerByName("events");
    const int priority = layer->GetLayerDefn()->GetFieldIndex("priority");
    EXPECT_EQ(layer->GetLayerDefn()->GetFieldDefn(priority)->GetType(), OFTInteger);
    EXPECT_EQ(layer->GetFeatureCount(), 3);
    gdal::FeaturePtr a(layer->GetFeature(1));
    EXPECT_EQ(a->GetFieldAsInteger(priority), 10);
    gdal::FeaturePtr b(layer->GetFeature(2));
    EXPECT_EQ(b->GetFieldAsInteger(priority), 11);
    EXPECT_STREQ(b->GetFieldAsString("title"), "Barricade, Jarinje");
    EXPECT_EQ(gdal::FeaturePtr(layer->GetFeature(3)), nullptr);
}

/// updateGdalLayer on makeGpkg's "events" layer in `file`.
Status updateEvents(const std::string& file, const std::vector<std::string>& newColumns,
                    const std::vector<incident_io::FeatureChange>& changes) {
    return incident_io::updateGdalLayer({file, file, "GPKG", "events"}, newColumns, changes, {});
}

TEST_F(WriteBack, AFailingGeoPackageUpdateLeavesTheFileAsItWas) {
    makeGpkg(path("in.gpkg"));
    const std::string before = readText(path("in.gpkg"));
    incident_io::FeatureChange good{1, 1, {{"title", "changed"}}, std::nullopt};
    incident_io::FeatureChange bad{9, 9, {{"title", "no such row"}}, std::nullopt};
    const Status s = updateEvents(path("in.gpkg"), {"sentence"}, {good, bad});
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().describe(), path("in.gpkg") +
                                        ": cannot read row 9 (changed while saving?): GDAL gave no reason; "
                                        "nothing was changed");
    const IncidentStore after = reread(path("in.gpkg"));
    EXPECT_EQ(after.get(test::findId(after, "a")).title, "Ta");
    gdal::DatasetPtr ds(GDALDataset::Open(path("in.gpkg").c_str(), GDAL_OF_VECTOR));
    EXPECT_LT(ds->GetLayerByName("events")->GetLayerDefn()->GetFieldIndex("sentence"), 0);
}

TEST_F(WriteBack, AColumnGoneFromTheGeoPackageFailsTheSaveAndChangesNothing) {
    // The edit of a column dropped since loading was skipped and the rest written, said nowhere.
    makeGpkg(path("in.gpkg"));
    incident_io::FeatureChange change{1, 1, {{"title", "changed"}, {"notes", "lost?"}}, std::nullopt};
    const Status s = updateEvents(path("in.gpkg"), {}, {change});
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().describe(), path("in.gpkg") +
                                        ": has no column 'notes' to write row 1's change into; nothing was "
                                        "changed");
    const IncidentStore after = reread(path("in.gpkg"));
    EXPECT_EQ(after.get(test::findId(after, "a")).title, "Ta");
}

TEST_F(WriteBack, SaveAsWritesANewGeoPackageAndRefusesToReplaceWithoutLeave) {
    writeText(path("in.csv"), kCsv);
    IncidentSaveRequest r = loaded(path("in.csv"));
    edit(r);
    r.output = path("mine.gpkg");
    auto saved = saveIncidents(r);
    ASSERT_TRUE(saved.ok()) << saved.error().describe();
    expectEdited(*saved->store);
    EXPECT_EQ(readText(path("in.csv")), kCsv);
    auto again = saveIncidents(r);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().describe(),
              path("mine.gpkg") + ": already exists; it is not replaced without confirmation");
    r.replaceExisting = true;
    EXPECT_TRUE(saveIncidents(r).ok());
}

TEST_F(WriteBack, ReadOnlySourcesAndOtherLineagesAreRefused) {
    EXPECT_EQ(writeBackProblem("PG:dbname=x", {}, "PostgreSQL"),
              "name the table to write back to (incidents read without one cannot be written back)");
    IncidentLoadOptions table;
    table.table = "coded";
    EXPECT_EQ(writeBackProblem("PG:dbname=x", table, "PostgreSQL"), "");
    IncidentLoadOptions query;
    query.sql = "SELECT * FROM coded";
    EXPECT_EQ(writeBackProblem("PG:dbname=x", query, "PostgreSQL"),
              "incidents read by an SQL query cannot be written back");
    EXPECT_EQ(writeBackProblem("/x/events.tsv", {}, "gdelt"), "a GDELT export is read-only");
    EXPECT_EQ(writeBackProblem("/x/a.shp", {}, "ESRI Shapefile"),
              "only GeoPackage, CSV, GeoJSON and PostGIS sources are written back");
    EXPECT_EQ(writeBackProblem("/x/a.gpkg", {}, "GPKG"), "");
    writeText(path("in.csv"), kCsv);
    IncidentSaveRequest r = loaded(path("in.csv"));
    r.saved = loaded(path("in.csv")).saved;  // read again: another lineage than r.edited
    auto saved = saveIncidents(r);
    ASSERT_FALSE(saved.ok());
    EXPECT_EQ(readText(path("in.csv")), kCsv);
}

}  // namespace
}  // namespace fp
