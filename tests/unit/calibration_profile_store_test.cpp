// Calibration profiles on a real disk: versions, one-touch rollback, pruning,
// damaged and half-written files, and a reader racing the writer.
#include <atomic>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "calibration/profile_store.h"
#include "core/durable_file.h"
#include "core/error.h"
#include "support/test_folder.h"

namespace {

using namespace kiosk;
using namespace kiosk::calibration;
using namespace std::chrono;
namespace fs = std::filesystem;

const system_clock::time_point kStart = sys_days(year{2026} / November / 25) + hours(18);

class ProfileStoreTest : public ::testing::Test {
protected:
    ProfileStore store(int keep = 5) { return ProfileStore(folder.path(), {keep}, audit); }

    CalibrationProfile with_lights(std::uint16_t left)
    {
        CalibrationProfile draft;
        draft.lights = lightseat::LightLevels{left, 500, 300};
        return draft;
    }

    fs::path plate(const std::string& name, int grey)
    {
        const auto file = folder.path() / name;
        cv::imwrite(file.string(), cv::Mat(48, 64, CV_8UC3, cv::Scalar(grey, grey, grey)));
        return file;
    }

    kiosk::test::TestFolder folder{"kiosk-calibration"};
    AuditLog audit{folder.path()};
};

TEST_F(ProfileStoreTest, NeverCalibratedIsNoProfileAndNoProblem)
{
    const auto lookup = store().active(kStart);
    EXPECT_FALSE(lookup.profile);
    EXPECT_EQ(lookup.problem, "");
    EXPECT_THROW(store().rollback("li.wei", kStart), InputError);
}

TEST_F(ProfileStoreTest, EveryPartAndReportRoundTrips)
{
    CalibrationProfile draft;
    draft.camera = camera::CameraControls{false, microseconds(8000), 1.5f, false, {1.25f, 0.75f}};
    draft.lights = lightseat::LightLevels{610, 590, 300};
    draft.seat = SeatMap{380, 640, -2.5};
    draft.background_plate = plate("plate.png", 200);
    draft.reports.push_back({"light_balance", Outcome::Pass,
                             {{"left_right_ratio", 0.98, 0.95, ">=", ""}, {"steps", 4, std::nullopt, "", ""}},
                             "calibration.advice.lights_balanced", "balanced in 4 steps"});
    const auto saved = store().save(draft, "li.wei", kStart);
    EXPECT_EQ(saved.version, 1);
    EXPECT_EQ(saved.id, "20261125T180000Z-1");

    const auto lookup = store().active(kStart + seconds(90));
    ASSERT_TRUE(lookup.profile) << lookup.problem;
    const auto& p = *lookup.profile;
    EXPECT_EQ(lookup.age, seconds(90));
    EXPECT_EQ(p.id, saved.id);
    EXPECT_EQ(p.technician, "li.wei");
    EXPECT_EQ(p.created, kStart);
    EXPECT_EQ(p.camera, draft.camera);
    EXPECT_EQ(p.lights, draft.lights);
    ASSERT_TRUE(p.seat);
    EXPECT_EQ(p.seat->upper_stop_mm, 640);
    EXPECT_DOUBLE_EQ(p.seat->eye_px_per_mm, -2.5);
    ASSERT_TRUE(p.background_plate);
    EXPECT_EQ(*p.background_plate, store().folder() / saved.id / "background.png");
    EXPECT_EQ(read_whole_file(*p.background_plate), read_whole_file(*draft.background_plate));
    ASSERT_EQ(p.reports.size(), 1u);
    EXPECT_EQ(p.reports[0].outcome, Outcome::Pass);
    EXPECT_EQ(p.reports[0].figures[0].limit, 0.95);
    EXPECT_FALSE(p.reports[0].figures[1].limit);
    EXPECT_EQ(p.reports[0].detail, "balanced in 4 steps");
    // A clock set behind the profile's time shows no negative age.
    EXPECT_EQ(store().active(kStart - hours(1)).age, seconds(0));
}

TEST_F(ProfileStoreTest, RollbackSwapsAndASecondRollbackComesForward)
{
    const auto first = store().save(with_lights(400), "li.wei", kStart);
    const auto second = store().save(with_lights(600), "wang", kStart + minutes(5));
    EXPECT_EQ(store().active(kStart).profile->id, second.id);
    EXPECT_EQ(store().previous()->id, first.id);

    EXPECT_EQ(store().rollback("wang", kStart + minutes(6)).id, first.id);
    EXPECT_EQ(store().active(kStart).profile->lights->key_left, 400);
    EXPECT_EQ(store().previous()->id, second.id);
    EXPECT_EQ(store().rollback("wang", kStart + minutes(7)).id, second.id);
    EXPECT_EQ(store().active(kStart).profile->lights->key_left, 600);

    const auto log = audit.read();
    ASSERT_EQ(log.entries.size(), 4u);
    EXPECT_EQ(log.entries[1].event, AuditEvent::ProfileSaved);
    EXPECT_EQ(log.entries[1].detail, second.id);
    EXPECT_EQ(log.entries[2].event, AuditEvent::ProfileRollback);
    EXPECT_EQ(log.entries[2].technician, "wang");
    EXPECT_EQ(log.entries[2].detail, "to " + first.id + " from " + second.id);
}

TEST_F(ProfileStoreTest, ADraftKeepsTheOtherProceduresParts)
{
    auto first = with_lights(450);
    first.background_plate = plate("plate.png", 210);
    store().save(first, "li.wei", kStart);

    auto draft = store().draft();
    EXPECT_TRUE(draft.reports.empty());
    draft.seat = SeatMap{390, 650, -2.0};
    const auto second = store().save(draft, "li.wei", kStart + minutes(1));
    const auto active = *store().active(kStart).profile;
    EXPECT_EQ(active.lights->key_left, 450);
    EXPECT_EQ(active.seat->lower_stop_mm, 390);
    // The plate was copied into the new profile's own folder, so pruning the old one cannot take it away.
    EXPECT_EQ(active.background_plate->parent_path(), store().folder() / second.id);
    EXPECT_TRUE(fs::exists(*active.background_plate));
}

TEST_F(ProfileStoreTest, ADraftCarriesTheReportsThatMadeTheActiveProfile)
{
    auto first = with_lights(450);
    first.reports.push_back({"light_balance", Outcome::Pass, {{"balance", 0.98, 0.95, ">=", ""}},
                             "calibration.advice.lights_done", "balanced"});
    first.reports.push_back({"seat", Outcome::Pass, {}, "calibration.seat.done", "as configured"});
    store().save(first, "li.wei", kStart);

    const auto draft = store().draft();
    ASSERT_EQ(draft.reports.size(), 2u) << "a profile made by one procedure must not forget the others' results";
    EXPECT_EQ(draft.reports[0].procedure, "light_balance");
    ASSERT_EQ(draft.reports[0].figures.size(), 1u);
    EXPECT_DOUBLE_EQ(draft.reports[0].figures[0].value, 0.98);
    EXPECT_EQ(draft.reports[1].procedure, "seat");
    EXPECT_EQ(draft.reports[1].advice_key, "calibration.seat.done");
}

TEST_F(ProfileStoreTest, OlderProfilesArePrunedButTheRollbackPairStays)
{
    for (int i = 0; i < 6; ++i)
        store(3).save(with_lights(static_cast<std::uint16_t>(100 + i)), "li.wei", kStart + minutes(i));
    auto ids = store(3).stored_ids();
    ASSERT_EQ(ids.size(), 3u);
    EXPECT_EQ(ids.front(), "20261125T180500Z-6");
    EXPECT_EQ(ids.back(), "20261125T180300Z-4");

    // Back to 5, then a new save: 7 active, 5 its previous, 6 the newest other.
    store(3).rollback("li.wei", kStart + minutes(10));
    store(3).save(with_lights(300), "li.wei", kStart + minutes(11));
    ids = store(3).stored_ids();
    EXPECT_EQ(ids, (std::vector<std::string>{"20261125T181100Z-7", "20261125T180500Z-6", "20261125T180400Z-5"}));
    EXPECT_EQ(store(3).previous()->version, 5);
    EXPECT_EQ(store(2).save(with_lights(301), "li.wei", kStart + minutes(12)).version, 8);
    EXPECT_EQ(store(2).stored_ids().size(), 2u);
}

TEST_F(ProfileStoreTest, DamagedActiveProfileIsReportedAndTheLastGoodOneUsed)
{
    const auto first = store().save(with_lights(400), "li.wei", kStart);
    auto with_plate = with_lights(600);
    with_plate.background_plate = plate("plate.png", 190);
    const auto second = store().save(with_plate, "li.wei", kStart + minutes(1));
    const auto profile_file = store().folder() / second.id / "profile.json";
    const auto good = read_whole_file(profile_file);

    // Torn in half.
    { std::ofstream(profile_file, std::ios::trunc) << good.substr(0, good.size() / 2); }
    auto lookup = store().active(kStart);
    ASSERT_TRUE(lookup.profile);
    EXPECT_EQ(lookup.profile->id, first.id);
    EXPECT_NE(lookup.problem.find(profile_file.string()), std::string::npos) << lookup.problem;

    // Well-formed JSON saying something impossible.
    { std::ofstream(profile_file, std::ios::trunc) << R"({"id":")" + second.id + R"(","version":0})"; }
    lookup = store().active(kStart);
    EXPECT_EQ(lookup.profile->id, first.id);
    EXPECT_NE(lookup.problem.find("version"), std::string::npos) << lookup.problem;

    // Readable, but its plate is gone.
    { std::ofstream(profile_file, std::ios::trunc) << good; }
    EXPECT_EQ(store().active(kStart).problem, "");
    fs::remove(store().folder() / second.id / "background.png");
    lookup = store().active(kStart);
    EXPECT_EQ(lookup.profile->id, first.id);
    EXPECT_NE(lookup.problem.find("background.png"), std::string::npos) << lookup.problem;

    // A rollback cannot go to a damaged profile either, and says why.
    store().rollback("li.wei", kStart + minutes(2));
    try {
        store().rollback("li.wei", kStart + minutes(3));
        FAIL() << "rolled forward onto a profile without its plate";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("background.png"), std::string::npos) << e.what();
    }
}

TEST_F(ProfileStoreTest, DamagedPointerFallsBackToTheNewestReadableProfile)
{
    store().save(with_lights(400), "li.wei", kStart);
    const auto second = store().save(with_lights(600), "li.wei", kStart + minutes(1));
    { std::ofstream(store().folder() / "current.json", std::ios::trunc) << "{\"act"; }
    const auto lookup = store().active(kStart);
    ASSERT_TRUE(lookup.profile);
    EXPECT_EQ(lookup.profile->id, second.id);
    EXPECT_NE(lookup.problem.find("current.json"), std::string::npos) << lookup.problem;
}

TEST_F(ProfileStoreTest, ACrashBeforeTheRenameLeavesTheOldProfileActive)
{
    const auto first = store().save(with_lights(400), "li.wei", kStart);
    // What a crash leaves: a half-written next profile folder and a pointer temp file.
    const auto torn = store().folder() / "20261125T180100Z-2.tmp";
    fs::create_directories(torn);
    { std::ofstream(torn / "profile.json") << R"({"id":"20261125T180100Z-2","vers)"; }
    { std::ofstream(store().folder() / "current.json.tmp") << R"({"active":"20261125T1801)"; }

    const auto lookup = store().active(kStart);
    EXPECT_EQ(lookup.profile->id, first.id);
    EXPECT_EQ(lookup.problem, "");
    EXPECT_EQ(store().stored_ids(), std::vector<std::string>{first.id});

    const auto next = store().save(with_lights(500), "li.wei", kStart + minutes(2));
    EXPECT_EQ(next.version, 2);
    EXPECT_FALSE(fs::exists(torn));
    EXPECT_EQ(store().active(kStart).profile->id, next.id);
}

TEST_F(ProfileStoreTest, AFailedSaveChangesNothing)
{
    const auto first = store().save(with_lights(400), "li.wei", kStart);
    auto bad = with_lights(500);
    bad.background_plate = folder.path() / "not-a-plate.png";
    { std::ofstream(*bad.background_plate) << "GIF89a"; }
    EXPECT_THROW(store().save(bad, "li.wei", kStart + minutes(1)), InputError);
    EXPECT_EQ(store().active(kStart).profile->id, first.id);
    EXPECT_EQ(store().stored_ids(), std::vector<std::string>{first.id});
    for (const auto& entry : fs::directory_iterator(store().folder()))
        EXPECT_FALSE(entry.path().filename().string().ends_with(".tmp")) << entry.path();
}

TEST_F(ProfileStoreTest, AReaderRacingSavesAndPruningAlwaysSeesAWholeProfile)
{
    store(2).save(with_lights(1), "li.wei", kStart);
    std::atomic<bool> done{false};
    std::atomic<int> reads{0};
    std::string reader_problem;
    int newest_seen = 0;
    std::thread reader([&] {
        // Its own store object, as another process would have.
        AuditLog reader_audit(folder.path());
        const ProfileStore reading(folder.path(), {2}, reader_audit);
        while (!done) {
            const auto lookup = reading.active(kStart);
            ++reads;
            if (!lookup.problem.empty() || !lookup.profile) {
                reader_problem = lookup.problem.empty() ? "no profile" : lookup.problem;
                return;
            }
            // The lights were saved equal to the version: a torn read would mix them.
            if (lookup.profile->lights->key_left != lookup.profile->version) {
                reader_problem = "profile " + lookup.profile->id + " carries another version's lights";
                return;
            }
            if (lookup.profile->version < newest_seen) {
                reader_problem = "went back from " + std::to_string(newest_seen);
                return;
            }
            newest_seen = lookup.profile->version;
        }
    });
    for (int version = 2; version <= 40; ++version)
        store(2).save(with_lights(static_cast<std::uint16_t>(version)), "li.wei", kStart + seconds(version));
    done = true;
    reader.join();
    EXPECT_EQ(reader_problem, "");
    EXPECT_GE(reads.load(), 10);
    EXPECT_EQ(store(2).stored_ids().size(), 2u);
    std::printf("concurrent reader: %d reads during 39 saves, newest seen v%d\n", reads.load(), newest_seen);
}

} // namespace
