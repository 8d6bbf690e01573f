// A technician calibrates the kiosk from its own screen: the kiosk's whole
// runtime in this process (the replay camera filming a real portrait and the
// simulated board's lamps and seat, vision, the session, slips written as
// PDFs, a temporary state folder), a PIN set the way kioskctl sets it, and
// the calibration menu driven through the same session events the touch
// screen posts. What the procedures measure must reach the running kiosk:
// the next citizen's pose step starts from the balanced lamps, /metrics says
// how old the profile is, a rollback puts the previous lamps back, and a
// damaged profile on disk is reported and passed over at start-up.
#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "calibration/audit_log.h"
#include "calibration/profile_store.h"
#include "calibration/technician_pin.h"
#include "calibration/technician_pin_config.h"
#include "core/json_file.h"
#include "core/paths.h"
#include "e2e/kiosk_health_scrape.h"
#include "health/exposition_parser.h"
#include "kiosk/runtime.h"
#include "kiosk/walkup_script.h"
#include "lightseat/simulated_lightseat_controller.h"
#include "support/faces.h"
#include "support/test_folder.h"
#include "unit/calibration_booth_rig.h"

namespace {

using namespace std::chrono;
using namespace kiosk;

const std::string kTechnician = "wang.tech";
const std::string kPin = "582039";

// Everything the kiosk logs while a test runs, read once the kiosk has stopped.
class LogCapture {
public:
    LogCapture() : sink_(std::make_shared<spdlog::sinks::ostream_sink_mt>(text_))
    {
        spdlog::default_logger()->sinks().push_back(sink_);
    }
    ~LogCapture()
    {
        auto& sinks = spdlog::default_logger()->sinks();
        sinks.erase(std::remove(sinks.begin(), sinks.end(), sink_), sinks.end());
    }
    std::string text() const { return text_.str(); }

private:
    std::ostringstream text_;
    std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink_;
};

class KioskCalibrationDesk : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::filesystem::create_directories(state());
    }

    std::filesystem::path state() const { return root_.path() / "state"; }
    static std::filesystem::path calibration_json() { return config_dir() / "calibration" / "calibration.json"; }

    runtime::RuntimeOptions options(const std::filesystem::path& faces) const
    {
        runtime::RuntimeOptions o;
        o.profile = "demo";
        o.state_dir = state();
        o.faces_dir = faces;
        return o;
    }

    // The demo profile films <faces>/frl-london/neutral/002_03.jpg: here that
    // file is a grey card in an even booth, the target config/calibration's
    // light balance is set up for (a portrait's own backdrop is not the
    // booth's), filmed through the simulated board's lamps like any footage.
    std::filesystem::path grey_card_faces() const
    {
        const auto faces = root_.path() / "faces";
        const auto footage = faces / "frl-london" / "neutral" / "002_03.jpg";
        std::filesystem::create_directories(footage.parent_path());
        if (!cv::imwrite(footage.string(), calibration::test::grey_card_booth()))
            throw std::runtime_error("cannot write " + footage.string());
        return faces;
    }

    // A profile made by an earlier technician visit, `age` ago.
    void seed_profile(const lightseat::LightLevels& lights, system_clock::duration age)
    {
        calibration::AuditLog audit(state());
        calibration::ProfileStore store(state(), calibration::load_profile_store_config(calibration_json()), audit);
        auto draft = store.draft();
        draft.lights = lights;
        store.save(std::move(draft), "li.tech", system_clock::now() - age);
    }

    std::filesystem::path profile_folder(int version) const
    {
        for (const auto& entry : std::filesystem::directory_iterator(state() / "calibration" / "profiles"))
            if (entry.is_directory() && entry.path().filename().string().ends_with("-" + std::to_string(version)))
                return entry.path();
        throw std::runtime_error("no stored profile version " + std::to_string(version));
    }

    calibration::ProfileLookup active_profile() const
    {
        calibration::AuditLog audit(state());
        return calibration::ProfileStore(state(), calibration::load_profile_store_config(calibration_json()), audit)
            .active();
    }

    // The newest view for which `holds` is true, or the last one seen when `limit` passes.
    static std::shared_ptr<const session::ViewModel>
    wait_for(runtime::Runtime& kiosk, const std::function<bool(const session::ViewModel&)>& holds,
             milliseconds limit)
    {
        const auto until = steady_clock::now() + limit;
        std::uint64_t seen = 0;
        auto view = kiosk.session().view();
        while (!holds(*view) && steady_clock::now() < until) {
            seen = kiosk.session().wait_for_view(seen, milliseconds(50));
            view = kiosk.session().view();
        }
        return view;
    }

    static bool at(const session::ViewModel& view, session::Step step) { return view.step == step; }

    static const session::ProcedureRow* row(const session::ViewModel& view, const std::string& procedure)
    {
        for (const auto& r : view.procedures)
            if (r.procedure == procedure)
                return &r;
        return nullptr;
    }

    // The hidden gesture, the PIN on the digits, and the menu.
    static void enter_menu(runtime::Runtime& kiosk)
    {
        kiosk.session().post(session::TechnicianGesture{});
        ASSERT_TRUE(at(*wait_for(kiosk, [](const auto& v) { return at(v, session::Step::TechnicianPin); }, 5s),
                       session::Step::TechnicianPin));
        kiosk.session().post(session::TechnicianPinEdited{kPin});
        kiosk.session().post(session::ActionTouched{session::Action::Next});
        const auto menu = wait_for(kiosk, [](const auto& v) { return at(v, session::Step::TechnicianMenu); }, 20s);
        ASSERT_EQ(menu->step, session::Step::TechnicianMenu) << "the PIN did not open the menu";
    }

    struct Run {
        std::optional<calibration::ProcedureReport> report;
        bool progress_seen = false;
        int progress_lines = 0;              // distinct progress lines the menu showed
        steady_clock::time_point started;
        steady_clock::time_point ended;
    };

    // Touches a procedure and follows its row until it stops running.
    static Run run(runtime::Runtime& kiosk, const std::string& procedure, milliseconds limit,
                   const std::function<void()>& while_running = {})
    {
        Run result;
        result.started = steady_clock::now();
        kiosk.session().post(session::ProcedureChosen{procedure});
        const auto running = wait_for(kiosk, [&](const auto& v) { return row(v, procedure) && row(v, procedure)->running; },
                                      5s);
        EXPECT_TRUE(row(*running, procedure) && row(*running, procedure)->running) << procedure << " did not start";
        if (while_running)
            while_running();
        std::optional<calibration::ProcedureProgress> last_progress;
        const auto done = wait_for(
            kiosk,
            [&](const session::ViewModel& v) {
                const auto* r = row(v, procedure);
                if (r && r->progress && (!last_progress || last_progress->step != r->progress->step ||
                                         last_progress->figures.size() != r->progress->figures.size() ||
                                         !std::equal(r->progress->figures.begin(), r->progress->figures.end(),
                                                     last_progress->figures.begin(),
                                                     [](const auto& a, const auto& b) { return a.value == b.value; }))) {
                    ++result.progress_lines;
                    last_progress = r->progress;
                }
                result.progress_seen = result.progress_seen || (r && r->progress);
                return r && !r->running;
            },
            limit);
        result.ended = steady_clock::now();
        if (const auto* r = row(*done, procedure); r && !r->running)
            result.report = r->last;
        return result;
    }

    static lightseat::DeviceStatus board(runtime::Runtime& kiosk)
    {
        const auto status = kiosk.simulated_controller()->read_status().get();
        if (!status)
            throw std::runtime_error("the simulated board did not answer");
        return *status;
    }

    // Where the next citizen's pose step sets the lamps: the lamps are first
    // put at levels nobody uses, then a citizen walks up to the pose step and
    // the first levels the lamps take (before the light servo's first
    // correction, which waits for the lamps to settle) are read back.
    static std::optional<lightseat::LightLevels> lamps_at_next_pose(runtime::Runtime& kiosk)
    {
        const lightseat::LightLevels unused{111, 222, 333};
        kiosk.simulated_controller()->set_lights(unused).get();
        const auto citizen = runtime::WalkupCitizen::load(config_dir());
        auto& loop = kiosk.session();
        loop.post(session::ActionTouched{session::Action::Start});
        wait_for(kiosk, [](const auto& v) { return at(v, session::Step::ChooseDocument); }, 5s);
        loop.post(session::DocumentChosen{citizen.document});
        wait_for(kiosk, [](const auto& v) { return at(v, session::Step::ApplicantDetails); }, 5s);
        loop.post(session::FieldEdited{session::Field::Name, citizen.details.name});
        loop.post(session::FieldEdited{session::Field::IdNumber, citizen.details.id_number});
        loop.post(session::FieldEdited{session::Field::Phone, citizen.details.phone});
        loop.post(session::ActionTouched{session::Action::Next});
        const auto pose = wait_for(kiosk, [](const auto& v) { return at(v, session::Step::SeatAndPose); }, 5s);
        std::optional<lightseat::LightLevels> first;
        if (pose->step == session::Step::SeatAndPose) {
            const auto until = steady_clock::now() + 2s;
            while (!first && steady_clock::now() < until) {
                if (const auto lights = board(kiosk).lights; lights != unused)
                    first = lights;
                else
                    std::this_thread::sleep_for(5ms);
            }
        }
        loop.post(session::ActionTouched{session::Action::Cancel});
        wait_for(kiosk, [](const auto& v) { return at(v, session::Step::Attract); }, 5s);
        return first;
    }

    // kiosk_calibration_profile_age_seconds as the health endpoint serves it,
    // once it satisfies `holds` or `limit` passes.
    double profile_age_metric(const runtime::Runtime& kiosk, const std::function<bool(double)>& holds,
                              milliseconds limit) const
    {
        std::smatch port;
        const auto description = kiosk.health_description();
        if (!std::regex_search(description, port, std::regex(R"(127\.0\.0\.1:(\d+))")))
            throw std::runtime_error("no port in " + description);
        const auto token = load_json_file(state() / "health-token.json").at("bearer_token").get<std::string>();
        const auto until = steady_clock::now() + limit;
        double age = -1;
        do {
            const auto answer = test::scrape(static_cast<std::uint16_t>(std::stoi(port[1])), "/metrics", token);
            const auto families = health::ExpositionParser::parse(answer.body);
            age = families.at("kiosk_calibration_profile_age_seconds").samples.at(0).value;
            if (holds(age))
                break;
            std::this_thread::sleep_for(100ms);
        } while (steady_clock::now() < until);
        return age;
    }

    kiosk::test::TestFolder root_{"kiosk-calibration-desk"};
};

std::size_t pdfs_in(const std::filesystem::path& folder)
{
    if (!std::filesystem::is_directory(folder))
        return 0;
    return static_cast<std::size_t>(std::count_if(std::filesystem::directory_iterator(folder), {}, [](const auto& e) {
        return e.path().extension() == ".pdf";
    }));
}

TEST_F(KioskCalibrationDesk, ATechnicianCalibratesFromTheScreenAndTheKioskLivesByIt)
{
    const auto faces = grey_card_faces();
    const lightseat::LightLevels earlier{300, 340, 520};
    seed_profile(earlier, hours(24 * 10));
    {
        calibration::AuditLog audit(state());
        calibration::TechnicianPins(state(), calibration::load_technician_pin_config(calibration_json()), audit)
            .set_pin(kTechnician, kPin);
    }
    const LogCapture log;
    runtime::Runtime kiosk(options(faces));
    kiosk.start();

    // The ten-day-old profile is the one the kiosk starts with.
    EXPECT_GT(profile_age_metric(kiosk, [](double age) { return age > 9 * 86400.0; }, 5s), 9 * 86400.0);
    EXPECT_EQ(lamps_at_next_pose(kiosk), earlier) << "the active profile's lamps start the pose step";

    enter_menu(kiosk);
    const auto menu = wait_for(kiosk, [](const auto& v) { return v.profile.has_value(); }, 5s);
    ASSERT_TRUE(menu->profile) << "the menu does not name the active profile";
    EXPECT_EQ(menu->profile->version, 1);

    // Light balance on the kiosk's own camera and board.
    const auto balance = run(kiosk, "light_balance", 120s);
    ASSERT_TRUE(balance.report);
    ASSERT_EQ(balance.report->outcome, calibration::Outcome::Pass) << balance.report->detail;
    EXPECT_TRUE(balance.progress_seen) << "the menu showed no progress while the lamps were balanced";
    const auto balance_took = duration<double>(balance.ended - balance.started).count();
    std::printf("light balance from the menu: %.2f s, %d progress lines shown\n", balance_took,
                balance.progress_lines);
    EXPECT_LE(balance.progress_lines, 10 * balance_took + 1) << "more than 10 progress lines a second";
    const auto view = kiosk.session().view();
    ASSERT_TRUE(view->profile);
    EXPECT_EQ(view->profile->version, 2);
    EXPECT_EQ(view->profile->technician, kTechnician);
    EXPECT_TRUE(view->profile->can_roll_back);
    const auto saved = active_profile();
    ASSERT_TRUE(saved.profile && saved.profile->lights) << saved.problem;
    const auto balanced = *saved.profile->lights;
    EXPECT_NE(balanced, earlier);
    EXPECT_LT(profile_age_metric(kiosk, [](double age) { return age < 600; }, 5s), 600)
        << "/metrics still reports the old profile's age";

    // The printer's test slip, on the kiosk's own printer.
    const auto printed = state() / "printed";
    const auto slips_before = pdfs_in(printed);
    const auto printer = run(kiosk, "printer", 60s);
    ASSERT_TRUE(printer.report);
    EXPECT_EQ(printer.report->outcome, calibration::Outcome::Pass) << printer.report->detail;
    EXPECT_EQ(pdfs_in(printed), slips_before + 1) << "no test slip in " << printed;

    // Stopped halfway: nothing drives the seat once the move in flight ends,
    // and nothing is saved.
    steady_clock::time_point stopped;
    std::uint16_t seat_at_stop = 0;
    const auto seat = run(kiosk, "seat", 30s, [&] {
        std::this_thread::sleep_for(800ms);
        seat_at_stop = board(kiosk).seat_mm;
        stopped = steady_clock::now();
        kiosk.session().post(session::ActionTouched{session::Action::StopProcedure});
    });
    ASSERT_TRUE(seat.report);
    EXPECT_EQ(seat.report->outcome, calibration::Outcome::Error);
    EXPECT_NE(seat.report->detail.find("cancelled"), std::string::npos) << seat.report->detail;
    const auto stop_took = duration_cast<milliseconds>(seat.ended - stopped);
    EXPECT_LT(stop_took, 2000ms);
    const auto settle_until = steady_clock::now() + 10s;
    while (board(kiosk).motion != lightseat::SeatMotion::Idle && steady_clock::now() < settle_until)
        std::this_thread::sleep_for(20ms);
    const auto seat_at_rest = board(kiosk).seat_mm;
    std::this_thread::sleep_for(1s);
    const auto later = board(kiosk);
    EXPECT_EQ(later.motion, lightseat::SeatMotion::Idle);
    EXPECT_EQ(later.seat_mm, seat_at_rest) << "something still drives the seat after the stop";
    std::printf("seat run answered %lld ms after the stop was touched; seat at %u mm then, at rest at %u mm\n",
                static_cast<long long>(stop_took.count()), seat_at_stop, seat_at_rest);
    EXPECT_EQ(kiosk.session().view()->profile->version, 2);

    // One touch back: profile 1 is active again and the kiosk lives by it.
    kiosk.session().post(session::ActionTouched{session::Action::RollbackProfile});
    const auto back = wait_for(kiosk, [](const auto& v) { return v.profile && v.profile->version == 1; }, 10s);
    ASSERT_TRUE(back->profile);
    EXPECT_EQ(back->profile->version, 1);
    kiosk.session().post(session::ActionTouched{session::Action::Cancel});
    wait_for(kiosk, [](const auto& v) { return at(v, session::Step::Attract); }, 5s);
    EXPECT_EQ(lamps_at_next_pose(kiosk), earlier) << "after the rollback the pose step starts from profile 1's lamps";
    kiosk.stop();

    const auto audit = calibration::AuditLog(state()).read();
    std::vector<std::string> runs;
    for (const auto& entry : audit.entries)
        if (entry.event == calibration::AuditEvent::Procedure)
            runs.push_back(entry.detail.substr(0, entry.detail.find(':')) + " " + entry.outcome + " " + entry.technician);
    EXPECT_EQ(runs, (std::vector<std::string>{"light_balance pass " + kTechnician, "printer pass " + kTechnician,
                                              "seat error " + kTechnician}));
    EXPECT_EQ(log.text().find(kPin), std::string::npos) << "the PIN reached the log";
}

TEST_F(KioskCalibrationDesk, ADamagedProfileIsReportedAndThePreviousOneApplied)
{
    KIOSK_REQUIRE_FACES(faces);
    const lightseat::LightLevels good{420, 380, 610};
    seed_profile(good, hours(48));
    seed_profile({500, 500, 500}, hours(1));
    const auto damaged = profile_folder(2);
    std::ofstream(damaged / "profile.json", std::ios::trunc) << "{\"id\": ";

    const LogCapture log;
    runtime::Runtime kiosk(options(faces));
    kiosk.start();
    EXPECT_EQ(lamps_at_next_pose(kiosk), good);
    kiosk.stop();
    const auto text = log.text();
    EXPECT_NE(text.find(damaged.filename().string()), std::string::npos)
        << "the damaged profile is not named in the log:\n" << text;
}

TEST_F(KioskCalibrationDesk, ANeverCalibratedKioskRunsOnItsConfiguredFigures)
{
    KIOSK_REQUIRE_FACES(faces);
    const auto configured = load_json_file(config_dir() / "session.json").at("lights").at("start");
    runtime::Runtime kiosk(options(faces));
    kiosk.start();
    EXPECT_EQ(lamps_at_next_pose(kiosk),
              (lightseat::LightLevels{configured.at("key_left").get<std::uint16_t>(),
                                      configured.at("key_right").get<std::uint16_t>(),
                                      configured.at("background").get<std::uint16_t>()}));
    kiosk.stop();
}

} // namespace
