#pragma once

#include "core/project/map_state.h"
#include "ui/commands.h"

namespace fp {

/// Applies a UI command that changes the map state (view, layers, CRS, log). Commands about the app itself
/// (SetTheme, Quit, ShowPanel) are left to the caller and succeed here without effect. Zooms beyond sensible
/// ground scales (under 1 cm or over the Earth per pixel) are ignored. Fails, changing nothing, when a layer
/// cannot be loaded or a CRS not used; the Error says why.
Status applyCommand(MapState& state, const Command& command);

/// True when applying `command` successfully changes what a project file saves in a way the user made on
/// purpose (layers, styles, incident sources, CRS, time window, playback): the project then has unsaved
/// changes. Navigation (pan, zoom, fly to, stepping or playing through time) is saved too but does not count.
bool changesProject(const Command& command);

}  // namespace fp
