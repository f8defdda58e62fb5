// The Session's command for incidents coded from an article (File > Code incidents from text…): the accepted
// proposals join an incident layer, a new in-memory one or one the user picked, as one undo step.
#include "app/session/session.h"
#include "core/util/log.h"

namespace fp {

Status Session::on(const AddCodedIncidents& add) {
    if (add.incidents.empty())
        return makeError(ErrorCode::InvalidArgument, "coded incidents", "no incident was accepted");
    // The store is immutable and shared with undo snapshots: a new one is built with the layer's incidents
    // and the added ones, in the normal column store (sorted by start time).
    IncidentStoreBuilder builder;
    const IncidentLayer* target = nullptr;
    if (add.layerId != 0) {
        target = m_state.scene().findIncidentLayer(add.layerId);
        if (!target)
            return makeError(ErrorCode::NotFound, "incident layer " + std::to_string(add.layerId),
                             "the layer no longer exists");
        if (target->data) {
            builder.reserve(target->data->size() + add.incidents.size());
            for (size_t i = 0; i < target->data->size(); ++i) builder.append(target->data->get(i));
        }
    }
    for (const Incident& incident : add.incidents) builder.append(incident);
    auto store = std::make_shared<const IncidentStore>(builder.build());
    const size_t n = add.incidents.size();
    const std::string what = std::to_string(n) + (n == 1 ? " coded incident" : " coded incidents");
    if (target) {
        const std::string name = target->name;
        if (Status s = m_state.setIncidentLayerData(add.layerId, std::move(store)); !s) return s;
        logInfo("Added " + what + " to " + name);
        return {};
    }
    const std::string name = add.newLayerName.empty() ? std::string("Coded incidents") : add.newLayerName;
    m_state.addIncidentLayer(std::move(store), name);
    logInfo("Added " + what + " to a new layer " + name);
    showNewestIncidents();
    return {};
}

}  // namespace fp
