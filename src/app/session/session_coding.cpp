// The Session's command for incidents coded from an article (File > Code incidents from text…): the accepted
// proposals join an incident layer, a new in-memory one or one the user picked, as one undo step.
#include "app/session/session.h"
#include "core/util/log.h"

namespace fp {

Status Session::on(const AddCodedIncidents& add) {
    if (add.incidents.empty())
        return makeError(ErrorCode::InvalidArgument, "coded incidents", "no incident was accepted");
    if (add.layerId != 0 && !m_state.scene().findIncidentLayer(add.layerId))
        return makeError(ErrorCode::NotFound, "incident layer " + std::to_string(add.layerId),
                         "the layer no longer exists");
    // Into a layer of the user's own (saved with the project) or the picked one, through the same edit as an
    // incident added by hand: provenance stamped, the layer marked unsaved, a read-only source refused.
    const uint64_t layerId =
        add.layerId != 0 ? add.layerId
                         : m_state.newIncidentLayer(add.newLayerName.empty() ? std::string("Coded incidents")
                                                                             : add.newLayerName);
    for (const Incident& incident : add.incidents)
        if (auto at = m_state.addIncident(layerId, incident); !at) return at.error();
    const size_t n = add.incidents.size();
    logInfo("Added " + std::to_string(n) + (n == 1 ? " coded incident to " : " coded incidents to ") +
            m_state.scene().findIncidentLayer(layerId)->name);
    if (add.layerId == 0) showNewestIncidents();
    return {};
}

}  // namespace fp
