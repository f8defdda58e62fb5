#include "core/io/incidents/gdal_date_survey.h"

#include <ogrsf_frmts.h>

#include "core/io/incidents/gdal_field_text.h"

namespace fp::incident_io {

Result<std::vector<DateReading>> planGdalDates(OGRLayer& layer,
                                               const std::vector<std::pair<int, std::string>>& columns,
                                               int yearColumn, const IncidentLoadOptions& options,
                                               const std::string& source, IncidentFormatInfo& info) {
    auto chosen = parseDateFormatOption(options.dateFormat);
    if (!chosen) return makeError(ErrorCode::InvalidArgument, source, chosen.error().message);
    DatePlanner planner(columns, yearColumn);
    if (!chosen.value() && !planner.empty()) {
        OGRFeatureDefn* defn = layer.GetLayerDefn();
        std::vector<int> wanted;
        for (const auto& [index, name] : columns) wanted.push_back(index);
        if (yearColumn >= 0) wanted.push_back(yearColumn);
        std::vector<std::string> row(static_cast<size_t>(defn->GetFieldCount()));
        layer.ResetReading();
        bool more = true;
        while (planner.wantsMore()) {
            OGRFeatureUniquePtr f(layer.GetNextFeature());
            if (!(more = f != nullptr)) break;
            for (int i : wanted)
                if (i < defn->GetFieldCount())
                    fieldText(row[static_cast<size_t>(i)], *f, i, defn->GetFieldDefn(i)->GetType());
            planner.add(row);
        }
        layer.ResetReading();
        if (!more && planner.noValues()) {
            return makeError(ErrorCode::UnsupportedFormat, source,
                             "is not an incident source: its date columns (" + planner.names() +
                                 ") are empty in every feature");
        }
    }
    return planner.finish(chosen.value(), info.dateFormats);
}

}  // namespace fp::incident_io
