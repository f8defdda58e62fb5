#include "ui/panels/layers_panel.h"

#include <gtest/gtest.h>
#include <imgui_internal.h>

#include <optional>

#include "imgui_harness.h"

namespace fp {
namespace {

std::shared_ptr<const VectorLayer> makeLayer(const std::string& name, double lon, double lat) {
    auto layer = std::make_shared<VectorLayer>();
    layer->displayName = name;
    layer->sourcePath = "/data/" + name + ".geojson";
    layer->driverName = "GeoJSON";
    layer->sourceCrsName = "WGS 84";
    layer->geometry.vertices = {{lon, lat}};
    layer->geometry.ringStart = {0, 1};
    layer->geometry.partRingStart = {0, 1};
    layer->geometry.partKind = {PartKind::Point};
    layer->geometry.featurePartStart = {0, 1};
    layer->labelAnchors = {{lon, lat}};
    layer->featureAreaDeg2 = {0.0};
    layer->extent.extend(lon, lat);
    return layer;
}

class LayersPanelTest : public ::testing::Test {
protected:
    LayersPanelTest() : state(makeState()) {}

    static MapState makeState() {
        MapScene scene;
        scene.addLayer(makeLayer("bottom", 20.0, 43.0), {});
        scene.addLayer(makeLayer("top", 21.0, 42.5), {});
        auto created = MapState::create(std::move(scene));
        EXPECT_TRUE(created.ok());
        return std::move(created).value();
    }

    CommandList frame() {
        CommandList out;
        LogSnapshot log;
        ui.frame([&] {
            UiContext ctx{state, log};
            panel.draw(ctx, out);
        });
        return out;
    }

    /// Screen position of a layer's visibility checkbox: the panel is drawn with the mouse at each point of a
    /// column through the checkboxes until ImGui reports that item hovered.
    std::optional<ImVec2> findVisibilityCheckbox(uint64_t layerId) {
        frame();
        ImGuiWindow* window = ImGui::FindWindowByName(panel.title());
        if (!window) return std::nullopt;
        ImGuiID target = 0;
        ui.frame([&] {
            ImGui::Begin(panel.title());
            ImGui::BeginChild("##layers");
            ImGui::PushID(("layer" + std::to_string(layerId)).c_str());
            target = ImGui::GetID("##visible");
            ImGui::PopID();
            ImGui::EndChild();
            ImGui::End();
        });
        const float x = window->Pos.x + ImGui::GetStyle().WindowPadding.x + ImGui::GetFrameHeight() * 0.5f;
        for (float y = window->Pos.y; y < window->Pos.y + window->Size.y; y += 2.f) {
            ui.io().MousePos = {x, y};
            frame();
            if (ImGui::GetCurrentContext()->HoveredId == target) return ImVec2(x, y);
        }
        return std::nullopt;
    }

    test::ImGuiHarness ui;
    MapState state;
    LayersPanel panel;
};

TEST_F(LayersPanelTest, ListsTheTopmostLayerFirst) {
    const uint64_t bottom = state.scene().layers.front().id;
    const uint64_t top = state.scene().layers.back().id;
    auto topBox = findVisibilityCheckbox(top);
    auto bottomBox = findVisibilityCheckbox(bottom);
    ASSERT_TRUE(topBox && bottomBox);
    EXPECT_LT(topBox->y, bottomBox->y);
}

TEST_F(LayersPanelTest, ClickingTheCheckboxHidesTheLayer) {
    const MapLayer& layer = state.scene().layers.back();
    auto box = findVisibilityCheckbox(layer.id);
    ASSERT_TRUE(box);
    ui.io().MousePos = *box;
    ui.io().MouseDown[0] = true;
    EXPECT_TRUE(frame().empty());
    ui.io().MouseDown[0] = false;
    CommandList out = frame();  // a checkbox toggles on release
    ASSERT_EQ(out.size(), 1u);
    const auto* set = std::get_if<SetLayerStyle>(&out[0]);
    ASSERT_NE(set, nullptr);
    EXPECT_EQ(set->layerId, layer.id);
    EXPECT_FALSE(set->style.visible);
    EXPECT_EQ(set->style.fill, layer.style.fill);  // nothing else changed
    EXPECT_EQ(set->style.outlineWidthPx, layer.style.outlineWidthPx);
}

TEST_F(LayersPanelTest, EnterInThePathFieldAddsTheCleanedPath) {
    panel.setPathText("  \"/data/my roads.shp\" ");
    panel.focusPathField();
    frame();
    frame();  // the focus request takes effect
    ui.io().KeysDown[test::kKeyEnter] = true;
    CommandList out = frame();
    ui.io().KeysDown[test::kKeyEnter] = false;
    ASSERT_EQ(out.size(), 1u);
    const auto* add = std::get_if<AddLayer>(&out[0]);
    ASSERT_NE(add, nullptr);
    EXPECT_EQ(add->path, "/data/my roads.shp");

    // A failure keeps the text for correcting; success clears it.
    panel.addLayerFinished(add->path, false, "/data/my roads.shp: file not found");
    EXPECT_EQ(panel.pathText(), "  \"/data/my roads.shp\" ");
    panel.addLayerFinished(add->path, true, "");
    EXPECT_EQ(panel.pathText(), "");
}

TEST_F(LayersPanelTest, EmptyPathAddsNothing) {
    panel.setPathText("   ");
    panel.focusPathField();
    frame();
    frame();
    ui.io().KeysDown[test::kKeyEnter] = true;
    EXPECT_TRUE(frame().empty());
}

TEST(LayerTooltip, NamesSourceFeaturesAndCrs) {
    MapLayer layer;
    layer.data = makeLayer("roads", 20.0, 43.0);
    const std::string text = layerTooltip(layer);
    EXPECT_NE(text.find("/data/roads.geojson"), std::string::npos);
    EXPECT_NE(text.find("Features: 1"), std::string::npos);
    EXPECT_NE(text.find("Source CRS: WGS 84"), std::string::npos);
}

}  // namespace
}  // namespace fp
