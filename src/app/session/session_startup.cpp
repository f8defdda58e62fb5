#include "app/session/session_startup.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "core/geo/framing.h"
#include "core/project/default_scene.h"
#include "core/util/log.h"

namespace fp {

Command commandForDroppedPath(std::string path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".csv" || ext == ".tsv" || ext == ".tab" || ext == ".txt")
        return AddIncidents{std::move(path), true};
    return AddLayer{std::move(path)};
}

void logRowProblems(const Command& command, const MapState& state) {
    if (!std::holds_alternative<AddLayer>(command) && !std::holds_alternative<AddIncidents>(command) &&
        !std::holds_alternative<ReloadIncidents>(command))
        return;
    for (const LoadReport& report : state.lastReports())
        for (const auto& problem : report.problems) logWarning(problem.describe());
}

namespace {

Result<LoadedProject> emptyProject() {
    auto state = MapState::create(MapScene{});
    if (!state) return state.error();
    ProjectView view;
    view.bbox = defaultFocusBBox();
    return LoadedProject{{}, "", std::move(state).value(), view, {}, {}, {}};
}

}  // namespace

Result<LoadedProject> startingProject(const SessionStart& start) {
    if (!start.project.empty()) {
        auto project = loadProject(start.project, start.missingSources);
        if (project || !start.fallBackToDefault) return project;
        logError(project.error().describe() + " \xE2\x80\x94 opening the default project instead");
    }
    if (!start.defaultLayers) return emptyProject();
    auto project = loadDefaultProject();
    if (project || !start.fallBackToDefault) return project;
    logError(project.error().describe() + " \xE2\x80\x94 starting with an empty map");
    auto empty = emptyProject();
    if (empty) empty->name = "Untitled";
    return empty;
}

CommandList startCommands(const SessionStart& start) {
    CommandList commands;
    if (!start.crs.empty()) commands.push_back(SetCrs{start.crs});
    for (const auto& path : start.layers)
        commands.push_back(start.layersAsDropped ? commandForDroppedPath(path) : Command{AddLayer{path}});
    for (const auto& source : start.incidents)
        commands.push_back(AddIncidents{source, false, {}, start.dateFormat, start.encoding});
    return commands;
}

Result<std::optional<TimeState>> startTime(const SessionStart& start, const MapState& state,
                                           const TimeRequestNames& names) {
    const TimeRequest& request = start.time;
    if (!start.timeFromFlags) return std::optional<TimeState>();
    if (request.selectsWindow()) {
        auto time = resolveTimeRequest(request, state.dataTimeSpan(), names);
        if (!time) return time.error();
        return std::optional<TimeState>(time.value());
    }
    if (!request.fade && !request.ghosts) return std::optional<TimeState>();
    TimeState time = state.time();
    if (time.window.mode == WindowMode::All)
        return makeError(ErrorCode::InvalidArgument, request.fade ? names.fade : names.ghosts,
                         "needs a time window: the project shows all incidents; give " + names.at +
                             " DATE or " + names.from + "/" + names.to);
    time.fadeByAge = time.fadeByAge || request.fade;
    time.showGhosts = time.showGhosts || request.ghosts;
    return std::optional<TimeState>(time);
}

uint64_t newestIncidentLayerId(const MapState& state) {
    uint64_t newest = 0;
    for (const auto& layer : state.scene().incidentLayers) newest = std::max(newest, layer.id);
    return newest;
}

ProjectView startHomeView(const SessionStart& start, Session& session, uint64_t newestBefore) {
    ProjectView home = session.homeView();
    GeoBBox added;
    for (const auto& layer : session.state().scene().incidentLayers)
        if (layer.id > newestBefore && layer.data) added.extend(layer.data->extent());
    // Incidents far from the default view are framed instead (with room around a single place).
    const bool farIncidents =
        !start.bbox && start.project.empty() && home.bbox && !added.empty() && !added.intersects(*home.bbox);
    if (start.bbox) home.bbox = start.bbox;
    if (farIncidents) home.bbox = withRoomAroundPlace(added);
    // An area framed here (not the project's own view) in a CRS the user did not choose, such as the world in
    // the default UTM zone, folds and stretches: say so.
    if ((start.bbox || farIncidents) && start.crs.empty()) session.warnIfCrsUnsuited(*home.bbox);
    return home;
}

std::string briefingTitle(const Session& session, const GeoBBox& shown) {
    if (!session.project().needsNewPath() || shown.empty() || shown.intersects(defaultFocusBBox()))
        return session.project().name();
    std::string title;
    for (const IncidentLayer& layer : session.state().scene().incidentLayers)
        if (layer.data && !layer.data->empty() && layer.data->extent().intersects(shown))
            title += (title.empty() ? "" : ", ") + layer.name;
    return title;
}

Result<Session> startSession(const SessionStart& start, const TimeRequestNames& names,
                             const StartReport& report, StartOutcome& outcome) {
    auto project = startingProject(start);
    if (!project) return project.error();
    // What loading the project's sources found (a layer without a CRS, rows left out), said once here as
    // the sources added by flags are (report).
    for (const LoadReport& loaded : project->reports)
        for (const Error& problem : loaded.problems) logWarning(problem.describe());
    Session session(std::move(project).value());
    const uint64_t newestBefore = newestIncidentLayerId(session.state());
    for (const Command& command : startCommands(start)) {
        const Status status = session.apply(command);
        // A CRS the map cannot use is not a source: it ends the start, with its error.
        if (!status && std::holds_alternative<SetCrs>(command)) return status.error();
        report(command, status, session.state());
        if (std::holds_alternative<SetCrs>(command)) {
            // The saved centre and ground scale, now in the new CRS's units.
            if (!session.homeView().bbox) {
                ProjectView home = currentProjectView(session.state());
                home.widthPx = session.homeView().widthPx;
                home.heightPx = session.homeView().heightPx;
                session.setHomeView(home);
            }
            continue;
        }
        if (!status) ++outcome.failedSources;
    }
    auto time = startTime(start, session.state(), names);
    if (!time)
        outcome.badTime = time.error();
    else if (time.value())
        (void)session.apply(SetTimeState{*time.value()});
    session.setHomeView(startHomeView(start, session, newestBefore));
    return session;
}

}  // namespace fp
