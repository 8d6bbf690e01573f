// Issue 7's must-show at the real kiosk: a technician calibrates the whole
// `kiosk` program through its screen. The kiosk runs fullscreen on a private
// Xvfb (--profile e2e-technician) with the replay camera filming a grey card
// held in the booth as its board's lamps and seat light and move it, the
// board reached by the real libusb driver on lightseat-sim's umockdev bus,
// the test slip printed through a real temporary cupsd and the logs sent to
// a socket bound in journald's place. Before it starts, `kioskctl calibrate`
// (the technicians' terminal) sets the PIN and saves two earlier profiles,
// the seat's, in the kiosk's state folder.
//
// xdotool holds a finger in the configured corner (the hidden gesture), types
// a wrong PIN and then the right one on the keypad, prints the printer's test
// slip and balances the lights from the menu, rolls the profile back and
// leaves; every touch lands where kiosk-ui's own layout code puts the target
// for config/ui/ (e2e/screen_twin.h). What the kiosk did is read where a
// technician or an auditor would read it: the slip cupsd captured, `kioskctl
// calibrate profile show` and `log`, the audit file. A screenshot of every
// screen, and of the moments within one (the wrong-PIN notice, the figures of
// a run), is kept in the build tree (kiosk-technician-artefacts/).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "calibration/profile_store_json.h"
#include "calibration/technician_pin_config.h"
#include "core/json_file.h"
#include "core/paths.h"
#include "e2e/kiosk_run.h"
#include "e2e/screen_twin.h"
#include "e2e/step_follower.h"
#include "e2e/touch_screen.h"
#include "kiosk/local_date.h"
#include "support/background_program.h"
#include "support/cupsd_fixture.h"
#include "support/fake_journald.h"
#include "support/review_server_process.h"
#include "support/shell_command.h"
#include "support/slip_reading.h"
#include "support/test_folder.h"
#include "support/x_pointer.h"
#include "support/x_screen_grab.h"
#include "support/xvfb_display.h"

namespace {

using namespace std::chrono;
using namespace kiosk::test;
using kiosk::session::Action;
using kiosk::ui::Layout;

// The test's technician. The PINs are long enough that no timestamp, count
// or id in a log can hold them by chance.
const std::string kTechnician = "e2e.tech";
const std::string kPin = "7391046285";
const std::string kWrongPin = "2468013579";

const std::filesystem::path kArtefacts = std::filesystem::current_path() / "kiosk-technician-artefacts";

constexpr milliseconds kScreenSettles{250};

// A command line's words quoted for sh.
std::string quoted(const std::string& word)
{
    std::string out = "'";
    for (const char c : word)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Pixels of a part of the screen that stand out from its most common colour:
// drawn text and marks, none on an empty panel.
int ink(const cv::Mat& grab, const cv::Rect& area)
{
    const cv::Mat part = grab(area & cv::Rect(0, 0, grab.cols, grab.rows));
    if (part.empty())
        return 0;
    std::map<std::uint32_t, int> counts;
    for (int y = 0; y < part.rows; ++y)
        for (int x = 0; x < part.cols; ++x) {
            const auto p = part.at<cv::Vec3b>(y, x);
            ++counts[(p[0] << 16) | (p[1] << 8) | p[2]];
        }
    const auto ground = std::max_element(counts.begin(), counts.end(),
                                         [](const auto& a, const auto& b) { return a.second < b.second; })->first;
    const cv::Vec3i base((ground >> 16) & 255, (ground >> 8) & 255, ground & 255);
    int standing_out = 0;
    for (int y = 0; y < part.rows; ++y)
        for (int x = 0; x < part.cols; ++x) {
            const auto p = part.at<cv::Vec3b>(y, x);
            if (std::abs(p[0] - base[0]) + std::abs(p[1] - base[1]) + std::abs(p[2] - base[2]) > 90)
                ++standing_out;
        }
    return standing_out;
}

class KioskTechnician : public ::testing::Test {
protected:
    void SetUp() override
    {
        state_ = root_.path() / "state";
        // kioskctl reads the PIN from its standard input, never its command
        // line: the test hands it over in a file only its user can read.
        pin_file_ = root_.path() / "pin";
        std::ofstream(pin_file_) << kPin << "\n";
        std::filesystem::permissions(pin_file_, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    }

    struct ToolRun {
        int status = -1;
        std::string out, err;
    };

    // `kioskctl calibrate <args>` on the kiosk's state folder, the PIN on its
    // stdin; on the emulated board's bus when `on_board`.
    ToolRun kioskctl(const std::string& args, bool on_board = false)
    {
        const auto out = root_.path() / "kioskctl.out", err = root_.path() / "kioskctl.err";
        const std::string inner = quoted(KIOSKCTL_BIN) + " calibrate " + args + " --state-dir " +
                                  quoted(state_.string()) + " < " + quoted(pin_file_.string());
        // lightseat-sim reads studio lines on its own stdin: it gets none.
        const std::string command =
            (on_board ? quoted(LIGHTSEAT_SIM_BIN) + " --log-level warn -- sh -c " + quoted(inner) + " < /dev/null"
                      : inner) +
            " > " + quoted(out.string()) + " 2> " + quoted(err.string());
        ToolRun run;
        const int status = std::system(command.c_str());
        run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        run.out = read_text_file(out);
        run.err = read_text_file(err);
        tool_output_ += run.out + run.err;
        return run;
    }

    nlohmann::json profiles()
    {
        const auto run = kioskctl("profile show --json");
        EXPECT_EQ(run.status, 0) << run.err;
        return nlohmann::json::parse(run.out);
    }

    // The technicians' log as `kioskctl calibrate log` prints it.
    std::vector<nlohmann::json> audit()
    {
        const auto run = kioskctl("log --last 0 --jsonl");
        EXPECT_EQ(run.status, 0) << run.err;
        std::vector<nlohmann::json> entries;
        std::istringstream lines(run.out);
        for (std::string line; std::getline(lines, line);)
            if (!line.empty())
                entries.push_back(nlohmann::json::parse(line));
        return entries;
    }

    // Waits for a log entry past the first `seen` that `match` accepts.
    std::optional<nlohmann::json> wait_for_entry(std::size_t seen,
                                                 const std::function<bool(const nlohmann::json&)>& match,
                                                 seconds timeout)
    {
        const auto deadline = steady_clock::now() + timeout;
        for (;;) {
            const auto entries = audit();
            for (std::size_t i = seen; i < entries.size(); ++i)
                if (match(entries[i]))
                    return entries[i];
            if (steady_clock::now() > deadline)
                return std::nullopt;
            std::this_thread::sleep_for(200ms);
        }
    }

    kiosk::test::TestFolder root_{"kiosk-technician"};
    std::filesystem::path state_, pin_file_;
    std::string tool_output_;   // everything kioskctl printed
};

void keep(const cv::Mat& grab, const std::string& moment)
{
    cv::imwrite((kArtefacts / ("moment-" + moment + ".png")).string(), grab);
}

// What the technician holds up in the booth to balance the lights: a
// mid-grey card where the face will be (calibration.json's light_balance
// grey_card_region) before the empty, light backdrop, at the replay camera's
// stream size; the folder config/kiosk/e2e-technician.json's footage is in.
std::filesystem::path film_grey_card(const std::filesystem::path& folder)
{
    const auto replay = kiosk::load_json_file(kiosk::config_dir() / "kiosk" / "walk-up-camera.json");
    const cv::Size size(replay.at("stream").at("width").get<int>(), replay.at("stream").at("height").get<int>());
    cv::Mat picture(size, CV_8UC3, cv::Scalar::all(200));
    cv::rectangle(picture, cv::Rect(size.width * 2 / 5, size.height / 4, size.width / 5, size.height / 2),
                  cv::Scalar::all(128), cv::FILLED);
    std::filesystem::create_directories(folder);
    const auto profile = kiosk::load_json_file(kiosk::config_dir() / "kiosk" / "e2e-technician.json");
    cv::imwrite((folder / profile.at("camera").at("footage").get<std::string>()).string(), picture);
    return folder;
}

// The menu's state of the calibration profile, as the kiosk answers it
// (TechnicianDesk), from `kioskctl calibrate profile show --json`.
kiosk::session::CalibrationReports menu_reports(const nlohmann::json& shown)
{
    kiosk::session::CalibrationReports out;
    if (shown.at("active").is_null())
        return out;
    const auto active = kiosk::calibration::profile_from_json(shown.at("active"), {}, "profile show");
    out.reports = active.reports;
    out.profile = kiosk::session::ProfileSummary{active.id, active.version, active.technician,
                                                 kiosk::runtime::local_minute(active.created),
                                                 !shown.at("previous").is_null()};
    return out;
}

// Whether a profile as `profile show --json` prints it has a part.
bool holds(const nlohmann::json& profile, const std::string& part)
{
    return profile.contains(part) && !profile.at(part).is_null();
}

const nlohmann::json* report_of(const nlohmann::json& profile, const std::string& procedure)
{
    for (const auto& r : profile.at("reports"))
        if (r.at("procedure") == procedure)
            return &r;
    return nullptr;
}

// Every byte of every file under `folder` (links not followed), for "the PIN
// was never written anywhere".
std::vector<std::pair<std::filesystem::path, std::string>> every_file(const std::filesystem::path& folder)
{
    std::vector<std::pair<std::filesystem::path, std::string>> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder))
        if (entry.is_regular_file() && !entry.is_symlink())
            files.emplace_back(entry.path(), read_text_file(entry.path()));
    return files;
}

TEST_F(KioskTechnician, ATechnicianCalibratesThroughTheKiosksScreenAndEverythingIsLoggedWithoutThePin)
{
    if (const auto missing = touch_screen_missing(); !missing.empty())
        GTEST_SKIP() << missing;
    std::filesystem::remove_all(kArtefacts);
    std::filesystem::create_directories(kArtefacts);
    std::printf("screenshots of every screen: %s\n", kArtefacts.c_str());

    // The technicians' terminal, before the kiosk starts: a PIN, and two
    // earlier profiles (the seat's end stops on the emulated board, measured
    // twice), so a rollback has somewhere to go whatever the screen's runs make.
    std::vector<std::string> earlier_profiles;
    {
        const auto set = kioskctl("pin set " + kTechnician);
        ASSERT_EQ(set.status, 0) << set.out << set.err;
        for (int run = 0; run < 2; ++run) {
            const auto seat = kioskctl("seat --save --json", true);
            ASSERT_EQ(seat.status, 0) << seat.out << seat.err;
            const auto doc = nlohmann::json::parse(seat.out);
            ASSERT_EQ(doc.at("outcome"), "pass") << seat.out;
            earlier_profiles.push_back(doc.at("profile"));
        }
    }
    const auto before = profiles();
    ASSERT_FALSE(before.at("active").is_null()) << before.dump(2);
    std::string earlier = before.at("active").at("id");
    EXPECT_EQ(earlier, earlier_profiles.back());
    const auto audit_before = audit().size();

    ScreenTwin twin(Layout::Portrait);
    const auto& metrics = twin.settings().metrics;
    XvfbDisplay display(metrics.width, metrics.height);
    TemporaryCupsd cupsd;
    const auto captured = cupsd.add_queue("receipt", "capture");
    std::optional<FakeJournald> journald;
    const auto journal_problem = FakeJournald::unavailable();
    if (!journal_problem)
        journald.emplace();

    // Nothing listens on the review service's port: no citizen is served here.
    const auto footage = film_grey_card(root_.path() / "booth");
    const auto steps_file = root_.path() / "steps.txt";
    BackgroundProgram board({LIGHTSEAT_SIM_BIN, "--log-level", "warn", "--", KIOSK_BIN, "--profile", "e2e-technician",
                             "--state-dir", state_.string(), "--upload-config",
                             write_kiosk_upload_config(root_.path(), free_loopback_port()).string(), "--printer-config",
                             write_cups_printer_config(root_.path(), cupsd.host(), cupsd.port(), "receipt").string(),
                             "--faces", footage.string(), "--screenshots", kArtefacts.string(), "--report-steps",
                             steps_file.string(), "--log-journal", "--log-level", "debug"},
                            root_.path(), "kiosk");
    StepFollower steps(steps_file);
    ASSERT_TRUE(steps.wait_for(twin.report_line(), 90s))
        << "the kiosk did not reach the attract screen; at: " << steps.newest() << "\n" << board.err();
    ASSERT_TRUE(wait_for_screenshot(kArtefacts, "attract", 30s)) << board.err();
    const auto window = find_window("^kiosk$", 20s);
    ASSERT_TRUE(window) << "no kiosk window on " << display.name();
    const TouchScreen screen(window_geometry(*window), metrics);
    std::this_thread::sleep_for(kScreenSettles);

    // A short press in the corner is nobody's business: no PIN screen, no visit.
    const auto& gesture = twin.settings().technician_gesture;
    screen.touch(twin.technician_corner());
    std::this_thread::sleep_for(gesture.hold + 1s);
    EXPECT_EQ(steps.newest(), "attract -") << "a short press in the corner opened something";
    for (const auto& seen : steps.lines())
        EXPECT_TRUE(seen.line.starts_with("attract ")) << "left attract: " << seen.line;

    // Held: the PIN screen.
    screen.hold(twin.technician_corner(), gesture.hold + 500ms);
    twin.apply(kiosk::session::TechnicianGesture{});
    ASSERT_TRUE(steps.wait_for(twin.report_line(), 10s)) << "kiosk at: " << steps.newest();
    ASSERT_EQ(steps.newest(), "technician_pin -");
    std::this_thread::sleep_for(kScreenSettles);

    const auto type_pin = [&](const std::string& pin) {
        std::string typed;
        for (const char digit : pin) {
            screen.touch(twin.pin_key(digit));
            typed += digit;
            twin.apply(kiosk::session::TechnicianPinEdited{typed});
        }
        std::this_thread::sleep_for(kScreenSettles);
    };
    const auto pin_settings = kiosk::calibration::load_technician_pin_config(kiosk::config_dir() / "calibration" /
                                                                            "calibration.json");

    // A wrong PIN: the notice says how many tries are left.
    type_pin(kWrongPin);
    const auto before_wrong = grab_screen();
    const auto entries_before_wrong = audit().size();
    screen.touch(twin.button(Action::Next));
    twin.apply(kiosk::session::ActionTouched{Action::Next});
    const auto wrong = wait_for_entry(
        entries_before_wrong, [](const auto& e) { return e.at("event") == "entry"; }, 20s);
    ASSERT_TRUE(wrong) << "the kiosk did not check the PIN";
    EXPECT_EQ(wrong->at("outcome"), "wrong") << wrong->dump();
    EXPECT_EQ(wrong->at("technician"), "") << "a wrong PIN names nobody";
    twin.apply(kiosk::session::TechnicianPinChecked{kiosk::session::PinVerdict::Wrong, "",
                                                    pin_settings.wrong_tries_before_lock - 1, {}});
    std::this_thread::sleep_for(kScreenSettles * 2);
    const auto notice = screen.pixels(twin.layout().notice);
    const auto wrong_notice = grab_screen();
    keep(wrong_notice, "technician_pin-wrong");
    EXPECT_EQ(steps.newest(), "technician_pin -") << "a wrong PIN stays on the PIN screen";
    EXPECT_LT(ink(before_wrong, notice), 20) << "a notice before the PIN was checked";
    EXPECT_GT(ink(wrong_notice, notice), 200) << "no wrong-PIN notice drawn";
    {
        const auto status = kioskctl("pin status");
        EXPECT_NE(status.out.find("wrong tries 1"), std::string::npos) << status.out;
    }

    // The right PIN: the menu, with the earlier profile's seat report.
    type_pin(kPin);
    screen.touch(twin.button(Action::Next));
    twin.apply(kiosk::session::ActionTouched{Action::Next});
    twin.apply(kiosk::session::TechnicianPinChecked{kiosk::session::PinVerdict::Accepted, kTechnician, 0, {}});
    ASSERT_TRUE(steps.wait_for(twin.report_line(), 20s)) << "kiosk at: " << steps.newest();
    ASSERT_EQ(steps.newest(), "technician_menu -");
    twin.apply(menu_reports(before));
    std::this_thread::sleep_for(kScreenSettles * 2);
    keep(grab_screen(), "technician_menu-entered");

    // The printer's test slip, on the real queue.
    {
        const auto seen = audit().size();
        screen.touch(twin.procedure("printer"));
        twin.apply(kiosk::session::ProcedureChosen{"printer"});
        const auto ran = wait_for_entry(
            seen,
            [](const auto& e) {
                return e.at("event") == "procedure" && e.at("detail").template get<std::string>().find("printer") !=
                                                           std::string::npos;
            },
            60s);
        ASSERT_TRUE(ran) << "the printer check did not run; kiosk:\n" << board.err();
        EXPECT_EQ(ran->at("technician"), kTechnician);
        EXPECT_EQ(ran->at("outcome"), "pass") << ran->dump();
        kiosk::calibration::ProcedureReport report;
        report.procedure = "printer";
        report.outcome = kiosk::calibration::Outcome::Pass;
        twin.apply(kiosk::session::CalibrationReports{{report}, menu_reports(profiles()).profile});
        std::this_thread::sleep_for(kScreenSettles * 2);
        keep(grab_screen(), "technician_menu-printer");

        std::vector<std::filesystem::path> jobs;
        for (const auto& entry : std::filesystem::directory_iterator(captured))
            if (entry.path().extension() == ".pdf")
                jobs.push_back(entry.path());
        ASSERT_EQ(jobs.size(), 1u) << "one test slip";
        const std::string slip = pdf_text(jobs.front());
        std::printf("the test slip cupsd captured:\n%s\n", slip.c_str());
        const auto en = kiosk::load_json_file(kiosk::config_dir() / "text" / "en.json");
        EXPECT_NE(slip.find(en.at("calibration").at("printer").at("test_slip_title").get<std::string>()),
                  std::string::npos)
            << slip;
        EXPECT_NE(slip.find(kKioskId), std::string::npos) << slip;
    }

    // Light balance with the booth filmed: it passes, a new profile holds its
    // levels, and its figures are on the screen.
    {
        const auto row_before = grab_screen();
        const auto seen = audit().size();
        const auto started = steady_clock::now();
        screen.touch(twin.procedure("light_balance"));
        twin.apply(kiosk::session::ProcedureChosen{"light_balance"});
        const auto ran = wait_for_entry(
            seen,
            [](const auto& e) {
                return e.at("event") == "procedure" &&
                       e.at("detail").template get<std::string>().find("light_balance") != std::string::npos;
            },
            120s);
        ASSERT_TRUE(ran) << "light balance did not finish; kiosk:\n" << board.err();
        std::printf("light balance from the screen: %.1f s\n", duration<double>(steady_clock::now() - started).count());
        EXPECT_EQ(ran->at("technician"), kTechnician);
        // The lamps start where citizens are lit (the active profile's), not
        // off as the idle board has them at attract.
        ASSERT_EQ(ran->at("outcome"), "pass") << ran->dump();
        ASSERT_TRUE(wait_for_entry(seen, [](const auto& e) { return e.at("event") == "profile_saved"; }, 10s))
            << "no new profile saved";

        const auto after = profiles();
        std::printf("kioskctl calibrate profile show --json:\n%s\n", after.dump(2).c_str());
        const auto& active = after.at("active");
        ASSERT_FALSE(active.is_null());
        EXPECT_NE(active.at("id"), earlier) << "a new profile is active";
        EXPECT_EQ(active.at("technician"), kTechnician);
        EXPECT_TRUE(holds(active, "lights")) << "the balanced levels are the profile's";
        EXPECT_TRUE(holds(active, "seat")) << "the earlier profile's seat is kept";
        EXPECT_EQ(after.at("previous").at("id"), earlier);
        const auto* balance = report_of(active, "light_balance");
        ASSERT_TRUE(balance) << active.dump(2);
        EXPECT_EQ(balance->at("outcome"), "pass");
        ASSERT_FALSE(balance->at("figures").empty());
        twin.apply(menu_reports(after));
        std::this_thread::sleep_for(kScreenSettles * 2);
        const auto row = screen.pixels(twin.procedure_row("light_balance"));
        const auto row_after = grab_screen();
        keep(row_after, "technician_menu-light_balance");
        const int ink_before = ink(row_before, row), ink_after = ink(row_after, row);
        std::printf("light balance row: %d marked pixels before the run, %d after\n", ink_before, ink_after);
        EXPECT_GT(ink_after, ink_before + 200) << "the run's outcome and figures are not on the screen";
    }

    // One touch back: the earlier profile is active again.
    {
        const auto seen = audit().size();
        screen.touch(twin.button(Action::RollbackProfile));
        twin.apply(kiosk::session::ActionTouched{Action::RollbackProfile});
        const auto rolled = wait_for_entry(
            seen, [](const auto& e) { return e.at("event") == "profile_rollback"; }, 20s);
        ASSERT_TRUE(rolled) << "no rollback; kiosk:\n" << board.err();
        EXPECT_EQ(rolled->at("technician"), kTechnician);
        const auto back = profiles();
        EXPECT_EQ(back.at("active").at("id"), earlier) << back.dump(2);
        EXPECT_FALSE(holds(back.at("active"), "lights"));
        twin.apply(menu_reports(back));
        std::this_thread::sleep_for(kScreenSettles * 2);
        keep(grab_screen(), "technician_menu-rolled_back");
    }

    // Cancel: back to attract.
    screen.touch(twin.button(Action::Cancel));
    twin.apply(kiosk::session::ActionTouched{Action::Cancel});
    EXPECT_TRUE(steps.wait_for(twin.report_line(), 10s)) << "kiosk at: " << steps.newest();
    EXPECT_EQ(steps.newest(), "attract -");

    board.say("status");
    board.say("quit");
    const int status = board.wait(30s);
    const std::string out = board.out(), err = board.err();
    EXPECT_EQ(status, 0) << "stderr:\n" << err;
    std::printf("the board at the end: %s\n", first_match(out, "(lights \\d+/\\d+/\\d+ seat \\d+ mm)").c_str());
    std::string journal;
    if (journald) {
        std::this_thread::sleep_for(300ms);
        journal = journald->raw();
        journald.reset();
        EXPECT_NE(journal.find("technician " + kTechnician), std::string::npos)
            << "the kiosk's log reached the fake journald";
    } else {
        std::printf("the journal is not read: %s\n", journal_problem->c_str());
    }

    // The technicians' log: every entry and change, with who.
    const auto entries = audit();
    std::printf("kioskctl calibrate log:\n");
    for (const auto& e : entries)
        std::printf("  %s\n", e.dump().c_str());
    std::vector<std::string> kiosk_events;
    for (std::size_t i = audit_before; i < entries.size(); ++i) {
        const auto& e = entries[i];
        kiosk_events.push_back(e.at("event").get<std::string>() + " " + e.at("outcome").get<std::string>());
        if (e.at("event") != "entry" || e.at("outcome") == "ok") {
            EXPECT_EQ(e.at("technician"), kTechnician) << e.dump();
        }
    }
    for (const char* expected : {"entry wrong", "entry ok", "procedure pass", "profile_rollback ok"})
        EXPECT_NE(std::find(kiosk_events.begin(), kiosk_events.end(), expected), kiosk_events.end()) << expected;

    // The PIN (and the wrong one) is nowhere: the kiosk's output and
    // journal, its step report, kioskctl's output, any file of the state
    // folder (the audit log, the PIN hashes, the profiles).
    auto state_files = every_file(state_);
    state_files.emplace_back("kiosk stdout", out);
    state_files.emplace_back("kiosk stderr", err);
    state_files.emplace_back("journal", journal);
    state_files.emplace_back("step report", read_text_file(steps_file));
    state_files.emplace_back("kioskctl", tool_output_);
    for (const auto& [where, text] : state_files)
        for (const auto& pin : {kPin, kWrongPin})
            EXPECT_EQ(text.find(pin), std::string::npos) << "a PIN in " << where;

    // A screenshot of each screen the technician saw.
    std::set<std::string> screens;
    for (const auto& entry : std::filesystem::directory_iterator(kArtefacts))
        screens.insert(entry.path().stem().string().substr(3));
    for (const char* step : {"attract", "technician_pin", "technician_menu"})
        EXPECT_TRUE(screens.contains(step)) << step;

}

} // namespace
