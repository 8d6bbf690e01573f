// `kioskctl calibrate` as a technician runs it over SSH: the real program,
// its PIN on standard input, the board on an emulated USB bus (lightseat-sim
// with a board whose stops differ from the host's config), the printer a
// queue on a real cupsd, the kiosk's config copied to a private folder; one
// such booth for the whole suite, a fresh state folder for each test. The
// camera is the kiosk profile's (--profile) unless --camera/--footage say else.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "calibration/audit_log.h"
#include "calibration/profile_store.h"
#include "calibration/technician_pin.h"
#include "calibration/technician_pin_config.h"
#include "core/devices_lock.h"
#include "core/json_file.h"
#include "core/paths.h"
#include "support/cupsd_fixture.h"
#include "support/faces.h"
#include "support/shell_command.h"
#include "support/slip_reading.h"
#include "unit/camera_test_folder.h"

namespace {

using namespace kiosk;

constexpr const char* kPin = "482916";

void write(const std::filesystem::path& file, const nlohmann::json& json)
{
    std::ofstream(file) << json.dump(2);
}

// The kiosk as the technician finds it, made once for the suite: its config
// copied to a private folder and pointed at a real cupsd with a capturing
// receipt queue, a board whose stops are not the host's, replay footage.
struct Booth {
    Booth()
    {
        dir = scratch.path();
        state = dir / "state";
        config = dir / "config";
        std::filesystem::copy(config_dir(), config, std::filesystem::copy_options::recursive);
        captured = cupsd.add_queue("receipt", "capture");

        auto printer = load_json_file(config / "printer/thermal-80mm.json");
        printer["server"] = cupsd.host();
        printer["port"] = cupsd.port();
        printer["poll_interval_ms"] = 20;
        write(config / "printer/test.json", printer);
        printer["queue"] = "no-such-queue";
        write(config / "printer/missing.json", printer);
        auto kiosk = load_json_file(config / "receipt/kiosk.json");
        kiosk["state_dir"] = state.string();
        kiosk["printer"] = "test";
        kiosk_id = kiosk.at("kiosk_id").get<std::string>();
        write(config / "receipt/kiosk.json", kiosk);
        auto appliance = load_json_file(config / "kiosk/kiosk.json");
        appliance["state_dir"] = state.string();
        write(config / "kiosk/kiosk.json", appliance);
        // Nothing listens here: the self-test must say the review service is unreachable.
        auto upload = load_json_file(config / "upload/upload.json");
        upload["service"]["port"] = 1;
        upload["service"]["connect_timeout_ms"] = 300;
        write(config / "upload/upload.json", upload);

        // A board whose stops are not the host's 380-620 mm, quick enough for a test.
        auto board = load_json_file(config / "lightseat/board.json");
        board["seat"]["min_mm"] = 361;
        board["seat"]["max_mm"] = 644;
        board["seat"]["start_mm"] = 500;
        board["seat"]["speed_mm_per_s"] = 250;
        write(dir / "board.json", board);

        footage = scratch.write_grey("frame.png", 128).parent_path();
    }

    camera::test::ScratchFolder scratch;
    test::TemporaryCupsd cupsd;
    std::filesystem::path dir, state, config, captured, footage;
    std::string kiosk_id;
};

class CalibrateKioskctlTest : public testing::Test {
protected:
    static void SetUpTestSuite() { booth_ = std::make_unique<Booth>(); }
    static void TearDownTestSuite() { booth_.reset(); }

    // Each test starts from an empty state folder with one technician's PIN.
    void SetUp() override
    {
        ASSERT_TRUE(booth_) << "the booth could not be set up";
        dir_ = booth_->dir;
        state_ = booth_->state;
        config_ = booth_->config;
        std::filesystem::remove_all(state_);
        calibration::AuditLog audit(state_);
        calibration::TechnicianPins(state_, calibration::load_technician_pin_config(settings()), audit)
            .set_pin("wang.tech", kPin);
    }

    // What a test may have changed of the shared booth is put back.
    void TearDown() override
    {
        if (!booth_)
            return;
        std::filesystem::remove_all(state_);
        booth_->cupsd.resume("receipt");
        std::filesystem::copy_file(config_dir() / "camera/replay.json", config_ / "camera/replay.json",
                                   std::filesystem::copy_options::overwrite_existing);
    }

    std::filesystem::path settings() const { return config_ / "calibration/calibration.json"; }

    // The PIN goes to kioskctl's own stdin: lightseat-sim reads studio events
    // from its stdin, so it gets nothing.
    test::ShellRun kioskctl(const std::string& args, const std::string& pin = kPin, bool on_board_bus = true)
    {
        const std::string inner = "printf '%s\\n' '" + pin + "' | KIOSK_CONFIG_DIR='" + config_.string() + "' " +
                                  KIOSKCTL_BIN + " calibrate " + args + " --state-dir '" + state_.string() + "'";
        const std::string command =
            (on_board_bus ? std::string(LIGHTSEAT_SIM_BIN) + " --log-level warn --board '" +
                                (dir_ / "board.json").string() + "' -- "
                          : std::string("umockdev-run -- ")) +
            "sh -c \"" + inner + "\"";
        return test::run_command_apart(command, dir_ / "stderr.txt");
    }

    static double figure(const nlohmann::json& doc, const std::string& name)
    {
        for (const auto& f : doc.at("figures"))
            if (f.at("name") == name)
                return f.at("value").get<double>();
        ADD_FAILURE() << "no figure " << name << " in " << doc.dump();
        return -1;
    }

    // The profile kioskctl left active, as the kiosk would read it.
    calibration::ProfileLookup active_profile() const
    {
        calibration::AuditLog audit(state_);
        const calibration::ProfileStore store(state_, calibration::load_profile_store_config(settings()), audit);
        return store.active();
    }

    std::vector<calibration::AuditEntry> audit_entries() const { return calibration::AuditLog(state_).read().entries; }

    std::vector<std::filesystem::path> captured_slips() const
    {
        std::vector<std::filesystem::path> slips;
        for (const auto& entry : std::filesystem::directory_iterator(booth_->captured))
            if (entry.path().extension() == ".pdf")
                slips.push_back(entry.path());
        return slips;
    }

    static inline std::unique_ptr<Booth> booth_;
    std::filesystem::path dir_, state_, config_;
};

TEST_F(CalibrateKioskctlTest, SeatFindsTheBoardsStopsAndSavesThemInANewProfile)
{
    const auto run = kioskctl("seat --json --save --technician wang.tech");
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    const auto doc = nlohmann::json::parse(run.out);
    EXPECT_EQ(doc.at("outcome"), "pass");
    EXPECT_EQ(doc.at("technician"), "wang.tech");
    EXPECT_NEAR(figure(doc, "lower_stop_mm"), 361, 1);
    EXPECT_NEAR(figure(doc, "upper_stop_mm"), 644, 1);
    EXPECT_EQ(doc.at("advice"), "calibration.seat.stops_differ");
    ASSERT_TRUE(doc.contains("profile")) << run.out;

    const auto active = active_profile();
    ASSERT_TRUE(active.profile) << active.problem;
    EXPECT_EQ(active.profile->id, doc.at("profile").get<std::string>());
    EXPECT_EQ(active.profile->technician, "wang.tech");
    ASSERT_TRUE(active.profile->seat);
    EXPECT_NEAR(active.profile->seat->lower_stop_mm, 361, 1);
    EXPECT_NEAR(active.profile->seat->upper_stop_mm, 644, 1);

    bool logged = false;
    for (const auto& e : audit_entries())
        logged = logged || (e.event == calibration::AuditEvent::Procedure && e.technician == "wang.tech" &&
                            e.outcome == "pass");
    EXPECT_TRUE(logged) << "the run is in the technicians' log";
}

TEST_F(CalibrateKioskctlTest, SeatTablePrintsProgressAndFigures)
{
    const auto run = kioskctl("seat");
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_NE(run.out.find("seat: pass"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("upper_stop_mm"), std::string::npos) << run.out;
    EXPECT_NE(run.err.find("seat: step 4 of 4"), std::string::npos) << "progress goes to stderr: " << run.err;
    EXPECT_EQ(run.err.find(kPin), std::string::npos);
    EXPECT_EQ(run.out.find(kPin), std::string::npos);
}

TEST_F(CalibrateKioskctlTest, RefusesWhileTheKioskHoldsTheDevices)
{
    const DevicesLock kiosk(state_, "kiosk");
    const auto run = kioskctl("seat --json");
    EXPECT_EQ(run.exit_code, 10) << run.out << run.err;
    EXPECT_NE(run.err.find("in use by kiosk pid"), std::string::npos) << run.err;
    EXPECT_TRUE(run.out.empty()) << "nothing was measured: " << run.out;
}

TEST_F(CalibrateKioskctlTest, AWrongPinIsRefusedAndLogged)
{
    const auto run = kioskctl("seat --json", "000000");
    EXPECT_EQ(run.exit_code, 11) << run.out << run.err;
    EXPECT_NE(run.err.find("wrong PIN"), std::string::npos) << run.err;
    const auto entries = audit_entries();
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries.back().event, calibration::AuditEvent::Entry);
    EXPECT_EQ(entries.back().outcome, "wrong");
}

TEST_F(CalibrateKioskctlTest, PrinterPrintsATestSlipOnTheRealQueue)
{
    const auto before = captured_slips();
    const auto run = kioskctl("printer --json", kPin, false);
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    const auto doc = nlohmann::json::parse(run.out);
    EXPECT_EQ(doc.at("outcome"), "pass");
    EXPECT_EQ(doc.at("advice"), "calibration.printer.done");
    auto slips = captured_slips();
    ASSERT_EQ(slips.size(), before.size() + 1) << "one test slip";
    std::erase_if(slips, [&](const auto& slip) { return std::ranges::find(before, slip) != before.end(); });
    ASSERT_EQ(slips.size(), 1u);
    const std::string text = test::pdf_text(slips.front());
    EXPECT_NE(text.find(booth_->kiosk_id), std::string::npos) << text;
}

TEST_F(CalibrateKioskctlTest, AStoppedQueueFailsWithAdviceAndPrintsNothing)
{
    booth_->cupsd.pause("receipt");
    const int jobs_before = booth_->cupsd.job_count("receipt");
    const auto run = kioskctl("printer --json", kPin, false);
    EXPECT_EQ(run.exit_code, 8) << run.out << run.err;
    const auto doc = nlohmann::json::parse(run.out);
    EXPECT_EQ(doc.at("outcome"), "fail");
    EXPECT_EQ(doc.at("advice"), "calibration.printer.queue_stopped");
    EXPECT_EQ(booth_->cupsd.job_count("receipt"), jobs_before);
}

TEST_F(CalibrateKioskctlTest, AMissingQueueCannotBeChecked)
{
    const auto run = kioskctl("printer --json --printer missing", kPin, false);
    EXPECT_EQ(run.exit_code, 9) << run.out << run.err;
    const auto doc = nlohmann::json::parse(run.out);
    EXPECT_EQ(doc.at("outcome"), "error");
    EXPECT_EQ(doc.at("advice"), "calibration.printer.unreachable");
    EXPECT_NE(doc.at("detail").get<std::string>().find("no-such-queue"), std::string::npos) << doc.dump();
}

TEST_F(CalibrateKioskctlTest, SelfTestReportsEveryDeviceAndTheMissingReviewService)
{
    // The self-test counts frames, it does not judge them: a 640x360 stream
    // costs the replay camera a quarter of the shipped 1280x720's rendering,
    // at which it once fell to 9 fps under load 13.
    auto replay = load_json_file(config_ / "camera/replay.json");
    replay["stream"]["width"] = 640;
    replay["stream"]["height"] = 360;
    write(config_ / "camera/replay.json", replay);
    const auto run = kioskctl("self-test --json --camera replay --footage '" + booth_->footage.string() + "'");
    EXPECT_EQ(run.exit_code, 8) << run.out << run.err;
    const auto doc = nlohmann::json::parse(run.out);
    EXPECT_EQ(doc.at("outcome"), "fail");
    std::map<std::string, std::string> outcomes;
    for (const auto& d : doc.at("devices"))
        outcomes[d.at("device")] = d.at("outcome");
    EXPECT_EQ(outcomes["camera"], "pass") << doc.dump(2);
    EXPECT_EQ(outcomes["controller"], "pass") << doc.dump(2);
    EXPECT_EQ(outcomes["lights"], "pass") << doc.dump(2);
    EXPECT_EQ(outcomes["seat"], "pass") << doc.dump(2);
    EXPECT_EQ(outcomes["printer"], "pass") << doc.dump(2);
    EXPECT_EQ(outcomes["upload"], "fail") << doc.dump(2);
    EXPECT_EQ(doc.at("advice"), "calibration.self_test.upload_unreachable");
    const double fps = figure(doc, "camera_fps");
    EXPECT_GE(fps, 10);
    std::cout << "self-test camera_fps, 640x360 replay stream filming the booth: " << fps << "\n";
}

TEST_F(CalibrateKioskctlTest, ExposureOnTheReplayCameraGoesIntoANewProfile)
{
    const auto run = kioskctl("exposure --json --save --camera replay --footage '" + booth_->footage.string() + "'", kPin, false);
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    const auto doc = nlohmann::json::parse(run.out);
    EXPECT_EQ(doc.at("procedure"), "exposure");
    EXPECT_EQ(doc.at("outcome"), "pass");
    ASSERT_TRUE(doc.contains("profile")) << run.out;
    const auto active = active_profile();
    ASSERT_TRUE(active.profile) << active.problem;
    EXPECT_TRUE(active.profile->camera) << "the exposure's camera controls are the profile's";
    EXPECT_FALSE(active.profile->seat) << "no other part was measured";
}

TEST_F(CalibrateKioskctlTest, SeatWithTheEyeLineSavesItsSlope)
{
    KIOSK_REQUIRE_FACES(faces);
    // A seated portrait (linked, never copied), filmed without the walk-in.
    const auto portrait = state_ / "portrait";
    std::filesystem::create_directories(portrait);
    std::filesystem::create_symlink(faces / "frl-london" / "neutral" / "002_03.jpg", portrait / "002_03.jpg");
    auto replay = load_json_file(config_ / "camera/replay.json");
    replay["motion"] = "motion/seated.json";
    write(config_ / "camera/replay.json", replay);
    const auto& seat = replay.at("booth").at("seat");
    const double expected = -seat.at("px_per_mm").get<double>() * replay.at("stream").at("height").get<double>() /
                            seat.at("frame_height").get<double>();

    const auto run = kioskctl("seat --eye-line --json --save --camera replay --footage '" + portrait.string() + "'");
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    const auto doc = nlohmann::json::parse(run.out);
    const double slope = figure(doc, "eye_px_per_mm");
    EXPECT_NEAR(slope, expected, 0.10 * std::abs(expected)) << doc.dump(2);
    const auto active = active_profile();
    ASSERT_TRUE(active.profile && active.profile->seat) << active.problem;
    EXPECT_DOUBLE_EQ(active.profile->seat->eye_px_per_mm, slope);
}

TEST_F(CalibrateKioskctlTest, TheCameraIsTheOneTheKioskProfileNames)
{
    // A technician switched this kiosk to the replay camera in its profile:
    // kioskctl films with it, no --camera or --footage needed.
    auto profile = load_json_file(config_ / "kiosk/kiosk.json");
    profile["camera"] = {{"backend", "replay"}, {"settings", "camera/replay.json"},
                         {"footage", booth_->footage.string()}};
    write(config_ / "kiosk/replay-booth.json", profile);
    const auto run = kioskctl("exposure --json --profile replay-booth", kPin, false);
    std::filesystem::remove(config_ / "kiosk/replay-booth.json");
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    const auto doc = nlohmann::json::parse(run.out);
    EXPECT_EQ(doc.at("procedure"), "exposure");
    EXPECT_EQ(doc.at("outcome"), "pass");

    // The appliance profile films with libcamera, which this emulated machine lacks.
    const auto appliance = kioskctl("exposure --json", kPin, false);
    EXPECT_EQ(appliance.exit_code, 9) << appliance.out << appliance.err;
}

TEST_F(CalibrateKioskctlTest, AKioskProfileThatDoesNotExistStopsBeforeThePin)
{
    const auto run = kioskctl("self-test --json --profile kioks", kPin, false);
    EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
    EXPECT_TRUE(run.out.empty()) << run.out;
    EXPECT_NE(run.err.find("no kiosk profile \"kioks\""), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("demo"), std::string::npos) << "lists the profiles there are: " << run.err;
    for (const auto& entry : audit_entries())
        EXPECT_NE(entry.event, calibration::AuditEvent::Entry) << "no PIN was asked for";
}

} // namespace
