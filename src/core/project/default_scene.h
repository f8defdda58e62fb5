#pragma once

#include <string>
#include <vector>

#include "core/io/load_report.h"
#include "core/model/map_scene.h"
#include "core/project/project_file.h"
#include "core/util/result.h"

namespace fp {

/// Folder holding the embedded data (boundaries/, ...): $FLASHPOINT_DATA_DIR, else `geodata/` under
/// dataRoot() (core/util/data_paths.h: the install's share/flashpoint, or the source tree for a binary in its
/// build tree). Empty when none exists.
std::string findDataDir();

/// The embedded default project, `kosovo-serbia.flashpoint.json` in findDataDir(); empty when there is no
/// data folder.
std::string defaultProjectPath();

/// The embedded default project: Kosovo, Serbia and their neighbours with districts and municipalities,
/// styled so Kosovo and Serbia stand out, the seed story's incidents and the world gazetteer
/// (MapScene::gazetteer; a warning when it cannot be loaded). Fails when the data folder or the
/// project file is missing or invalid; a layer that fails to load is left out (LoadedProject::skipped).
Result<LoadedProject> loadDefaultProject();

/// The scene of loadDefaultProject(), with one load report per source added to `reports`.
Result<MapScene> loadDefaultScene(std::vector<LoadReport>& reports);

/// The lon/lat box the default view frames: Kosovo and Serbia.
GeoBBox defaultFocusBBox();

/// Style for a layer the user adds: picked by geometry (polygons get a translucent fill) and a colour that
/// differs from the previous `index` layers.
LayerStyle defaultStyleForUserLayer(const VectorLayer& layer, size_t index);

}  // namespace fp
