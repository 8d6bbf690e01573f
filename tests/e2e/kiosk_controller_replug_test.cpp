// The whole `kiosk` program keeps the booth lit when its light/seat board
// comes late or comes back. CI once saw the board answer a few milliseconds
// after the citizen reached the pose: the kiosk lit the booth only as the pose
// began, so the lamps stayed off for the visit and the dark frames kept the
// necklace check failing. Here the kiosk runs headless with its scripted
// citizen (--script walkup) and the e2e-usb wiring: the replay camera filming
// a real portrait relit by the board's lamps, the board reached by the real
// libusb driver on lightseat-sim's umockdev bus, slips written as PDF files,
// photos handed to a real review-server on loopback. The test plugs, pulls
// and replugs the board while the citizen poses and reads the lamps back from
// the emulated board itself: at the still they must show the visit's working
// levels (config/session.json lights.start, or where its servo shifted them).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

#include "core/paths.h"
#include "e2e/kiosk_run.h"
#include "e2e/step_follower.h"
#include "e2e/studio_board.h"
#include "session/light_servo.h"
#include "session/session_settings.h"
#include "support/background_program.h"
#include "support/faces.h"
#include "support/review_server_process.h"
#include "support/shell_command.h"
#include "support/test_folder.h"

namespace {

using namespace std::chrono;
using namespace kiosk::test;
using kiosk::lightseat::LightLevels;

// What the scripted citizen types (config/kiosk/walk-up-citizen.json): none
// of it may reach the kiosk's output or its step report.
const std::vector<std::string> kTyped{"张伟", "11010519491231002X", "13800138000"};

// A board that arrives is found by hotplug, or at the latest by the driver's
// next rescan (backoff up to 2 s, config/lightseat/controller.json), then lit
// after one status read and one SetLights: 5 s dark means never lit.
constexpr milliseconds kLightingPatience{5000};
// How long the cable stays out before it goes back in, as a person's hand.
constexpr milliseconds kCableOut{1000};
// Between two readings of the lamps while the citizen poses: many per second
// of the countdown, without keeping the simulator's console busy.
constexpr milliseconds kReadingPace{50};

std::string describe(const LightLevels& l)
{
    return std::to_string(l.key_left) + "/" + std::to_string(l.key_right) + "/" + std::to_string(l.background);
}

double ms(StepFollower::Clock::duration d)
{
    return duration<double, std::milli>(d).count();
}

// What the kiosk printed, without the simulator's console answers that share its stdout.
std::string kiosk_lines(const std::string& out)
{
    std::istringstream lines(out);
    std::string kept;
    for (std::string line; std::getline(lines, line);)
        if (!line.starts_with("lights ") && line != "ok")
            kept += line + "\n";
    return kept;
}

class KioskControllerReplug : public ::testing::Test {
protected:
    // The review service, then the kiosk as lightseat-sim's child (only it sees
    // the emulated bus), its board in or out of the socket.
    void start_kiosk(const std::filesystem::path& faces, bool board_plugged)
    {
        server_ = std::make_unique<ReviewServerProcess>(REVIEW_SERVER_BIN, root_ / "review", free_loopback_port(),
                                                        kKioskId, kKioskSigningKey);
        server_->start();
        std::vector<std::string> args{LIGHTSEAT_SIM_BIN, "--log-level", "warn"};
        if (!board_plugged)
            args.push_back("--unplugged");
        const std::vector<std::string> kiosk{"--", KIOSK_BIN, "--headless", "--script", "walkup", "--profile",
                                             "e2e-usb", "--state-dir", (root_ / "state").string(), "--upload-config",
                                             write_kiosk_upload_config(root_, server_->port()).string(),
                                             "--printer-config", write_slip_folder_printer().string(), "--faces",
                                             faces.string(), "--report-steps", steps_file().string()};
        args.insert(args.end(), kiosk.begin(), kiosk.end());
        simulator_ = std::make_unique<BackgroundProgram>(args, root_, "kiosk");
        board_ = std::make_unique<StudioBoard>(*simulator_);
        steps_ = std::make_unique<StepFollower>(steps_file());
    }

    std::filesystem::path steps_file() const { return root_ / "steps.txt"; }

    // Slips as PDF files in the test's folder: the printer is not what this test is about.
    std::filesystem::path write_slip_folder_printer() const
    {
        const auto config = root_ / "printer" / "e2e-slips.json";
        std::filesystem::create_directories(config.parent_path());
        std::filesystem::create_directories(root_ / "slips");
        std::ofstream(config) << nlohmann::json{{"backend", "file"},
                                                {"paper", "80mm"},
                                                {"copies", 1},
                                                {"folder", (root_ / "slips").string()}}
                                     .dump();
        return config;
    }

    // One of the levels this visit's light servo can set: the start levels
    // with light shifted from one key lamp to the other, the backdrop's as it was.
    bool working_levels(const LightLevels& levels) const
    {
        const int shift = levels.key_left - lights_.start.key_left;
        return std::abs(shift) <= lights_.max_shift && kiosk::session::levels_for_shift(lights_, shift) == levels;
    }

    // Reads the board until its lamps show working levels; the last reading
    // either way.
    BoardReading wait_until_lit(milliseconds patience)
    {
        const auto deadline = StepFollower::Clock::now() + patience;
        for (;;) {
            const auto reading = board_->read();
            if (!reading)
                throw std::runtime_error("lightseat-sim did not answer \"status\"\n" + simulator_->err());
            if (working_levels(reading->lights) || StepFollower::Clock::now() > deadline)
                return *reading;
        }
    }

    // Whether the kiosk has reported `step` at any time so far.
    bool reported(const std::string& step)
    {
        const auto& lines = steps_->lines();
        return std::any_of(lines.begin(), lines.end(),
                           [&](const auto& seen) { return seen.line.starts_with(step + " "); });
    }
    bool still_asked_for() { return reported("capturing"); }

    // Keeps reading the lamps until the kiosk reports the still being taken:
    // every reading from here on, and so the last one before the still, must
    // show working levels.
    void expect_lit_until_the_still()
    {
        std::optional<LightLevels> last;
        int readings = 0, off = 0;
        std::string first_off;
        const auto give_up = StepFollower::Clock::now() + seconds(40);
        while (!still_asked_for()) {
            ASSERT_LT(StepFollower::Clock::now(), give_up) << "no still; kiosk at: " << steps_->newest();
            const auto reading = board_->read();
            ASSERT_TRUE(reading) << "lightseat-sim did not answer \"status\"";
            if (still_asked_for())
                break;   // read while the still may already have been taken
            if (!working_levels(reading->lights) && off++ == 0)
                first_off = describe(reading->lights) + " at " + steps_->newest();
            last = reading->lights;
            ++readings;
            std::this_thread::sleep_for(kReadingPace);
        }
        ASSERT_TRUE(last) << "the still came before the lamps could be read";
        EXPECT_EQ(off, 0) << "readings of " << readings << " off the working levels, the first " << first_off;
        EXPECT_TRUE(working_levels(*last)) << "the still was taken at " << describe(*last);
        std::printf("lamps read %d times until the still, the last %s\n", readings, describe(*last).c_str());
    }

    // The visit reaches the done screen, the kiosk ends on its own, the
    // service holds the receipt and nothing typed reached the output.
    void expect_the_visit_completes()
    {
        // The scripted citizen leaves the done screen and the kiosk exits.
        const int status = simulator_->wait(seconds(60));
        const std::string out = simulator_->out(), err = simulator_->err();
        std::printf("%s", kiosk_lines(out).c_str());
        ASSERT_EQ(status, 0) << "kiosk at: " << steps_->newest() << "; stderr:\n" << err;
        EXPECT_TRUE(reported("done"));
        // The operator's log tells the board came and the booth was lit.
        EXPECT_FALSE(first_match(err, "(info: session: .*lamps set.*)").empty()) << err;
        const auto number = first_match(out, "walk-up visit: receipt ([0-9A-Z]{15})");
        ASSERT_FALSE(number.empty()) << out;
        const auto [http_status, body] = receipt_in_service(server_->port(), number, seconds(5));
        EXPECT_EQ(http_status, 200u) << body.dump();
        const std::string report = read_text_file(steps_file());
        for (const auto& typed : kTyped) {
            EXPECT_EQ(out.find(typed), std::string::npos) << typed;
            EXPECT_EQ(err.find(typed), std::string::npos) << typed;
            EXPECT_EQ(report.find(typed), std::string::npos) << typed;
        }
        EXPECT_TRUE(server_->stop());
    }

    // Declared first: removed after the programs writing into it have stopped.
    TestFolder folder_{"kiosk-replug"};
    const std::filesystem::path root_ = folder_.path();
    kiosk::session::LightServoSettings lights_ = kiosk::session::SessionSettings::load(kiosk::config_dir()).lights;
    std::unique_ptr<ReviewServerProcess> server_;
    std::unique_ptr<BackgroundProgram> simulator_;
    std::unique_ptr<StudioBoard> board_;
    std::unique_ptr<StepFollower> steps_;
};

TEST_F(KioskControllerReplug, ABoardPluggedInDuringThePoseLightsTheBoothBeforeTheStill)
{
    KIOSK_REQUIRE_FACES(faces);
    start_kiosk(faces, false);
    ASSERT_TRUE(steps_->wait_for_step("seat_and_pose", seconds(60)))
        << "kiosk at: " << steps_->newest() << "\n" << simulator_->err();
    const auto pose_began = StepFollower::Clock::now();

    // The citizen sits on the seat; the board arrives with its lamps off.
    board_->say("sit");
    const auto before = board_->read();
    ASSERT_TRUE(before);
    ASSERT_EQ(before->lights, LightLevels{}) << "a board that was never lit";
    board_->say("plug");
    const auto plugged = StepFollower::Clock::now();

    const auto lit = wait_until_lit(kLightingPatience);
    const auto lit_at = StepFollower::Clock::now();
    ASSERT_TRUE(working_levels(lit.lights))
        << "the lamps show " << describe(lit.lights) << " " << std::lround(ms(lit_at - plugged))
        << " ms after the board came (start " << describe(lights_.start) << "); kiosk at: " << steps_->newest();
    std::printf("board plugged %.0f ms into the pose, lamps at %s %.0f ms after\n", ms(plugged - pose_began),
                describe(lit.lights).c_str(), ms(lit_at - plugged));

    ASSERT_NO_FATAL_FAILURE(expect_lit_until_the_still());
    expect_the_visit_completes();
}

TEST_F(KioskControllerReplug, ABoardPulledAndPluggedBackMidPoseLightsTheBoothAgain)
{
    KIOSK_REQUIRE_FACES(faces);
    start_kiosk(faces, true);
    ASSERT_TRUE(steps_->wait_for_step("seat_and_pose", seconds(60)))
        << "kiosk at: " << steps_->newest() << "\n" << simulator_->err();
    board_->say("sit");
    const auto lit = wait_until_lit(kLightingPatience);
    ASSERT_TRUE(working_levels(lit.lights)) << "the lamps show " << describe(lit.lights) << " as the citizen poses";

    // The cable comes out with the board's power: it will come back dark.
    const auto step = steps_->newest();
    ASSERT_TRUE(step.starts_with("seat_and_pose ") || step.starts_with("countdown ")) << step;
    board_->say("power-cut");
    const auto dark = board_->read();
    ASSERT_TRUE(dark);
    ASSERT_EQ(dark->lights, LightLevels{}) << "a board without power";
    std::this_thread::sleep_for(kCableOut);
    board_->say("plug");
    const auto plugged = StepFollower::Clock::now();

    const auto relit = wait_until_lit(kLightingPatience);
    const auto relit_at = StepFollower::Clock::now();
    ASSERT_TRUE(working_levels(relit.lights))
        << "the lamps show " << describe(relit.lights) << " " << std::lround(ms(relit_at - plugged))
        << " ms after the board came back; kiosk at: " << steps_->newest();
    std::printf("board pulled at %s, plugged back after %lld ms, lamps at %s %.0f ms after\n", step.c_str(),
                static_cast<long long>(kCableOut.count()), describe(relit.lights).c_str(), ms(relit_at - plugged));

    ASSERT_NO_FATAL_FAILURE(expect_lit_until_the_still());
    expect_the_visit_completes();
}

} // namespace
