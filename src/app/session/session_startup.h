#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/session/session.h"
#include "core/project/project_file.h"
#include "core/time/time_request.h"

namespace fp {

/// Where a session starts: what the window and every CLI subcommand take from the command line.
struct SessionStart {
    std::string project;  ///< project file; empty: the embedded default project (or an empty map)
    /// A project's source that cannot be loaded fails the start (CLI) or is left out with a warning (window).
    MissingSourcePolicy missingSources = MissingSourcePolicy::Fail;
    /// A project that cannot be opened gives the embedded default instead (the window), not an error.
    bool fallBackToDefault = false;
    bool defaultLayers = true;  ///< without a project: the embedded default project; false: an empty map
    std::string crs;            ///< map CRS to switch to first; empty: the project's
    std::vector<std::string> layers;     ///< vector sources added on top
    std::vector<std::string> incidents;  ///< incident sources added above them
    std::string dateFormat;  ///< how the incident sources' dates read (--date-format); "" infers it
    std::string encoding;    ///< the incident sources' character encoding (--encoding); "" detects it
    /// The window's --layer: added as if dropped on the window (tables as incidents).
    bool layersAsDropped = false;
    TimeRequest time;  ///< the time flags; see startTime for when they apply
    /// False when the caller reads the time flags itself (animate's frames): the project's time state stays.
    bool timeFromFlags = true;
    std::optional<GeoBBox> bbox;  ///< the area the home view frames instead of the project's
};

/// After a load (AddLayer, AddIncidents, ReloadIncidents): logs each row problem of its load report as a
/// warning (the CLI's stderr, the window's log panel). Other commands: nothing.
void logRowProblems(const Command& command, const MapState& state);

/// What a file dropped on the window (or given to `gui --layer`) becomes: tables (.csv, .tsv, .tab, .txt)
/// are read as incidents first (ACLED, GDELT and Flashpoint exports are tables), falling back to vector
/// layers; anything else is layers.
Command commandForDroppedPath(std::string path);

/// Step 1: the project a session starts from: the project file, else the embedded default project, else
/// (defaultLayers false) an empty map framing Kosovo and Serbia. With fallBackToDefault a project (or
/// default) that cannot be opened is logged as a warning and replaced by the next in that list.
Result<LoadedProject> startingProject(const SessionStart& start);

/// Step 2: the commands that take the starting project to what `start` asks: SetCrs, then one AddLayer or
/// AddIncidents per source, in order.
CommandList startCommands(const SessionStart& start);

/// Step 3: the time state the flags select on the data loaded (see resolveTimeRequest; `names` name the
/// flags), or nullopt to keep the project's. Flags that select a window replace the project's time state;
/// fade and ghosts alone turn fading and ghosts on in the project's window (an error when it shows all
/// time).
Result<std::optional<TimeState>> startTime(const SessionStart& start, const MapState& state,
                                           const TimeRequestNames& names);

/// The newest incident layer's id in `state` (0: none): the layers a start adds are newer.
uint64_t newestIncidentLayerId(const MapState& state);

/// Step 4: the home view a start ends on: the session's, framing `start.bbox` instead when given, or,
/// without a project, the incidents the start added (layers newer than `newestBefore`) when they lie wholly
/// outside it (with room around a single place). An area framed this way in a CRS the user did not choose
/// (start.crs empty) that the CRS is not meant for is said once, as a warning (Session::warnIfCrsUnsuited).
ProjectView startHomeView(const SessionStart& start, Session& session, uint64_t newestBefore);

/// The title a briefing of the area `shown` (lon/lat; empty: the project's own view) gets when none is
/// given: the project's name; for a project without a file of its own (the embedded default, an untitled
/// one) showing an area away from the embedded default's (incidents far from it, a --bbox or a view panned
/// elsewhere), the names of the incident layers with incidents there instead ("Kosovo and Serbia" over
/// Syria would mislead), or none. One rule for `render`, `animate` and the window's export dialogs.
std::string briefingTitle(const Session& session, const GeoBBox& shown);

/// How a start-up command went, for the caller to say (the CLI: a failure on stderr; the window: the log
/// and a notification).
using StartReport = std::function<void(const Command&, const Status&, const MapState&)>;

/// What went wrong in startSession without ending it.
struct StartOutcome {
    int failedSources = 0;         ///< start commands that failed (each told to the StartReport)
    std::optional<Error> badTime;  ///< the time flags do not fit the data (the project's time state stays)
};

/// The one start-up path of the CLI subcommands (the window runs the same steps through its own apply, so
/// that its UI hears each outcome): the starting project, the start commands applied through Session::apply
/// (each outcome told to `report`), the time state, and the home view framing `bbox` (or, without a project,
/// incidents that lie outside the default view). Fails with the project's or the CRS's Error (not reported);
/// failed sources and time flags go into `outcome`.
Result<Session> startSession(const SessionStart& start, const TimeRequestNames& names,
                             const StartReport& report, StartOutcome& outcome);

}  // namespace fp
