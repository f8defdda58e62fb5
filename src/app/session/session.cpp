#include "app/session/session.h"

#include <algorithm>

namespace fp {

namespace {

/// The export settings as an undoable part, beside MapState::Part's bits.
constexpr unsigned kExportSettingsPart = 1u << 16;

/// The layer a command is about; 0 when it is about none.
uint64_t changedLayer(const Command& command) {
    return std::visit(
        [](const auto& c) -> uint64_t {
            if constexpr (requires { c.layerId; })
                return c.layerId;
            else if constexpr (requires { c.incident.layerId; })
                return c.incident.layerId;
            else
                return 0;
        },
        command);
}

/// True when the parts `entry` records differ between its before and after.
bool changedAnything(const UndoEntry& entry) {
    const MapScene &a = entry.before.scene, &b = entry.after.scene;
    const auto sameLayers = [](const auto& x, const auto& y) {
        return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const auto& l, const auto& r) {
            return l.id == r.id && l.data == r.data && l.style == r.style && l.name == r.name;
        });
    };
    using P = MapState::Part;
    const unsigned p = entry.parts;
    return ((p & P::Layers) && !sameLayers(a.layers, b.layers)) ||
           ((p & P::IncidentLayers) &&
            (!sameLayers(a.incidentLayers, b.incidentLayers) ||
             entry.before.geocodeReviews.generation() != entry.after.geocodeReviews.generation())) ||
           ((p & P::Crs) && !(a.crs == b.crs)) ||
           ((p & P::Time) && !(entry.before.time == entry.after.time)) ||
           ((p & P::Playback) && !(entry.before.playback == entry.after.playback)) ||
           ((p & P::PlaceLabels) && !(a.placeLabels == b.placeLabels)) ||
           ((p & kExportSettingsPart) && !(entry.exportBefore == entry.exportAfter));
}

}  // namespace

Session::Session(LoadedProject project)
    : m_state(std::move(project.state)),
      m_homeView(project.view),
      m_projectBackground(m_state.scene().background) {
    m_project.adopt(project);
}

Session::Session(MapState state)
    : m_state(std::move(state)), m_projectBackground(m_state.scene().background) {
    m_project.startUntitled();
    m_homeView = currentProjectView(m_state);
}

Status Session::apply(const Command& command) {
    const bool undoable = changesProject(command);
    std::optional<MapState::Snapshot> before;
    if (undoable) before = m_state.snapshot();
    const ExportSettings exportBefore = m_project.exportSettings();
    const std::string name = undoable ? changeName(command, m_state) : std::string();
    const Status status = std::visit([this](const auto& c) { return on(c); }, command);
    // A command that fails leaves the project as it was, even if its handler got part of the way (several
    // incidents added, then one refused).
    if (!status.ok() && undoable) m_state.restore(*before, changedParts(command));
    if (status.ok() && undoable) {
        UndoEntry entry;
        entry.name = name;
        entry.parts = changedParts(command);
        entry.before = std::move(*before);
        entry.after = m_state.snapshot();
        entry.exportBefore = exportBefore;
        entry.exportAfter = m_project.exportSettings();
        // A slider or a drag sends the same kind of change for the same thing frame after frame.
        entry.mergeKey = name + "/" + std::to_string(changedLayer(command));
        // Adding or deleting twice in a row is two steps, however fast.
        if (std::holds_alternative<AddIncident>(command) || std::holds_alternative<DeleteIncident>(command))
            entry.mergeKey.clear();
        entry.frame = m_frame;
        // A change to what already was (the same style set again) is no step.
        if (changedAnything(entry)) {
            m_history.record(std::move(entry));
            ++m_changes;
        } else {
            m_history.extend(entry.mergeKey, m_frame);
        }
    }
    m_project.setDirty(m_history.dirty());
    return status;
}

ProjectDocument Session::projectDocument() const {
    ProjectDocument doc = projectFromState(m_state, m_project.name(), m_project.exportSettings());
    doc.background = m_projectBackground;
    return doc;
}

void Session::restore(const UndoEntry& entry, bool after) {
    ++m_changes;
    m_state.restore(after ? entry.after : entry.before, entry.parts);
    if (entry.parts & kExportSettingsPart)
        m_project.exportSettings() = after ? entry.exportAfter : entry.exportBefore;
}

Status Session::on(const Undo&) {
    if (const UndoEntry* entry = m_history.undo()) restore(*entry, false);
    return {};
}

Status Session::on(const Redo&) {
    if (const UndoEntry* entry = m_history.redo()) restore(*entry, true);
    return {};
}

ProjectInfo Session::projectInfo(const std::vector<std::string>& recent) const {
    ProjectInfo info = m_project.info(recent);
    info.dirty = dirty();
    info.undoName = m_history.undoName();
    info.redoName = m_history.redoName();
    return info;
}

namespace {

/// `covered` on a viewport of `view`'s size, without insets that would leave (almost) nothing uncovered
/// along their axis: the whole viewport is used along it instead.
CoveredInsets usableInsets(const CoveredInsets& covered, const MapView& view) {
    CoveredInsets c = covered;
    const auto tooMuch = [](int a, int b, int size) {
        return a < 0 || b < 0 || size - a - b < std::max(100, size / 8);
    };
    if (tooMuch(c.left, c.right, view.widthPx)) c.left = c.right = 0;
    if (tooMuch(c.top, c.bottom, view.heightPx)) c.top = c.bottom = 0;
    return c;
}

}  // namespace

MapView Session::uncoveredView() const {
    const MapView whole = m_state.view();
    const CoveredInsets c = usableInsets(m_covered, whole);
    MapView inner = whole;
    inner.widthPx = whole.widthPx - c.left - c.right;
    inner.heightPx = whole.heightPx - c.top - c.bottom;
    // Map y grows upwards, pixel rows downwards.
    inner.center.x += 0.5 * (c.left - c.right) * whole.unitsPerPixel;
    inner.center.y -= 0.5 * (c.top - c.bottom) * whole.unitsPerPixel;
    return inner;
}

void Session::fitUncovered(const std::function<void()>& fit) {
    const MapView whole = m_state.view();
    const CoveredInsets c = usableInsets(m_covered, whole);
    m_state.resize(whole.widthPx - c.left - c.right, whole.heightPx - c.top - c.bottom, whole.pixelRatio);
    fit();
    MapView shifted = m_state.view();
    // The uncovered area's centre lies (left - right) / 2 right of and (top - bottom) / 2 below the
    // viewport's; map y grows upwards.
    shifted.center.x -= 0.5 * (c.left - c.right) * shifted.unitsPerPixel;
    shifted.center.y += 0.5 * (c.top - c.bottom) * shifted.unitsPerPixel;
    m_state.resize(whole.widthPx, whole.heightPx, whole.pixelRatio);
    shifted.widthPx = whole.widthPx;
    shifted.heightPx = whole.heightPx;
    m_state.setView(shifted);
}

void Session::frameHome() {
    const MapView view = m_state.view();
    // A saved centre and scale are what the whole window showed when saving: restore exactly that.
    if (!m_homeView.bbox) {
        fitProjectView(m_state, m_homeView, view.widthPx, view.heightPx, view.pixelRatio);
        return;
    }
    fitUncovered([&] {
        const MapView inner = m_state.view();
        fitProjectView(m_state, m_homeView, inner.widthPx, inner.heightPx, inner.pixelRatio);
    });
}

void Session::setBackgroundOverride(std::optional<Color> background) {
    m_backgroundOverride = background;
    m_state.setBackground(background.value_or(m_projectBackground));
}

bool changesProject(const Command& command) {
    return changedParts(command) != 0;
}

unsigned changedParts(const Command& command) {
    using P = MapState::Part;
    return std::visit(
        [](const auto& c) -> unsigned {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, SetLayerStyle> || std::is_same_v<T, MoveLayer> ||
                          std::is_same_v<T, RemoveLayer> || std::is_same_v<T, AddLayer>)
                return P::Layers;
            // Dropped tables that hold no incidents become vector layers.
            else if constexpr (std::is_same_v<T, AddIncidents>)
                return P::IncidentLayers | P::Layers;
            else if constexpr (std::is_same_v<T, SetIncidentStyle> ||
                               std::is_same_v<T, RemoveIncidentLayer> || std::is_same_v<T, ReloadIncidents> ||
                               std::is_same_v<T, ResolveGeocode> || std::is_same_v<T, AddCodedIncidents>)
                return P::IncidentLayers;
            else if constexpr (std::is_same_v<T, AddIncident> || std::is_same_v<T, EditIncident> ||
                               std::is_same_v<T, MoveIncident> || std::is_same_v<T, DeleteIncident> ||
                               std::is_same_v<T, NewIncidentLayer> ||
                               std::is_same_v<T, CopyIncidentsToOwnLayer>)
                return P::IncidentLayers | P::Selection;
            else if constexpr (std::is_same_v<T, SetCrs>)
                return P::Crs;
            else if constexpr (std::is_same_v<T, SetTimeState>)
                return P::Time;
            else if constexpr (std::is_same_v<T, SetPlayback>)
                return P::Playback;
            else if constexpr (std::is_same_v<T, SetPlaceLabels>)
                return P::PlaceLabels;
            else if constexpr (std::is_same_v<T, ExportImage> || std::is_same_v<T, ExportAnimation>)
                return kExportSettingsPart;
            // Looking around (pan, zoom, stepping and playing through time) is saved with the project but is
            // not a change to undo or to ask about on quitting; nor is anything about the app itself.
            else
                return 0u;
        },
        command);
}

}  // namespace fp
