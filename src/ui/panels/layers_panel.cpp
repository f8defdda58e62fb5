#include "ui/panels/layers_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>

#include "core/util/text.h"
#include "ui/widgets.h"

namespace fp {

namespace {

bool colorEdit(const char* label, Color& c) {
    float rgba[4] = {c.r, c.g, c.b, c.a};
    const bool changed = ImGui::ColorEdit4(
        label, rgba,
        ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_AlphaBar | ImGuiColorEditFlags_AlphaPreviewHalf);
    if (changed) c = {rgba[0], rgba[1], rgba[2], rgba[3]};
    return changed;
}

}  // namespace

std::string layerName(const MapLayer& layer) {
    if (!layer.name.empty()) return layer.name;
    return layer.data ? layer.data->displayName : std::string("(no data)");
}

std::string layerTooltip(const MapLayer& layer) {
    if (!layer.data) return layerName(layer);
    const VectorLayer& d = *layer.data;
    std::string text = layerName(layer);
    text += "\nSource: " + (d.sourcePath.empty() ? std::string("(embedded)") : d.sourcePath);
    if (!d.layerName.empty() && d.layerName != d.displayName) text += "\nLayer: " + d.layerName;
    if (!d.driverName.empty()) text += "\nDriver: " + d.driverName;
    text += "\nFeatures: " + groupThousands(d.featureCount());
    text += "\nSource CRS: " + (d.sourceCrsName.empty() ? std::string("unknown") : d.sourceCrsName);
    return text;
}

void LayersPanel::addLayerFinished(const std::string& path, bool ok, const std::string& error) {
    if (ok) {
        m_error.clear();
        if (cleanPathInput(m_path) == path) m_path.clear();
    } else {
        m_error = error;
        // Enter left the field; the user will most likely correct the path next.
        if (cleanPathInput(m_path) == path) m_focusPath = true;
    }
}

void LayersPanel::draw(const UiContext& ctx, CommandList& out) {
    if (!m_open) return;
    const float s = ctx.scale;
    ImGui::SetNextWindowPos({12.f * s, 44.f * s}, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize({380.f * s, 520.f * s}, ImGuiCond_FirstUseEver);
    if (ImGui::Begin(title(), &m_open)) {
        drawAddRow(ctx.theme, out);
        ImGui::Separator();
        const auto& layers = ctx.state.scene().layers;
        if (layers.empty()) ImGui::TextDisabled("No layers. Add a file above or drop one on the window.");
        drawPlacesRow(ctx.state.scene(), out);
        ImGui::BeginChild("##layers");
        // Topmost first: the last layer in drawing order is listed at the top.
        for (size_t i = layers.size(); i-- > 0;) drawLayer(layers[i], i, layers.size(), s, out);
        ImGui::EndChild();
    }
    ImGui::End();
}

void LayersPanel::drawPlacesRow(const MapScene& scene, CommandList& out) {
    PlaceLabelStyle style = scene.placeLabels;
    ImGui::PushID("places");
    ImGui::BeginDisabled(!scene.gazetteer);
    bool changed = ImGui::Checkbox("Places", &style.visible);
    itemTooltip(scene.gazetteer ? "Place names from the offline gazetteer, more as you zoom in"
                                : "No gazetteer loaded (geodata/places/places.fpgaz)");
    ImGui::SameLine();
    static const char* kScripts[] = {"Local", "Latin", "English"};
    int script = static_cast<int>(style.script);
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("English").x + ImGui::GetFrameHeight() * 2.f);
    if (ImGui::Combo("##script", &script, kScripts, 3)) {
        style.script = static_cast<PlaceLabelScript>(script);
        changed = true;
    }
    itemTooltip("Local: each place's own name; Latin: transliterated; English: English or ASCII name");
    ImGui::EndDisabled();
    ImGui::PopID();
    if (changed) out.push_back(SetPlaceLabels{style});
    ImGui::Separator();
}

void LayersPanel::drawAddRow(Theme theme, CommandList& out) {
    const float buttonWidth = ImGui::CalcTextSize("Add").x + ImGui::GetStyle().FramePadding.x * 2.f;
    ImGui::SetNextItemWidth(-(buttonWidth + ImGui::GetStyle().ItemSpacing.x));
    if (m_focusPath) {
        ImGui::SetKeyboardFocusHere();
        m_focusPath = false;
    }
    bool submit = ImGui::InputTextWithHint("##path", "Path to .shp, .gpkg, .geojson, .csv\xE2\x80\xA6",
                                           &m_path, ImGuiInputTextFlags_EnterReturnsTrue);
    itemTooltip("A vector file GDAL can read. Files dropped on the window are added too.");
    ImGui::SameLine();
    const std::string path = cleanPathInput(m_path);
    ImGui::BeginDisabled(path.empty());
    submit |= ImGui::Button("Add");
    ImGui::EndDisabled();
    if (submit && !path.empty()) {
        m_error.clear();
        out.push_back(AddLayer{path});
    }
    if (!m_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(LogLevel::Error, theme));
        ImGui::TextWrapped("%s", m_error.c_str());
        ImGui::PopStyleColor();
    }
}

void LayersPanel::drawLayer(const MapLayer& layer, size_t index, size_t count, float scale,
                            CommandList& out) {
    char id[32];
    std::snprintf(id, sizeof id, "layer%llu", static_cast<unsigned long long>(layer.id));
    ImGui::PushID(id);
    LayerStyle style = layer.style;
    bool changed = false;
    const std::string tooltip = layerTooltip(layer);
    const std::string name = layerName(layer);
    const ImGuiStyle& st = ImGui::GetStyle();

    changed |= ImGui::Checkbox("##visible", &style.visible);
    itemTooltip(style.visible ? "Visible: click to hide" : "Hidden: click to show");
    ImGui::SameLine();

    const float button = ImGui::GetFrameHeight();
    const float zoomWidth = ImGui::CalcTextSize("Zoom").x + st.FramePadding.x * 2.f;
    const float buttonsWidth = button * 3.f + zoomWidth + st.ItemSpacing.x * 3.f;
    const float right = ImGui::GetWindowContentRegionMax().x;
    const float nameWidth = right - ImGui::GetCursorPosX() - buttonsWidth - st.ItemSpacing.x;
    ImGui::AlignTextToFramePadding();
    if (!style.visible) ImGui::PushStyleColor(ImGuiCol_Text, st.Colors[ImGuiCol_TextDisabled]);
    ImGui::TextUnformatted(ellipsize(name, nameWidth).c_str());
    if (!style.visible) ImGui::PopStyleColor();
    itemTooltip(tooltip.c_str());

    ImGui::SameLine(right - buttonsWidth);
    ImGui::BeginDisabled(index + 1 >= count);
    if (ImGui::ArrowButton("##up", ImGuiDir_Up)) out.push_back(MoveLayer{layer.id, +1});
    ImGui::EndDisabled();
    itemTooltip("Move up (draw above the layer over it)");
    ImGui::SameLine();
    ImGui::BeginDisabled(index == 0);
    if (ImGui::ArrowButton("##down", ImGuiDir_Down)) out.push_back(MoveLayer{layer.id, -1});
    ImGui::EndDisabled();
    itemTooltip("Move down");
    ImGui::SameLine();
    ImGui::BeginDisabled(!layer.data || layer.data->extent.empty());
    if (ImGui::Button("Zoom")) out.push_back(ZoomToLayer{layer.id});
    ImGui::EndDisabled();
    itemTooltip("Zoom to layer");
    ImGui::SameLine();
    if (ImGui::Button("\xC3\x97##remove", {button, 0.f})) out.push_back(RemoveLayer{layer.id});
    itemTooltip(("Remove layer\n\n" + tooltip).c_str());

    // Second line: style, indented under the name.
    ImGui::Indent(button + st.ItemSpacing.x);
    if (layer.data && layer.data->hasPolygons()) {
        changed |= ImGui::Checkbox("##filled", &style.filled);
        itemTooltip("Fill polygons");
        ImGui::SameLine(0.f, st.ItemInnerSpacing.x);
        ImGui::BeginDisabled(!style.filled);
        changed |= colorEdit("Fill", style.fill);
        ImGui::EndDisabled();
        ImGui::SameLine();
    }
    changed |= colorEdit("Outline", style.outline);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(64.f * scale);
    changed |= ImGui::DragFloat("##width", &style.outlineWidthPx, 0.05f, 0.f, 20.f, "%.1f px",
                                ImGuiSliderFlags_AlwaysClamp);
    itemTooltip("Outline width (logical pixels); drag or double-click to type");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1.f);
    float percent = style.opacity * 100.f;
    if (ImGui::SliderFloat("##opacity", &percent, 0.f, 100.f, "%.0f%%", ImGuiSliderFlags_AlwaysClamp)) {
        style.opacity = percent / 100.f;
        changed = true;
    }
    itemTooltip("Opacity");

    // Third line: which attribute labels the features (e.g. name_local for Cyrillic) and how large.
    if (layer.data && !layer.data->fieldNames.empty()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Labels");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(130.f * scale);
        const char* current = style.labelField.empty() ? "(none)" : style.labelField.c_str();
        if (ImGui::BeginCombo("##labelField", current)) {
            if (ImGui::Selectable("(none)", style.labelField.empty())) {
                style.labelField.clear();
                changed = true;
            }
            for (const auto& field : layer.data->fieldNames) {
                if (ImGui::Selectable(field.c_str(), field == style.labelField)) {
                    style.labelField = field;
                    changed = true;
                }
            }
            ImGui::EndCombo();
        }
        itemTooltip("Attribute to label features with");
        ImGui::SameLine();
        ImGui::BeginDisabled(style.labelField.empty());
        ImGui::SetNextItemWidth(64.f * scale);
        changed |= ImGui::DragFloat("##labelSize", &style.labelSizePx, 0.1f, 6.f, 48.f, "%.0f px",
                                    ImGuiSliderFlags_AlwaysClamp);
        itemTooltip("Label size (logical pixels)");
        ImGui::SameLine();
        changed |= colorEdit("##labelColor", style.labelColor);
        itemTooltip("Label colour");
        ImGui::EndDisabled();
    }
    ImGui::Unindent(button + st.ItemSpacing.x);
    ImGui::Separator();

    if (changed) out.push_back(SetLayerStyle{layer.id, style});
    ImGui::PopID();
}

}  // namespace fp
