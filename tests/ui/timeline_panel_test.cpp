#include <gtest/gtest.h>
#include <imgui_internal.h>

#include "main_ui_fixture.h"
#include "ui/panels/incident_tooltip.h"

namespace fp {
namespace {

TimePoint utc(int y, int mo, int d, int h = 0) {
    return fromCivil({y, mo, d, h, 0, 0});
}

Incident incident(std::string id, std::string category, TimePoint start,
                  std::optional<TimePoint> end = std::nullopt, TimePrecision precision = TimePrecision::Day) {
    Incident inc;
    inc.id = id;
    inc.title = "Incident " + id;
    inc.category = std::move(category);
    inc.start = start;
    inc.end = end;
    inc.timePrecision = precision;
    inc.location = {20.9, 42.9};
    return inc;
}

MapState stateWithIncidents() {
    MapScene scene;
    IncidentLayer layer;
    layer.id = nextLayerId();
    layer.name = "kosovo";
    layer.data = std::make_shared<IncidentStore>(IncidentStore::build({
        incident("road", "Roadblock / Protest", utc(2022, 12, 10), utc(2022, 12, 29)),
        incident("arrest", "Arrest", utc(2022, 12, 12)),
        incident("talks", "Diplomacy", utc(2022, 12, 20)),
        incident("week", "Political statement / Demand", utc(2022, 12, 14), std::nullopt,
                 TimePrecision::Week),
        incident("shooting", "Armed violence", utc(2023, 1, 6)),
    }));
    scene.incidentLayers.push_back(std::move(layer));
    return std::move(MapState::create(std::move(scene))).value();
}

class TimelineUiTest : public test::MainUiFixture {
protected:
    TimelineUiTest() : MainUiFixture(stateWithIncidents()) { step(); }

    /// One frame, its commands applied by the session (its playback clock included).
    CommandList step() {
        CommandList out = frame();
        for (const Command& c : out) EXPECT_TRUE(apply(c).ok());
        ui.setPlaying(session.playing());
        return out;
    }
    /// Presses and releases `key`; the commands of the press frame.
    CommandList press(int key) {
        harness.io().KeysDown[key] = true;
        CommandList out = step();
        harness.io().KeysDown[key] = false;
        step();
        return out;
    }
    void setTime(TimeWindowSpec spec, TimePoint cursor) {
        TimeState t = state.time();
        t.window = spec;
        t.cursor = cursor;
        EXPECT_TRUE(apply(SetTimeState{t}).ok());
        step();
    }
    ImVec2 overTimeline(TimePoint t) {
        const float* r = ui.timeline().canvasRect();
        return {ui.timeline().screenX(t), 0.5f * (r[1] + r[3])};
    }
    /// Left-drag from `from` to `to` over a few frames; all commands emitted.
    CommandList drag(ImVec2 from, ImVec2 to) {
        CommandList all;
        auto keep = [&](CommandList out) { all.insert(all.end(), out.begin(), out.end()); };
        harness.io().MousePos = from;
        keep(step());
        harness.io().MouseDown[0] = true;
        keep(step());
        for (int i = 1; i <= 4; ++i) {
            harness.io().MousePos = {from.x + (to.x - from.x) * i / 4.f, from.y + (to.y - from.y) * i / 4.f};
            keep(step());
        }
        harness.io().MouseDown[0] = false;
        keep(step());
        return all;
    }
    TimelinePanel& timeline() { return ui.timeline(); }
    void setPlayback(double speed, TimeStep step) {
        PlaybackSettings playback = state.playback();
        playback.speed = speed;
        playback.step = step;
        EXPECT_TRUE(apply(SetPlayback{playback}).ok());
    }
};

constexpr int64_t kDay = kSecondsPerDay;

template <class T>
bool has(const CommandList& out) {
    for (const auto& c : out)
        if (std::holds_alternative<T>(c)) return true;
    return false;
}

TEST_F(TimelineUiTest, SpacePlaysAndTimeAdvancesByWallClockUntilPaused) {
    ASSERT_EQ(state.time().window.mode, WindowMode::All);
    EXPECT_TRUE(has<Play>(press(test::kKeySpace)));
    EXPECT_TRUE(session.playing());
    EXPECT_TRUE(timeline().playing());
    // From all time, playing switches to a moving window one step (a day) long at the start of the data.
    EXPECT_EQ(state.time().window, (TimeWindowSpec{WindowMode::Moving, kDay, 0}));
    const TimePoint start = state.time().cursor;
    EXPECT_EQ(start, playbackBounds(state.time(), state.dataTimeSpan()).begin);
    setPlayback(kDay, state.playback().step);  // 1 day per second
    session.advancePlayback(0.5);
    EXPECT_EQ(state.time().cursor.seconds, start.seconds + kDay / 2);
    EXPECT_TRUE(has<Pause>(press(test::kKeySpace)));
    EXPECT_FALSE(session.playing());
    session.advancePlayback(0.5);
    EXPECT_EQ(state.time().cursor.seconds, start.seconds + kDay / 2);
}

TEST_F(TimelineUiTest, ThePlayButtonPlaysAndPauses) {
    setTime({WindowMode::Moving, 7 * kDay, 0}, utc(2022, 12, 20));
    auto clickPlay = [&] {
        const auto& r = timeline().playButtonRect();
        const ImVec2 at{0.5f * (r[0] + r[2]), 0.5f * (r[1] + r[3])};
        return drag(at, at);
    };
    EXPECT_TRUE(has<Play>(clickPlay()));
    EXPECT_TRUE(session.playing());
    EXPECT_EQ(state.time().cursor, utc(2022, 12, 20));  // plays from where the cursor is
    setPlayback(3600.0, state.playback().step);
    session.advancePlayback(2.0);
    EXPECT_EQ(state.time().cursor, utc(2022, 12, 20, 2));
    EXPECT_TRUE(has<Pause>(clickPlay()));
    EXPECT_FALSE(session.playing());
}

TEST_F(TimelineUiTest, ArrowsAndHomeEndActOnTimeOverTheTimelineAndOnTheMapElsewhere) {
    setTime({WindowMode::Moving, kDay, 0}, utc(2022, 12, 20));
    harness.io().MousePos = {640.f, 150.f};  // over the map
    step();
    CommandList out = press(test::kKeyRight);
    EXPECT_FALSE(has<StepTime>(out));
    EXPECT_TRUE(has<Pan>(out));
    EXPECT_TRUE(has<ResetView>(press(test::kKeyHome)));
    EXPECT_EQ(state.time().cursor, utc(2022, 12, 20));

    harness.io().MousePos = overTimeline(utc(2022, 12, 25));
    step();
    out = press(test::kKeyRight);
    EXPECT_TRUE(has<StepTime>(out));
    EXPECT_FALSE(has<Pan>(out));
    EXPECT_EQ(state.time().cursor, utc(2022, 12, 21));
    setPlayback(state.playback().speed, {StepUnit::Week, 1});
    press(test::kKeyLeft);
    EXPECT_EQ(state.time().cursor, utc(2022, 12, 14));
    press(test::kKeyEnd);
    EXPECT_EQ(state.time().cursor, state.dataTimeSpan().end);
    out = press(test::kKeyHome);
    EXPECT_FALSE(has<ResetView>(out));
    EXPECT_EQ(state.time().cursor, playbackBounds(state.time(), state.dataTimeSpan()).begin);
}

TEST_F(TimelineUiTest, DraggingTheWindowMovesItAndDraggingAnEdgeChangesItsLength) {
    setTime({WindowMode::Moving, 7 * kDay, 0}, utc(2022, 12, 21));
    const float perDay = timeline().screenX(utc(2022, 12, 2)) - timeline().screenX(utc(2022, 12, 1));
    ASSERT_GT(perDay, 5.f);
    // The whole window, two days later.
    ImVec2 from = overTimeline(utc(2022, 12, 17));
    drag(from, {from.x + 2.f * perDay, from.y});
    EXPECT_EQ(state.time().cursor, utc(2022, 12, 23));
    EXPECT_EQ(state.time().window.seconds, 7 * kDay);
    // The end edge three days later: the start stays, the window is ten days long.
    from = overTimeline(utc(2022, 12, 23));
    drag(from, {from.x + 3.f * perDay, from.y});
    EXPECT_EQ(state.time().cursor, utc(2022, 12, 26));
    EXPECT_EQ(windowAt(state.time(), state.dataTimeSpan()).begin, utc(2022, 12, 16));
    // The start edge two days earlier: the cursor stays.
    from = overTimeline(utc(2022, 12, 16));
    drag(from, {from.x - 2.f * perDay, from.y});
    EXPECT_EQ(state.time().cursor, utc(2022, 12, 26));
    EXPECT_EQ(windowAt(state.time(), state.dataTimeSpan()).begin, utc(2022, 12, 14));
    EXPECT_EQ(state.time().window.seconds, 12 * kDay);
}

TEST_F(TimelineUiTest, AClickOnTheTimelineShowsThatDayEvenFromAllTime) {
    ASSERT_EQ(state.time().window.mode, WindowMode::All);
    const ImVec2 at = overTimeline(utc(2022, 12, 20, 12));
    const CommandList out = drag(at, at);  // press and release without moving: a click
    EXPECT_TRUE(has<SetTimeState>(out));
    EXPECT_EQ(state.time().window.mode, WindowMode::Moving);
    const TimeSpan w = windowAt(state.time(), state.dataTimeSpan());
    EXPECT_TRUE(overlaps({utc(2022, 12, 20, 12), utc(2022, 12, 20, 13)}, w));
    EXPECT_EQ(state.time().cursor, utc(2022, 12, 21));  // the end of the clicked day (day bins at this zoom)
}

TEST_F(TimelineUiTest, HoveringABinOrASpanBarShowsATooltip) {
    auto tooltipShown = [] {
        const ImGuiWindow* w = ImGui::FindWindowByName("##Tooltip_00");
        return w && w->Active;
    };
    harness.io().MousePos = {640.f, 150.f};  // over the map: no tooltip
    step();
    EXPECT_FALSE(tooltipShown());
    harness.io().MousePos = overTimeline(utc(2022, 12, 12, 12));  // the arrest's day bin
    step();
    EXPECT_TRUE(tooltipShown());
    harness.io().MousePos = {640.f, 150.f};
    step();
    EXPECT_FALSE(tooltipShown());
    // The roadblock's bar, in the first lane along the top of the timeline.
    harness.io().MousePos = {timeline().screenX(utc(2022, 12, 20)), timeline().canvasRect()[1] + 6.f};
    step();
    EXPECT_TRUE(tooltipShown());
}

TEST_F(TimelineUiTest, TheTimelineFollowsTheWindowWhenTheCursorMovesElsewhere) {
    setTime({WindowMode::Moving, kDay, 0}, utc(2022, 12, 12));
    timeline().setView(TimelineView({utc(2022, 12, 10), utc(2022, 12, 15)}));
    step();
    harness.io().MousePos = overTimeline(utc(2022, 12, 12));
    step();
    press(test::kKeyEnd);
    step();
    const float* canvas = timeline().canvasRect();
    const float x = timeline().screenX(state.time().cursor);
    EXPECT_GE(x, canvas[0]);
    EXPECT_LE(x, canvas[2]);
    EXPECT_NEAR(timeline().view().lengthSeconds(), 5.0 * kDay, 1.0);  // panned, not zoomed
}

TEST_F(TimelineUiTest, WheelZoomsTheTimelineAboutTheMouseNotTheMap) {
    harness.io().MousePos = overTimeline(utc(2022, 12, 20));
    step();
    const double before = timeline().view().lengthSeconds();
    harness.io().MouseWheel = 2.f;
    const CommandList out = step();
    harness.io().MouseWheel = 0.f;
    step();
    EXPECT_FALSE(has<Zoom>(out));
    EXPECT_LT(timeline().view().lengthSeconds(), before * 0.7);
    EXPECT_NEAR(timeline().screenX(utc(2022, 12, 20)), harness.io().MousePos.x, 1.0);
}

TEST_F(TimelineUiTest, ATypedDateJumpsThereAndAnInvalidOneShowsAnErrorAndChangesNothing) {
    setTime({WindowMode::Moving, 7 * kDay, 0}, utc(2022, 12, 21));
    timeline().focusDateField();
    step();
    step();  // the focus request lands on the next frame
    harness.io().AddInputCharactersUTF8("2022-12-40");
    step();
    EXPECT_EQ(timeline().dateText(), "2022-12-40");
    CommandList out = press(test::kKeyEnter);
    EXPECT_FALSE(has<SetTimeState>(out));
    EXPECT_FALSE(timeline().dateError().empty());
    EXPECT_EQ(state.time().cursor, utc(2022, 12, 21));

    timeline().dateText().clear();
    timeline().focusDateField();
    step();
    step();
    harness.io().AddInputCharactersUTF8("2023-01-06");
    step();
    EXPECT_EQ(timeline().dateText(), "2023-01-06");
    EXPECT_TRUE(timeline().dateError().empty());  // editing clears the error
    out = press(test::kKeyEnter);
    EXPECT_TRUE(has<SetTimeState>(out));
    EXPECT_EQ(state.time().cursor, utc(2023, 1, 7));  // the end of the typed day: the day is in the window
    EXPECT_EQ(state.time().window.seconds, 7 * kDay);
}

TEST_F(TimelineUiTest, TheTableListsOnlyTheWindowAndTheTooltipSaysWhere) {
    ui.setIncidentPanelOpen(IncidentPanelId::Table, true);
    step();
    IncidentTablePanel& table = ui.incidentTable();
    EXPECT_EQ(table.rows().size(), 5u);  // all time: every incident
    const IncidentStore& store = *state.scene().incidentLayers[0].data;
    auto ids = [&] {
        std::string s;
        for (uint32_t r : table.rows()) s += std::string(store.id(r)) + " ";
        return s;
    };
    setTime({WindowMode::Moving, kDay, 0}, utc(2022, 12, 21));  // 20 December
    EXPECT_TRUE(table.inWindowOnly());
    EXPECT_EQ(ids(), "road talks ");  // the roadblock spans the day; the talks are on it
    setTime({WindowMode::Moving, 7 * kDay, 0}, utc(2022, 12, 18));
    // Changed again within a fifth of a second: the table catches up a few frames later.
    EXPECT_TRUE(table.filterPending() || ids() == "road arrest week ");
    for (int i = 0; i < 15; ++i) step();
    EXPECT_FALSE(table.filterPending());
    EXPECT_EQ(ids(), "road arrest week ");  // 11-17 December; the week-precise statement covers 12-18
    table.setInWindowOnly(false);
    step();
    EXPECT_EQ(table.rows().size(), 5u);

    size_t shooting = 0;
    while (store.id(shooting) != "shooting") ++shooting;
    EXPECT_EQ(incidentWindowStatus(store, shooting, state.scene()),
              "After the time window (11\xE2\x80\x93"
              "17 December 2022)");
    EXPECT_EQ(incidentWindowStatus(store, 0, state.scene()).rfind("In the time window", 0), 0u);
    setTime({WindowMode::All, 0, 0}, utc(2022, 12, 18));
    EXPECT_EQ(incidentWindowStatus(store, shooting, state.scene()), "");
}

}  // namespace
}  // namespace fp
