#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/io/incidents/incident_loader.h"
#include "ui/panel.h"

namespace fp {

/// Canonical incident field -> source column (IncidentLoadOptions::fieldMapping); "" leaves a field unread.
using FieldMapping = std::map<std::string, std::string>;

/// The key a field mapping is remembered under: for a file its absolute, normalised path; for a "PG:" source
/// the connection string without any password (scrubSecrets) followed by " table=" and `table`.
std::string fieldMappingKey(const std::string& source, const std::string& table = {});

/// What the field-mapping dialog is opened on.
struct FieldMappingRequest {
    std::string source;           ///< as given (a PG: source keeps its password: it is reloaded from this)
    std::string table;            ///< IncidentLoadOptions::table
    uint64_t replaceLayerId = 0;  ///< the loaded layer being remapped, 0 for a source that failed to load
    IncidentFormatInfo info;      ///< columns and the detected mapping (filled also when loading failed)
    std::string reason{};         ///< why the dialog opened (the load error), empty for "Map fields…"
    /// A mapping used before (remembered for the source): its fields whose columns still exist are pre-filled
    /// from it rather than from the detection.
    FieldMapping previous{};
    std::string dateFormat{};  ///< IncidentLoadOptions::dateFormat used before: "" inferred
    std::string encoding{};    ///< IncidentLoadOptions::encoding used before, kept on reload: "" detected
};

/// A window listing the source's columns with, for each canonical incident field (canonicalIncidentFields),
/// a combo to pick the column that holds it or none, pre-filled from the detected mapping. Apply emits
/// ReloadIncidents with every field's choice and waits for the result (closing on success, showing the error
/// otherwise); Cancel or the close button emits nothing. Stays on top of the other windows while open.
class FieldMappingDialog : public Panel {
public:
    FieldMappingDialog() { m_open = false; }
    const char* title() const override { return "Map incident fields"; }
    void draw(const UiContext& ctx, CommandList& out) override;

    /// Opens the dialog on `request` (replacing whatever it showed).
    void open(FieldMappingRequest request);
    /// Result of the ReloadIncidents the dialog emitted: closes it on success, shows `error` otherwise (with
    /// the columns of `info` when it has any).
    void applyFinished(bool ok, const std::string& error, const IncidentFormatInfo* info = nullptr);

    const FieldMappingRequest& request() const { return m_request; }
    /// The column chosen for each canonical field ("" for none), in canonicalIncidentFields order.
    FieldMapping mapping() const;
    /// Picks `column` ("" for none) for `field`, as the field's combo would; false for an unknown field or
    /// column.
    bool choose(const std::string& field, const std::string& column);
    bool waiting() const { return m_waiting; }
    const std::string& error() const { return m_error; }
    /// True when the mapping names a start column and a location (lon and lat, wkt, or the source's own point
    /// geometry): what loading needs at least.
    bool canApply() const;
    /// The date format chosen (IncidentLoadOptions::dateFormat): "" to infer it from each date column.
    std::string dateFormat() const;
    /// Picks one of the offered date formats ("", "day-first", "month-first", "iso", "unix", "unix-ms",
    /// "excel"); false for any other.
    bool chooseDateFormat(const std::string& format);

private:
    void prefill();
    /// draw's parts: the source and why the dialog opened; the field/column table; the buttons (false when
    /// Cancel was pressed).
    void drawHeader(const UiContext& ctx);
    void drawFieldTable(float scale);
    bool drawButtons(const UiContext& ctx, CommandList& out);
    void drawDateFormat();

    FieldMappingRequest m_request;
    std::vector<std::string> m_fields;  // canonical, in order
    std::vector<int> m_choice;          // per field: index into m_request.info.columns, -1 for none
    size_t m_dateFormat = 0;            // index into the offered date formats
    std::string m_error;
    bool m_waiting = false;
    bool m_appearing = false;
};

}  // namespace fp
