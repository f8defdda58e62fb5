// The recovery copy while a large incident layer made in memory is edited: written on the keeper's own
// thread from a snapshot, at most once a second in the middle of a drag, and always with the change that
// ends it; what a write finishes is restorable, and the newest change is never the one left out.
#include "app/session/recovery_keeper.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/session/session.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

constexpr long kGonePid = 999999999;  // above pid_max: a window that is gone
constexpr double kFrame = 1.0 / 60;

MapState stateWithMemoryLayer(size_t n) {
    std::vector<Incident> rows(n);
    for (size_t i = 0; i < n; ++i) {
        rows[i].id = "i" + std::to_string(i);
        rows[i].title = "Incident " + std::to_string(i);
        rows[i].category = "Attack";
        rows[i].location = {20.0 + static_cast<double>(i % 1000) * 1e-3,
                            42.0 + static_cast<double>(i / 1000) * 1e-3};
        rows[i].start = TimePoint{1704067200 + static_cast<int64_t>(i) * 60};
    }
    MapState state = MapState::create(MapScene{}).value();
    state.addIncidentLayer(std::make_shared<const IncidentStore>(IncidentStore::build(std::move(rows))),
                           "Imported into memory");
    return state;
}

class RecoveryKeeperTest : public ::testing::Test {
protected:
    explicit RecoveryKeeperTest(size_t n = 2000)
        : dir(fs::temp_directory_path() / ("fp-recovery-keeper-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name())),
          session(stateWithMemoryLayer(n)) {
        fs::remove_all(dir);
        fs::create_directories(dir);
        session.resize(1000, 700, 1.f);
    }
    ~RecoveryKeeperTest() override { fs::remove_all(dir); }
    std::string copyPath() const { return recoveryPathFor(dir.string(), kGonePid); }
    const IncidentLayer& layer(const Session& s) const { return s.state().scene().incidentLayers.at(0); }
    /// One frame of dragging incident "i7" to longitude `lon`.
    void dragTo(double lon) {
        const IncidentStore& store = *layer(session).data;
        uint32_t index = 0;
        while (index < store.size() && store.get(index).id != "i7") ++index;
        session.nextFrame();
        const Status moved = session.apply(MoveIncident{{layer(session).id, index}, {lon, 42.5}});
        ASSERT_TRUE(moved.ok()) << moved.error().describe();
    }
    /// The longitude of "i7" in the copy on disk, loaded as Restore loads it (which then deletes it).
    double restoredLon() {
        auto copy = readRecoveryCopy(copyPath());
        EXPECT_TRUE(copy.ok()) << copy.error().describe();
        if (!copy) return 0.0;
        auto loaded = loadRecoveredProject(copy.value());
        EXPECT_TRUE(loaded.ok()) << loaded.error().describe();
        if (!loaded || loaded->state.scene().incidentLayers.empty()) return 0.0;
        EXPECT_TRUE(loaded->skipped.empty());
        const IncidentStore& store = *loaded->state.scene().incidentLayers.at(0).data;
        EXPECT_EQ(store.size(), layer(session).data->size()) << "every incident comes back";
        for (size_t i = 0; i < store.size(); ++i)
            if (store.get(i).id == "i7") return store.get(i).location.lon;
        ADD_FAILURE() << "no incident i7 in the copy";
        return 0.0;
    }
    size_t filesOfTheCopy() const {
        size_t n = 0;
        for (const auto& entry : fs::directory_iterator(dir))
            n += entry.path().filename().string().find("recovery-") != std::string::npos;
        return n;
    }

    fs::path dir;
    Session session;
};

TEST_F(RecoveryKeeperTest, ADragIsWrittenAtMostOnceASecondAndItsEndAtOnce) {
    RecoveryKeeper keeper(copyPath());
    double now = 100.0;
    dragTo(21.0);
    ASSERT_TRUE(keeper.update(session, now, true).ok());
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_EQ(keeper.writes(), 1u) << "the drag's first change is written at once";
    EXPECT_DOUBLE_EQ(restoredLon(), 21.0);

    // 1.5 s of frames with the mouse held, each moving the marker: one more copy, a second after the first.
    for (int frame = 1; frame <= 90; ++frame) {
        dragTo(21.0 + frame * 1e-3);
        ASSERT_TRUE(keeper.update(session, now + frame * kFrame, true).ok());
    }
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_EQ(keeper.writes(), 2u) << "mid-drag at most once a second";
    EXPECT_NEAR(restoredLon(), 21.060, 1e-9) << "the copy a second in, whole";

    // The button released: the frame that ends the drag writes the last position.
    now += 91 * kFrame;
    ASSERT_TRUE(keeper.update(session, now, false).ok());
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_EQ(keeper.writes(), 3u);
    EXPECT_NEAR(restoredLon(), 21.090, 1e-9) << "nothing of the drag is lost";
    ASSERT_TRUE(keeper.update(session, now + kFrame, false).ok());
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_EQ(keeper.writes(), 3u) << "no change, no write";
}

TEST_F(RecoveryKeeperTest, AMouseHeldStillGetsTheChangeWrittenWithinASecond) {
    RecoveryKeeper keeper(copyPath());
    dragTo(21.0);
    ASSERT_TRUE(keeper.update(session, 0.0, true).ok());
    dragTo(21.5);
    ASSERT_TRUE(keeper.update(session, 0.1, true).ok());
    ASSERT_TRUE(keeper.update(session, 0.5, true).ok());  // the idle loop's calls while nothing moves
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_DOUBLE_EQ(restoredLon(), 21.0);
    ASSERT_TRUE(keeper.update(session, 1.0, true).ok());
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_DOUBLE_EQ(restoredLon(), 21.5);
}

class RecoveryKeeperLargeTest : public RecoveryKeeperTest {
protected:
    RecoveryKeeperLargeTest() : RecoveryKeeperTest(50'000) {}
};

TEST_F(RecoveryKeeperLargeTest, ChangesFasterThanTheWritesEndWithTheNewestOnDisk) {
    RecoveryKeeper keeper(copyPath());
    // Every change ends an edit (keys, undo held down), faster than a copy of 50k incidents is written: those
    // that come while one is written wait, and the update after the write takes the newest.
    for (int k = 1; k <= 40; ++k) {
        dragTo(21.0 + k * 1e-2);
        ASSERT_TRUE(keeper.update(session, k * kFrame, false).ok());
    }
    ASSERT_TRUE(keeper.wait().ok());
    ASSERT_TRUE(keeper.update(session, 41 * kFrame, false).ok());  // the window's next frame, or idle call
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_GE(keeper.writes(), 1u);
    EXPECT_LE(keeper.writes(), 40u);
    EXPECT_NEAR(restoredLon(), 21.40, 1e-9) << "the last change is the one on disk";
    EXPECT_EQ(filesOfTheCopy(), 2u) << "the copy and the one incident file it names, no older ones";
    const uint64_t writes = keeper.writes();
    ASSERT_TRUE(keeper.update(session, 42 * kFrame, false).ok());
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_EQ(keeper.writes(), writes) << "written, so no more writes";
}

TEST_F(RecoveryKeeperLargeTest, AChangeDuringAWriteWaitsForItAndIsWrittenNext) {
    RecoveryKeeper keeper(copyPath());
    dragTo(22.0);
    ASSERT_TRUE(keeper.update(session, 0.0, false).ok());
    dragTo(22.25);
    ASSERT_TRUE(keeper.update(session, kFrame, false).ok());  // most likely while the first is written
    ASSERT_TRUE(keeper.wait().ok());
    ASSERT_TRUE(keeper.update(session, 2 * kFrame, false).ok());
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_DOUBLE_EQ(restoredLon(), 22.25);
}

TEST_F(RecoveryKeeperLargeTest, RemovedWhileAWriteIsUnderWayLeavesNothing) {
    RecoveryKeeper keeper(copyPath());
    dragTo(22.0);
    ASSERT_TRUE(keeper.update(session, 0.0, false).ok());
    dragTo(22.5);
    ASSERT_TRUE(keeper.update(session, kFrame, false).ok());
    keeper.remove();
    EXPECT_FALSE(keeper.written());
    EXPECT_EQ(filesOfTheCopy(), 0u) << "no copy, no incident file, no hidden temporary";
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_EQ(filesOfTheCopy(), 0u);
}

TEST_F(RecoveryKeeperTest, AFailingWriteIsSaidOnceAtTheNextUpdate) {
    const fs::path notAFolder = dir / "file";
    std::ofstream(notAFolder) << "x";
    RecoveryKeeper keeper(recoveryPathFor(notAFolder.string(), kGonePid));
    dragTo(21.0);
    ASSERT_TRUE(keeper.update(session, 0.0, false).ok()) << "the write runs on the keeper's thread";
    EXPECT_FALSE(keeper.wait().ok());
    dragTo(21.1);
    const Status said = keeper.update(session, 1.0, false);
    ASSERT_FALSE(said.ok());
    EXPECT_NE(said.error().describe().find((notAFolder / "recovery-999999999").string()), std::string::npos)
        << "names the file: " << said.error().describe();
    dragTo(21.2);
    EXPECT_TRUE(keeper.update(session, 2.0, false).ok()) << "said once per failure streak";
    keeper.wait();
    EXPECT_TRUE(keeper.update(session, 3.0, false).ok());
}

}  // namespace
}  // namespace fp
