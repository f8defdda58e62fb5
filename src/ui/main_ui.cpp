#include "ui/main_ui.h"

#include <imgui.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "ui/scale_bar.h"

namespace fp {

MainUi::MainUi() {
    m_timeline.setTimeCache(&m_timeCache);
    m_incidentLegend.setTimeCache(&m_timeCache);
    m_incidentTable.setTimeCache(&m_timeCache);
}

Panel& MainUi::panel(PanelId id) {
    switch (id) {
        case PanelId::Layers:
            return m_layers;
        case PanelId::Log:
            return m_logPanel;
        case PanelId::Crs:
            return m_crs;
        case PanelId::LoadReport:
            return m_loadReport;
        case PanelId::PlaceSearch:
            return m_placeSearch;
        case PanelId::GeocodeReview:
            return m_geocodeReview;
        case PanelId::KeysHelp:
            return m_keysHelp;
        case PanelId::About:
            return m_about;
    }
    return m_layers;
}

const Panel& MainUi::panel(PanelId id) const {
    return const_cast<MainUi*>(this)->panel(id);
}

Panel& MainUi::incidentPanel(IncidentPanelId id) {
    switch (id) {
        case IncidentPanelId::Table:
            return m_incidentTable;
        case IncidentPanelId::Inspector:
            return m_inspector;
        case IncidentPanelId::Legend:
            break;
    }
    return m_incidentLegend;
}

bool MainUi::isIncidentPanelOpen(IncidentPanelId id) const {
    return const_cast<MainUi*>(this)->incidentPanel(id).isOpen();
}
void MainUi::setIncidentPanelOpen(IncidentPanelId id, bool open) {
    incidentPanel(id).setOpen(open);
}

void MainUi::setIncidentStyleSheet(std::shared_ptr<const IncidentStyleSheet> sheet) {
    if (!sheet) return;
    m_sheet = sheet;
    m_incidentLegend.setStyleSheet(sheet);
    m_incidentTable.setStyleSheet(sheet);
    m_inspector.setStyleSheet(sheet);
    m_timeline.setStyleSheet(sheet);
    m_codeIncidents.setStyleSheet(sheet);
}

bool MainUi::noteIncidentCommand(const Command& command) {
    if (const auto* show = std::get_if<ShowIncidentPanel>(&command)) {
        Panel& p = incidentPanel(show->panel);
        p.setOpen(show->show);
        if (show->show && show->focus) {
            ImGui::SetWindowFocus(p.title());
            if (show->panel == IncidentPanelId::Legend) m_incidentLegend.focusSourceField();
        }
        return false;
    }
    if (const auto* select = std::get_if<SelectIncident>(&command)) {
        m_selected = select->incident;
        m_inspector.setSelected(m_selected);
        m_incidentTable.setSelected(m_selected);
        if (m_selected.layerId != 0) m_inspector.setOpen(true);
    }
    if (const auto* spread = std::get_if<SpreadIncidentGroup>(&command)) m_groupSpread = spread->layerId != 0;
    if (const auto* map = std::get_if<ShowFieldMapping>(&command)) {
        const auto it = m_incidentSources.find(map->layerId);
        if (it != m_incidentSources.end()) {
            const LoadedSource& loaded = it->second;
            m_fieldMapping.open({loaded.source,
                                 loaded.table,
                                 map->layerId,
                                 loaded.info,
                                 {},
                                 loaded.options.fieldMapping,
                                 loaded.options.dateFormat,
                                 loaded.options.encoding});
        }
        return false;
    }
    return true;
}

bool MainUi::isPanelOpen(PanelId id) const {
    return panel(id).isOpen();
}
void MainUi::setPanelOpen(PanelId id, bool open) {
    panel(id).setOpen(open);
}

bool MainUi::needsRegularFrames() const {
    return m_notifications.size() > 0 || ImGui::GetIO().WantTextInput || m_incidentTable.filterPending() ||
           m_geocodeReview.picking() || m_codeIncidents.busy();
}

void MainUi::notify(LogLevel level, std::string text) {
    m_notifications.push(level, std::move(text), ImGui::GetTime());
}

void MainUi::frame(const MapState& state, const UiMetrics& metrics, CommandList& out) {
    m_log.refresh(Log::instance());
    UiContext ctx{state, m_log, m_theme, metrics.scale, metrics.fbScale, ImGui::GetTime(), {}};
    ctx.locations = &m_locations;
    for (size_t id = 0; id < kPanelCount; ++id) ctx.panelOpen[id] = isPanelOpen(static_cast<PanelId>(id));

    CommandList commands = std::move(m_queued);
    m_queued.clear();
    followStateSelection(state);
    noteGeocodeReviews(state);
    m_status.setGeocodeHint(m_geocodeReview.statusHint());
    m_menu.setIncidentPanelsOpen(m_incidentLegend.isOpen(), m_incidentTable.isOpen(), m_inspector.isOpen());
    std::set<uint64_t> mappable;
    for (const auto& layer : state.scene().incidentLayers)
        if (m_incidentSources.count(layer.id)) mappable.insert(layer.id);
    m_incidentLegend.setMappableLayers(std::move(mappable));
    m_incidentLegend.setGeocodedLayers(geocodedLayers(state));
    drawPanels(ctx, metrics, commands);
    handleMapInput(ctx, commands);
    routeCommands(state, commands, out);
}

void MainUi::drawDocked(UiContext& ctx, CommandList& commands) {
    struct Docked {
        Panel& panel;
        DockSide side;
    };
    const std::array<Docked, 3> docked{
        {{m_layers, DockSide::Left}, {m_incidentLegend, DockSide::Right}, {m_inspector, DockSide::Right}}};
    int counts[2] = {0, 0};
    for (size_t i = 0; i < docked.size(); ++i) {
        const bool open = docked[i].panel.isOpen();
        if (open && !m_dockedWasOpen[i]) m_docks.setCollapsed(docked[i].side, false);
        m_dockedWasOpen[i] = open;
        if (open) ++counts[docked[i].side == DockSide::Left ? 0 : 1];
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    m_docks.layout(display.x, ImGui::GetFrameHeight(), display.y - m_status.height() - m_timeline.height(),
                   ctx.scale, counts[0], counts[1]);
    ctx.map = m_docks.mapRect();
    int index[2] = {0, 0};
    for (const Docked& d : docked) {
        if (!d.panel.isOpen()) continue;
        const UiRect slot = m_docks.slot(d.side, index[d.side == DockSide::Left ? 0 : 1]++);
        if (slot.w <= 0.f) continue;  // its bar is collapsed
        bool open = true;
        SideDocks::pinWindow(d.panel.title(), slot, open);
        d.panel.draw(ctx, commands);
        if (!open) d.panel.setOpen(false);
    }
    m_docks.drawHandles();
}

void MainUi::drawPanels(UiContext& ctx, const UiMetrics& metrics, CommandList& commands) {
    m_menu.setProject(&m_projectDialogs.project());
    m_menu.draw(ctx, commands);
    m_status.draw(ctx, commands);
    m_timeline.setBottomInset(m_status.height());
    m_timeline.draw(ctx, commands);
    drawDocked(ctx, commands);
    m_logPanel.draw(ctx, commands);
    m_crs.draw(ctx, commands);
    m_incidentTable.draw(ctx, commands);
    m_loadReport.draw(ctx, commands);
    m_fieldMapping.draw(ctx, commands);
    m_animation.draw(ctx, commands);
    m_placeSearch.draw(ctx, commands);
    m_imageExport.draw(ctx, commands);
    m_geocodedCopy.draw(ctx, commands);
    m_geocodeReview.draw(ctx, commands);
    m_geocodeReview.drawPickOverlay(ctx);
    m_codeIncidents.draw(ctx, commands);
    m_notifications.draw(ctx, commands);
    m_keysHelp.draw(ctx, commands);
    m_about.draw(ctx, commands);
    m_recovery.draw(ctx, commands);
    m_projectDialogs.draw(ctx, commands);
    m_writeBack.draw(ctx, commands);
    if (m_writeBack.takeCancelledProjectSave()) m_projectDialogs.saveCancelled();

    const float margin = 12.f * metrics.scale;
    drawScaleBar(ImGui::GetBackgroundDrawList(), ctx.map.x + margin, ctx.map.bottom() - margin,
                 ctx.state.view(), ctx.state.projection(), metrics.scale, metrics.fbScale, m_theme);
}

void MainUi::followStateSelection(const MapState& state) {
    const IncidentRef now{state.selection().selectedLayer, state.selection().selectedIndex};
    if (now == m_stateSelection) return;
    m_stateSelection = now;
    m_selected = now;
    m_inspector.setSelected(now);
    m_incidentTable.setSelected(now);
}

void MainUi::handleMapInput(const UiContext& ctx, CommandList& commands) {
    const MapState& state = ctx.state;
    // Dragging the selected incident's marker (while the inspector edits it) owns the mouse: no pan, no
    // click.
    const bool dragging = m_mapEditing.updateDrag(ctx, m_hover, m_selected,
                                                  m_inspector.isOpen() && m_inspector.editing(), commands);
    m_mapEditing.update();
    const bool picking = m_geocodeReview.picking() || m_mapEditing.adding();
    // In pick mode the click places a geocoding review row or a new incident: it must not also select one.
    if (!picking && !dragging) m_incidentPointer.update(ctx, m_hover, *m_sheet, m_groupSpread, commands);
    m_timeline.drawMapOverlay(ctx, ImGui::GetFrameHeight());
    m_timeline.handleKeys(ctx, commands);
    m_interaction.setTimeKeys(m_timeline.timeKeysActive());
    m_interaction.setPickMode(picking);
    if (ctx.map.w > 0.f && ctx.map.h > 0.f)
        m_interaction.setMapCentre(ScreenXY{(ctx.map.x + 0.5 * ctx.map.w) * ctx.fbScale,
                                            (ctx.map.y + 0.5 * ctx.map.h) * ctx.fbScale});
    if (!dragging) m_interaction.update(state.view(), commands);
    if (const auto picked = m_interaction.takePick()) {
        if (m_mapEditing.adding())
            m_mapEditing.addAt(state, *picked, addTarget(state, m_selected), commands);
        else if (Status placed = m_geocodeReview.placeAt(state, *picked, commands); !placed)
            notify(LogLevel::Warning, placed.error().describe());
    }
    if (ImGui::GetIO().KeyCtrl && m_keys.q >= 0 && ImGui::IsKeyPressed(m_keys.q, false))
        commands.push_back(Quit{});
    if (ImGui::GetIO().KeyCtrl && m_keys.f >= 0 && ImGui::IsKeyPressed(m_keys.f, false))
        commands.push_back(ShowPanel{PanelId::PlaceSearch, true, true});
    if (ImGui::GetIO().KeyCtrl && m_keys.e >= 0 && ImGui::IsKeyPressed(m_keys.e, false))
        commands.push_back(ShowImageExport{});
    // In a text field Ctrl+Z undoes the typing instead.
    if (ImGui::GetIO().KeyCtrl && !ImGui::GetIO().WantTextInput && m_keys.z >= 0 &&
        ImGui::IsKeyPressed(m_keys.z, false))
        commands.push_back(ImGui::GetIO().KeyShift ? Command{Redo{}} : Command{Undo{}});
}

void MainUi::routeCommands(const MapState& state, CommandList& commands, CommandList& out) {
    for (Command& command : commands) {
        if (const auto* show = std::get_if<ShowPanel>(&command)) {
            setPanelOpen(show->panel, show->show);
            if (show->show && show->focus) {
                ImGui::SetWindowFocus(panel(show->panel).title());
                if (show->panel == PanelId::Layers) m_layers.focusPathField();
                if (show->panel == PanelId::Crs) m_crs.focusField();
                if (show->panel == PanelId::PlaceSearch) m_placeSearch.focusField();
            }
            continue;
        }
        if (std::holds_alternative<ShowCodeIncidents>(command)) {
            m_codeIncidents.open();
            continue;
        }
        if (std::holds_alternative<ShowImageExport>(command)) {
            m_imageExport.open();
            continue;
        }
        if (const auto* copy = std::get_if<ShowGeocodedCopy>(&command)) {
            if (const IncidentLayer* layer = state.scene().findIncidentLayer(copy->layerId))
                m_geocodedCopy.open(layer->id, layer->name, layer->source);
            continue;
        }
        if (std::holds_alternative<ShowAnimationExport>(command)) {
            m_animation.open(state);
            continue;
        }
        if (const auto* dialog = std::get_if<ShowProjectDialog>(&command)) {
            m_projectDialogs.openPathDialog(dialog->kind);
            continue;
        }
        if (const auto* arm = std::get_if<ArmAddIncident>(&command)) {
            m_mapEditing.arm(arm->on);
            continue;
        }
        // An incident added from a place goes where a click would put it.
        if (auto* add = std::get_if<AddIncident>(&command); add && add->layerId == 0)
            add->layerId = addTarget(state, m_selected);
        if (!noteIncidentCommand(command)) continue;
        out.push_back(std::move(command));
    }
}

void MainUi::noteLoad(const MapState& state, size_t heldRows) {
    m_loadReport.setReports(state.lastReports());
    size_t problems = 0;
    for (const auto& report : state.lastReports()) problems += report.problems.size();
    // Rows held for geocoding are reported too, but the geocoding review opens for them (noteGeocodeReviews):
    // the load report only opens for other problems.
    if (problems <= heldRows) return;
    problems -= heldRows;
    m_loadReport.setOpen(true);
    const size_t notLoaded = rowsNotLoaded(state.lastReports());
    const size_t skipped = notLoaded > heldRows ? notLoaded - heldRows : 0;
    if (skipped > 0)
        notify(LogLevel::Warning, std::to_string(skipped) + (skipped == 1 ? " row" : " rows") +
                                      " not loaded \xE2\x80\x94 see Load report");
    else
        notify(LogLevel::Warning, std::to_string(problems) +
                                      (problems == 1 ? " row problem" : " row problems") +
                                      " \xE2\x80\x94 see Load report");
}

std::set<uint64_t> MainUi::geocodedLayers(const MapState& state) const {
    std::set<uint64_t> ids;
    for (const auto& layer : state.scene().incidentLayers)
        // Only files can be copied (not database tables).
        if (state.geocodeReviews().wasGeocoded(layer.id) && !isDatabaseSource(layer.source))
            ids.insert(layer.id);
    return ids;
}

void MainUi::noteIncidentSource(const MapState& state, const std::string& source, const std::string& table) {
    // Only when incidents were loaded (a dropped table may have become vector layers instead).
    if (state.lastIncidentFormat().format.empty()) return;
    uint64_t newest = 0;
    for (const auto& layer : state.scene().incidentLayers) newest = std::max(newest, layer.id);
    if (newest == 0 || m_incidentSources.count(newest)) return;
    m_incidentSources[newest] = {source, table, state.lastIncidentFormat(),
                                 state.scene().findIncidentLayer(newest)->loadOptions};
    std::erase_if(m_incidentSources, [&](const auto& entry) {
        const auto& layers = state.scene().incidentLayers;
        return std::none_of(layers.begin(), layers.end(),
                            [&](const IncidentLayer& l) { return l.id == entry.first; });
    });
}

void MainUi::noteGeocodeReviews(const MapState& state) {
    m_geocodeReview.refresh(state.geocodeReviews());
    for (uint64_t id : m_geocodeReview.newlyHeldLayers()) {
        for (const LayerGeocodeReview& layer : state.geocodeReviews().layers()) {
            if (layer.layerId != id) continue;
            const size_t n =
                static_cast<size_t>(std::count_if(layer.summary.pending.begin(), layer.summary.pending.end(),
                                                  [](const auto& row) { return !row.skipped; }));
            notify(LogLevel::Warning, std::to_string(n) + (n == 1 ? " row of " : " rows of ") +
                                          layer.layerName +
                                          " kept off the map: place names to check in Geocoding review");
        }
        m_geocodeReview.bringToFront();
    }
}

namespace {

/// Rows the last incident load held for geocoding review (0 when the last load was not of incidents).
size_t heldForReview(const MapState& state) {
    const IncidentFormatInfo& format = state.lastIncidentFormat();
    return format.format.empty() ? 0 : format.geocoding.ambiguous + format.geocoding.unmatched;
}

std::string shownSourceName(const std::string& source) {
    const std::string name = std::filesystem::path(source).filename().string();
    return name.empty() || isDatabaseSource(source) ? "incidents" : name;
}

}  // namespace

void MainUi::onAddIncidentsResult(const AddIncidents& add, const Status& status, const MapState* state) {
    const std::string error = status.ok() ? std::string() : status.error().describe();
    const std::string shown = shownSourceName(add.source);
    // Columns not recognised, or a remembered mapping that no longer fits the source: hand over to the
    // field-mapping dialog instead of just failing.
    const bool mapFields = state && !status.ok() && !state->lastIncidentFormat().columns.empty() &&
                           (status.error().code == ErrorCode::UnsupportedFormat ||
                            (!add.fieldMapping.empty() && status.error().code == ErrorCode::InvalidArgument));
    if (mapFields) {
        m_incidentLegend.addFinished(
            add.source, false,
            "Columns not recognised: choose them in \"" + std::string(m_fieldMapping.title()) + "\".");
        m_fieldMapping.open({add.source, {}, 0, state->lastIncidentFormat(), error, add.fieldMapping});
        notify(LogLevel::Warning, "Choose the columns of " + shown);
    } else {
        m_incidentLegend.addFinished(add.source, status.ok(), error);
        if (status.ok()) {
            notify(LogLevel::Info, "Added " + shown);
            m_incidentLegend.setOpen(true);
        } else {
            notify(LogLevel::Error, "Could not add " + shown + "\n" + error);
            if (!add.orAsLayers) m_incidentLegend.setOpen(true);
        }
    }
    if (state) {
        if (status.ok()) noteIncidentSource(*state, add.source, {});
        noteLoad(*state, status.ok() ? heldForReview(*state) : 0);
    }
}

void MainUi::onReloadResult(const ReloadIncidents& reload, const Status& status, const MapState* state) {
    const std::string error = status.ok() ? std::string() : status.error().describe();
    m_fieldMapping.applyFinished(status.ok(), error, state ? &state->lastIncidentFormat() : nullptr);
    const std::string shown = shownSourceName(reload.source);
    if (status.ok()) {
        // The Incidents field that handed the source over is done with it.
        if (reload.replaceLayerId == 0) m_incidentLegend.addFinished(reload.source, true, {});
        notify(LogLevel::Info, "Loaded " + shown + " with the chosen fields");
        m_incidentLegend.setOpen(true);
    } else {
        notify(LogLevel::Error, "Could not load " + shown + "\n" + error);
    }
    if (state) {
        if (status.ok()) noteIncidentSource(*state, reload.source, reload.table);
        noteLoad(*state, status.ok() ? heldForReview(*state) : 0);
    }
}

void MainUi::onResolveResult(const ResolveGeocode& resolve, const Status& status, const MapState* state) {
    if (!status.ok()) {
        notify(LogLevel::Error, "Could not apply the geocoding decision\n" + status.error().describe());
        return;
    }
    if (!state) return;
    const GeocodeChoice& c = resolve.choice;
    const std::string row = "Row " + std::to_string(c.row) + " '" + c.name + "'";
    if (c.kind == GeocodeChoice::Kind::Skip) {
        notify(LogLevel::Info, row + " left off the map");
        return;
    }
    notify(LogLevel::Info, row + " placed" + (c.placeName.empty() ? "" : " at " + c.placeName));
    // The layer's store was replaced and re-sorted: select the row's incident (the inspector and the map's
    // ring show where it went) rather than whatever now has the old index.
    const IncidentRef placed = m_geocodeReview.placedIncident(*state, resolve);
    if (placed.layerId != 0 || m_selected.layerId == resolve.layerId)
        m_queued.push_back(SelectIncident{placed});
}

void MainUi::onCommandResult(const Command& command, const Status& status, const MapState* state) {
    const std::string error = status.ok() ? std::string() : status.error().describe();
    m_projectDialogs.onCommandResult(command, status);
    if (const auto* copy = std::get_if<SaveGeocodedCopy>(&command)) {
        m_geocodedCopy.finished(status);
        if (status.ok())
            notify(LogLevel::Info, "Saved geocoded copy " + copy->outputPath + " (what it holds: see Log)");
        else
            notify(LogLevel::Error, "Could not save the geocoded copy\n" + error);
        return;
    }
    if (const auto* add = std::get_if<AddLayer>(&command)) {
        m_layers.addLayerFinished(add->path, status.ok(), error);
        const std::string name = std::filesystem::path(add->path).filename().string();
        if (status.ok())
            notify(LogLevel::Info, "Added " + (name.empty() ? add->path : name));
        else
            notify(LogLevel::Error, "Could not add " + (name.empty() ? add->path : name) + "\n" + error);
        if (state) noteLoad(*state);
        return;
    }
    if (const auto* add = std::get_if<AddIncidents>(&command))
        return onAddIncidentsResult(*add, status, state);
    if (std::holds_alternative<AddIncident>(command) && status.ok()) {
        // A new incident opens in the inspector's form, ready to be described.
        m_inspector.setOpen(true);
        m_inspector.setEditing(true);
    }
    if (const auto* save = std::get_if<SaveIncidentLayer>(&command)) {
        if (status.ok() && m_writeBack.isAsking()) return;  // nothing written yet: the question is open
        if (status.ok())
            notify(LogLevel::Info,
                   "Saved incidents" + (save->path.empty() ? std::string() : " to " + save->path));
        else
            notify(LogLevel::Error, "Could not save the incidents\n" + error);
        return;
    }
    if (const auto* reload = std::get_if<ReloadIncidents>(&command))
        return onReloadResult(*reload, status, state);
    if (const auto* resolve = std::get_if<ResolveGeocode>(&command))
        return onResolveResult(*resolve, status, state);
    if (const auto* coded = std::get_if<AddCodedIncidents>(&command)) {
        m_codeIncidents.addFinished(status.ok(), state);
        const size_t n = coded->incidents.size();
        if (status.ok())
            notify(LogLevel::Info,
                   "Added " + std::to_string(n) + (n == 1 ? " coded incident" : " coded incidents"));
        else
            notify(LogLevel::Error, "Could not add the coded incidents\n" + error);
        return;
    }
    if (const auto* crs = std::get_if<SetCrs>(&command)) {
        m_crs.crsFinished(crs->definition, status.ok(), error);
        if (!status.ok()) notify(LogLevel::Error, "Map CRS unchanged\n" + error);
        return;
    }
    if (const auto* recover = std::get_if<RecoverProject>(&command);
        recover && status.ok() && recover->restore)
        return notify(LogLevel::Info, "Restored the unsaved changes from the recovery copy");
    if (!status.ok()) notify(LogLevel::Error, error);
}

}  // namespace fp
