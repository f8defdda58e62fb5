#pragma once

#include "core/project/map_state.h"
#include "ui/commands.h"

namespace fp {

/// Applies a UI command that changes the map state (view, layers, CRS, log). Commands about the app itself
/// (SetTheme, Quit, ShowPanel) are left to the caller and succeed here without effect. Zooms beyond sensible
/// ground scales (under 1 cm or over the Earth per pixel) are ignored. Fails, changing nothing, when a layer
/// cannot be loaded or a CRS not used; the Error says why.
Status applyCommand(MapState& state, const Command& command);

}  // namespace fp
