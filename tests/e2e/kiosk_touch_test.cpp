// Issue 6's must-show: a citizen touches their way through the whole `kiosk`
// program. The kiosk runs fullscreen on a private Xvfb with the replay camera
// filming a real portrait, the light/seat board reached by its real libusb
// driver on lightseat-sim's umockdev bus, slips printed through a real
// temporary cupsd and photos handed to a real review-server on loopback.
// xdotool clicks where kiosk-ui's layout code puts each button for
// config/ui/ (worked out by a twin of the screen, e2e/screen_twin.h), types the
// applicant on the on-screen keyboard (the name in pinyin), sits down on the
// emulated seat, lets auto-capture run, accepts the photo and waits for the
// receipt: the slip cupsd captured must carry in its QR code the number the
// review service holds. A screenshot of every screen is kept in the build
// tree (kiosk-touch-artefacts/; the test's fictitious applicant and a photo
// of the shared set, never copied elsewhere).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <thread>

#include "core/paths.h"
#include "e2e/kiosk_run.h"
#include "e2e/screen_twin.h"
#include "e2e/step_follower.h"
#include "e2e/touch_screen.h"
#include "support/background_program.h"
#include "support/cupsd_fixture.h"
#include "support/faces.h"
#include "support/review_server_process.h"
#include "support/reviewer_session.h"
#include "support/shell_command.h"
#include "support/slip_reading.h"
#include "support/test_folder.h"
#include "support/x_pointer.h"
#include "support/xvfb_display.h"

namespace {

using namespace std::chrono;
using namespace kiosk::test;
using kiosk::session::Action;
using kiosk::session::Field;
using kiosk::session::Keyboard;
using kiosk::ui::Key;
using kiosk::ui::Layout;

// The test's made-up applicant: the ID number is GB 11643-1999's own sample
// (valid check character), the name and phone invented. The name is typed as
// its pinyin and its hanzi chosen among the engine's candidates.
struct Applicant {
    std::string name, name_pinyin, id_number, phone;
};
const Applicant kApplicant{"张伟", "zhangwei", "11010519491231002X", "13800138000"};
const std::string kDocument = "exit-entry";

// Kept after the test; CTest runs it in the build tree.
const std::filesystem::path kArtefacts = std::filesystem::current_path() / "kiosk-touch-artefacts";

// After the kiosk reports a new screen, the front end draws it in its next
// frame; touches wait this long so they land on what is drawn.
constexpr milliseconds kScreenSettles{250};

class KioskTouch : public ::testing::Test {
protected:
    kiosk::test::TestFolder root_{"kiosk-touch"};
};

// Touches the field (unless focused), waits for the kiosk to focus it, and
// types `text` on its keyboard; a pinyin field gets `pinyin` spelt and the
// hanzi of `text` chosen among the candidates, page by page.
void type_field(const TouchScreen& screen, ScreenTwin& twin, StepFollower& steps, Field field, const std::string& text,
                const std::string& pinyin)
{
    if (twin.view().focused_field != field) {
        screen.touch(twin.field(field));
        twin.apply(kiosk::session::FieldFocused{field});
        ASSERT_TRUE(steps.wait_for(twin.report_line(), 10s)) << "kiosk at: " << steps.newest();
        std::this_thread::sleep_for(kScreenSettles);
    }
    const auto& form = twin.view().fields;
    const auto it = std::find_if(form.begin(), form.end(), [&](const auto& f) { return f.field == field; });
    ASSERT_NE(it, form.end());
    if (it->keyboard != Keyboard::Pinyin) {
        for (const char c : text) {
            const Key key{std::nullopt, std::string(1, c)};
            screen.touch(twin.key(key));
            twin.press(key);
        }
        return;
    }
    for (const char c : pinyin) {
        const Key key{std::nullopt, std::string(1, c)};
        screen.touch(twin.key(key));
        twin.press(key);
    }
    std::string left = text;
    for (int page_turns = 0; !left.empty();) {
        const auto shown = twin.candidates();
        std::optional<std::size_t> best;
        for (std::size_t i = 0; i < shown.size(); ++i)
            if (left.starts_with(shown[i]) && (!best || shown[i].size() > shown[*best].size()))
                best = i;
        if (!best) {
            ASSERT_LT(++page_turns, 8) << "the pinyin engine does not offer " << left;
            const Key more{kiosk::ui::SpecialKey::MoreCandidates, {}};
            screen.touch(twin.key(more));
            twin.press(more);
            continue;
        }
        screen.touch(twin.candidate(*best));
        left.erase(0, shown[*best].size());
        twin.choose(*best);
    }
}

// Each step's time from the kiosk's report, as the test saw the lines come.
void print_step_times(const std::vector<StepFollower::Seen>& lines, StepFollower::Clock::time_point first_touch,
                      StepFollower::Clock::time_point receipt)
{
    std::printf("%-20s %9s\n", "step (touch walk-up)", "ms");
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].at < first_touch)
            continue;
        const auto end = i + 1 < lines.size() ? lines[i + 1].at : receipt;
        if (end > receipt)
            break;
        std::printf("%-20s %9.0f  (%s)\n", lines[i].line.substr(0, lines[i].line.find(' ')).c_str(),
                    duration<double, std::milli>(end - lines[i].at).count(), lines[i].line.c_str());
    }
}

TEST_F(KioskTouch, ACitizenTouchesThroughTheWholeKioskAndTheSlipFromCupsCarriesTheNumberTheServiceHolds)
{
    KIOSK_REQUIRE_FACES(faces);
    if (const auto missing = touch_screen_missing(); !missing.empty())
        GTEST_SKIP() << missing;
    std::filesystem::remove_all(kArtefacts);
    std::filesystem::create_directories(kArtefacts);
    std::printf("screenshots of every screen: %s\n", kArtefacts.c_str());

    ScreenTwin twin(Layout::Portrait);
    const auto& metrics = twin.settings().metrics;
    XvfbDisplay display(metrics.width, metrics.height);
    TemporaryCupsd cupsd;
    const auto captured = cupsd.add_queue("receipt", "capture");
    ReviewServerProcess server(REVIEW_SERVER_BIN, root_.path() / "review", free_loopback_port(), kKioskId, kKioskSigningKey);
    server.start();

    // The kiosk as lightseat-sim's child: only it sees the emulated USB bus.
    const auto steps_file = root_.path() / "steps.txt";
    BackgroundProgram board({LIGHTSEAT_SIM_BIN, "--log-level", "warn", "--", KIOSK_BIN, "--profile", "e2e-usb",
                             "--state-dir", (root_.path() / "state").string(), "--upload-config",
                             write_kiosk_upload_config(root_.path(), server.port()).string(), "--printer-config",
                             write_cups_printer_config(root_.path(), cupsd.host(), cupsd.port(), "receipt").string(),
                             "--faces", faces.string(), "--screenshots", kArtefacts.string(), "--report-steps",
                             steps_file.string()},
                            root_.path(), "kiosk");
    StepFollower steps(steps_file);
    ASSERT_TRUE(steps.wait_for(twin.report_line(), 90s))
        << "the kiosk did not reach the attract screen; at: " << steps.newest() << "\n" << board.err();
    // The session is ready before the screen is: touches wait for the first
    // screenshot, taken once the front end has drawn in its final window.
    ASSERT_TRUE(wait_for_screenshot(kArtefacts, "attract", 30s)) << board.err();
    const auto window = find_window("^kiosk$", 20s);
    ASSERT_TRUE(window) << "no kiosk window on " << display.name();
    const auto geometry = window_geometry(*window);
    const auto whole = display_geometry();
    EXPECT_EQ(geometry.x, 0);
    EXPECT_EQ(geometry.y, 0);
    EXPECT_EQ(geometry.width, whole.width) << "fullscreen: the window covers the screen";
    EXPECT_EQ(geometry.height, whole.height);
    const TouchScreen screen(geometry, metrics);
    std::this_thread::sleep_for(kScreenSettles);

    const auto first_touch = StepFollower::Clock::now();
    screen.touch(twin.button(Action::Start));
    twin.apply(kiosk::session::ActionTouched{Action::Start});
    ASSERT_TRUE(steps.wait_for(twin.report_line(), 10s)) << "kiosk at: " << steps.newest();
    std::this_thread::sleep_for(kScreenSettles);

    screen.touch(twin.document(kDocument));
    twin.apply(kiosk::session::DocumentChosen{kDocument});
    ASSERT_TRUE(steps.wait_for(twin.report_line(), 10s)) << "kiosk at: " << steps.newest();
    std::this_thread::sleep_for(kScreenSettles);

    for (const auto& [field, text] : {std::pair{Field::Name, kApplicant.name},
                                      std::pair{Field::IdNumber, kApplicant.id_number},
                                      std::pair{Field::Phone, kApplicant.phone}})
        ASSERT_NO_FATAL_FAILURE(type_field(screen, twin, steps, field, text, kApplicant.name_pinyin));
    // The kiosk judged every field valid, as its twin did: Next is live.
    ASSERT_TRUE(steps.wait_for(twin.report_line(), 10s)) << "twin: " << twin.report_line()
                                                         << ", kiosk: " << steps.newest();
    ASSERT_NE(twin.report_line().find(" complete"), std::string::npos) << twin.report_line();
    std::this_thread::sleep_for(kScreenSettles);
    screen.touch(twin.button(Action::Next));
    twin.apply(kiosk::session::ActionTouched{Action::Next});
    ASSERT_TRUE(steps.wait_for(twin.report_line(), 10s)) << "kiosk at: " << steps.newest();

    // The citizen sits down; the camera's subject settles, every check holds,
    // the countdown runs and the still is judged and cut.
    board.say("sit");
    ASSERT_TRUE(steps.wait_for_step("review", 90s)) << "kiosk at: " << steps.newest();
    twin.show_step(kiosk::session::Step::Review);
    std::this_thread::sleep_for(kScreenSettles);
    screen.touch(twin.button(Action::Accept));
    ASSERT_TRUE(steps.wait_for_step("done", 60s)) << "kiosk at: " << steps.newest();
    const auto receipt = StepFollower::Clock::now();

    // Finished: back to attract, the citizen forgotten.
    twin.show_step(kiosk::session::Step::Done);
    std::this_thread::sleep_for(kScreenSettles);
    screen.touch(twin.button(Action::Finish));
    EXPECT_TRUE(steps.wait_for_step("attract", 10s)) << "kiosk at: " << steps.newest();
    board.say("status");
    board.say("leave");
    board.say("quit");
    const int status = board.wait(30s);
    const std::string out = board.out(), err = board.err();
    std::printf("%s", out.c_str());
    EXPECT_EQ(status, 0) << "stderr:\n" << err;

    print_step_times(steps.lines(), first_touch, receipt);
    std::printf("touch walk-up, first touch to receipt: %.1f s\n", duration<double>(receipt - first_touch).count());
    for (const char* step : {"choose_document", "applicant_details", "seat_and_pose", "countdown", "capturing",
                             "review", "uploading", "done"}) {
        const auto& lines = steps.lines();
        EXPECT_TRUE(std::any_of(lines.begin(), lines.end(),
                                [&](const auto& seen) { return seen.line.starts_with(std::string(step) + " "); }))
            << step;
    }

    // The board was driven through USB: the kiosk set its lights.
    const auto board_state = first_match(out, "(lights \\d+/\\d+/\\d+ seat \\d+ mm)");
    ASSERT_FALSE(board_state.empty()) << out;
    EXPECT_EQ(board_state.find("lights 0/0/0"), std::string::npos) << board_state;

    // The slip cupsd's capture backend received: QR code and barcode.
    std::vector<std::filesystem::path> jobs;
    for (const auto& entry : std::filesystem::directory_iterator(captured))
        if (entry.path().extension() == ".pdf")
            jobs.push_back(entry.path());
    ASSERT_EQ(jobs.size(), 1u) << "one slip, printed once";
    const auto codes = decode_codes(pdf_raster(jobs.front(), 203));
    const auto qr = texts_of(codes, "QRCode");
    ASSERT_EQ(qr.size(), 1u);
    const auto number = receipt_in_qr(qr.front());
    EXPECT_EQ(texts_of(codes, "Code128"), std::vector<std::string>{number});
    const auto [http_status, body] = receipt_in_service(server.port(), number, seconds(5));
    ASSERT_EQ(http_status, 200u) << body.dump();
    EXPECT_EQ(body.at("receipt_number"), number);

    // What was typed on the screen, the name through pinyin, reached the
    // review centre with the photo: its reviewer reads it there.
    const ReviewerSession reviewer(REVIEW_SERVER_BIN, server, "e2e-reviewer");
    const auto submission = reviewer.pending_submission(number);
    ASSERT_TRUE(submission) << "the receipt is not waiting for review";
    const auto applicant = reviewer.submission(*submission).at("applicant");
    ASSERT_TRUE(applicant.is_object()) << applicant.dump();
    EXPECT_EQ(applicant.at("name"), kApplicant.name);
    EXPECT_EQ(applicant.at("id_number"), kApplicant.id_number);
    EXPECT_EQ(applicant.at("phone"), kApplicant.phone);

    // A screenshot of each screen the citizen saw.
    std::set<std::string> screens;
    for (const auto& entry : std::filesystem::directory_iterator(kArtefacts))
        screens.insert(entry.path().stem().string().substr(3));
    for (const char* step : {"attract", "choose_document", "applicant_details", "seat_and_pose", "review", "done"})
        EXPECT_TRUE(screens.contains(step)) << step;

    // Nothing typed reaches the kiosk's output or its step report.
    const std::string report = read_text_file(steps_file);
    for (const std::string& typed : {kApplicant.name, kApplicant.id_number, kApplicant.phone}) {
        EXPECT_EQ(out.find(typed), std::string::npos) << typed;
        EXPECT_EQ(err.find(typed), std::string::npos) << typed;
        EXPECT_EQ(report.find(typed), std::string::npos) << typed;
    }
    EXPECT_TRUE(server.stop());
}

// Without --window the kiosk's window covers the whole screen, in either layout.
class KioskFullscreen : public KioskTouch, public ::testing::WithParamInterface<Layout> {};

TEST_P(KioskFullscreen, TheWindowCoversTheScreen)
{
    KIOSK_REQUIRE_FACES(faces);
    if (const auto missing = touch_screen_missing(); !missing.empty())
        GTEST_SKIP() << missing;
    const auto metrics = kiosk::ui::load_ui_settings(kiosk::config_dir(), GetParam()).metrics;
    XvfbDisplay display(metrics.width, metrics.height);
    const auto steps_file = root_.path() / "steps.txt";
    BackgroundProgram kiosk_program({KIOSK_BIN, "--demo", "--layout",
                                     GetParam() == Layout::Portrait ? "portrait" : "landscape", "--state-dir",
                                     (root_.path() / "state").string(), "--faces", faces.string(), "--report-steps",
                                     steps_file.string(), "--screenshots", (root_.path() / "shots").string()},
                                    root_.path(), "kiosk");
    StepFollower steps(steps_file);
    ASSERT_TRUE(steps.wait_for_step("attract", 90s)) << "at: " << steps.newest() << "\n" << kiosk_program.err();
    ASSERT_TRUE(wait_for_screenshot(root_.path() / "shots", "attract", 30s)) << kiosk_program.err();
    const auto window = find_window("^kiosk$", 20s);
    ASSERT_TRUE(window);
    const auto geometry = window_geometry(*window);
    const auto whole = display_geometry();
    std::printf("screen %dx%d, kiosk window %dx%d at %d,%d\n", whole.width, whole.height, geometry.width,
                geometry.height, geometry.x, geometry.y);
    EXPECT_EQ(geometry.x, 0);
    EXPECT_EQ(geometry.y, 0);
    EXPECT_EQ(geometry.width, whole.width);
    EXPECT_EQ(geometry.height, whole.height);
    kiosk_program.terminate();
    EXPECT_EQ(kiosk_program.wait(30s), 0) << kiosk_program.err();
}

INSTANTIATE_TEST_SUITE_P(BothLayouts, KioskFullscreen, ::testing::Values(Layout::Portrait, Layout::Landscape),
                         [](const auto& info) { return info.param == Layout::Portrait ? "Portrait" : "Landscape"; });

} // namespace
