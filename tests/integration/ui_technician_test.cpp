// The technician's screens on a private Xvfb: the hidden gesture, the PIN pad
// and the calibration menu, touched with real X pointer events (xdotool) and
// fingers, fed scripted view models. Screenshots of both screens in both
// layouts and languages are kept in ui-technician-artefacts/ of the build
// tree (they show no person: the PIN is drawn only as dots).

#include <fstream>

#include <SDL_ttf.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "integration/ui_xvfb_fixture.h"
#include "kiosk-ui/pin_entry.h"
#include "kiosk-ui/screen_text.h"
#include "kiosk-ui/technician_gesture.h"
#include "kiosk-ui/technician_layout.h"
#include "kiosk-ui/technician_text.h"
#include "session/session.h"
#include "spec/document_spec.h"
#include "support/test_folder.h"

namespace {

using namespace kiosk::ui_test;
using kiosk::calibration::Figure;
using kiosk::calibration::Outcome;
using kiosk::calibration::ProcedureProgress;
using kiosk::calibration::ProcedureReport;
using kiosk::session::ProcedureRow;
using kiosk::session::Text;

ProcedureReport report(const std::string& procedure, Outcome outcome, std::vector<Figure> figures,
                       std::string advice = {})
{
    return {procedure, outcome, std::move(figures), std::move(advice), ""};
}

// A menu with a row in every state: passed, failed with figures out of limit
// and advice, could not run, never run, and (when `running`) one running.
ViewModel menu_view(const std::string& locale, bool running, bool with_profile = true)
{
    ViewModel v;
    v.step = Step::TechnicianMenu;
    v.locale = locale;
    v.title = {"calibration.menu.title", {}};
    v.subtitle = Text{"calibration.menu.subtitle", {{"technician", "wang.li"}}};
    const auto row = [&](const std::string& id) {
        ProcedureRow r;
        r.procedure = id;
        r.name = {"calibration.procedure." + id, {}};
        return r;
    };
    ProcedureRow plate = row("background_plate");
    plate.last = report("background_plate", Outcome::Fail,
                        {{"lightness_spread", 6.84, 4.0, "<=", "L*"}, {"gradient_left_right", 1.2, 3.0, "<=", "L*"},
                         {"vignetting", 5.51, 3.0, "<=", "L*"}, {"colour_delta", 1.9, 4.0, "<=", "a*b*"},
                         {"mean_lightness", 71.2, 80.0, ">=", "L*"}, {"mean_a", -0.4, {}, "", ""}},
                        "calibration.advice.background_uneven");
    ProcedureRow exposure = row("exposure");
    exposure.last = report("exposure", Outcome::Pass,
                           {{"level_error", 2.0, 6.0, "<=", "levels"}, {"chroma", 1.4, 3.0, "<=", "a*b*"},
                            {"exposure_time", 16600, {}, "", "us"}, {"analogue_gain", 1.85, {}, "", ""}});
    ProcedureRow lights = row("light_balance");
    lights.last = report("light_balance", Outcome::Fail,
                         {{"balance", 0.81, 0.95, ">=", ""}, {"key_left", 1000, {}, "", "per mille"}},
                         "calibration.advice.key_right_too_weak");
    ProcedureRow seat = row("seat");
    seat.last = report("seat", Outcome::Error, {}, "calibration.seat.stop_not_found");
    ProcedureRow printer = row("printer");
    ProcedureRow self_test = row("self_test");
    if (running) {
        self_test.running = true;
        self_test.progress = ProcedureProgress{"self_test", 3, 7, {{"camera_fps", 29.7, 20.0, ">=", "fps"},
                                                                   {"lights_ms", 212, {}, "", "ms"}}};
        v.notice = Text{"calibration.menu.running", {}};
        v.buttons = {button(Action::StopProcedure, "button.stop_procedure", true)};
    }
    v.procedures = {plate, exposure, lights, seat, printer, self_test};
    if (with_profile)
        v.profile = kiosk::session::ProfileSummary{"p-0007", 7, "wang.li", "2026-11-25 21:30", true};
    v.buttons.push_back(button(Action::RollbackProfile, "button.rollback_profile"));
    v.buttons.push_back(button(Action::Cancel, "button.cancel"));
    if (running)
        v.buttons[1].enabled = v.buttons[2].enabled = false;
    return v;
}

ViewModel pin_view(const std::string& locale, std::size_t digits, std::optional<Text> notice = std::nullopt)
{
    ViewModel v;
    v.step = Step::TechnicianPin;
    v.locale = locale;
    v.title = {"calibration.pin.title", {}};
    v.subtitle = Text{"calibration.pin.subtitle", {}};
    v.pin_digits = digits;
    v.notice = std::move(notice);
    v.buttons = {button(Action::Next, "button.next", true), button(Action::Cancel, "button.cancel")};
    v.buttons[0].enabled = digits > 0;
    return v;
}

ViewModel attract_view()
{
    ViewModel v;
    v.step = Step::Attract;
    v.title = {"screen.attract.title", {}};
    v.subtitle = Text{"screen.attract.subtitle", {}};
    v.buttons = {button(Action::ToggleLanguage, "button.toggle_language"), button(Action::Start, "button.start", true)};
    return v;
}

kiosk::ui::ScreenLayout lay_out(const ViewModel& v, const kiosk::ui::LayoutMetrics& m)
{
    return kiosk::ui::lay_out({v, m, nullptr, 0, std::nullopt});
}

// Blobs of the text colour inside `area` of a screenshot: the PIN's dots.
int dark_blobs(const cv::Mat& shot, const SDL_Rect& area)
{
    cv::Mat grey, dark;
    cv::cvtColor(shot(cv::Rect(area.x, area.y, area.w, area.h)), grey, cv::COLOR_BGR2GRAY);
    cv::threshold(grey, dark, 100, 255, cv::THRESH_BINARY_INV);
    cv::Mat labels;
    return cv::connectedComponents(dark, labels) - 1;
}

// Pixels of `area` within a few levels of `colour`.
int pixels_of(const cv::Mat& shot, const SDL_Rect& area, kiosk::ui::Colour colour)
{
    cv::Mat mask;
    const cv::Scalar bgr(colour.b, colour.g, colour.r);
    cv::inRange(shot(cv::Rect(area.x, area.y, area.w, area.h)), bgr - cv::Scalar::all(12), bgr + cv::Scalar::all(12),
                mask);
    return cv::countNonZero(mask);
}

template <typename T>
std::vector<T> posted_of(const std::vector<Event>& events)
{
    std::vector<T> out;
    for (const auto& e : events)
        if (const auto* t = std::get_if<T>(&e))
            out.push_back(*t);
    return out;
}

class TechnicianOnXvfb : public FrontEndOnXvfb {
protected:
    // The technician's screens show nobody: kept where the build's artefacts are.
    std::filesystem::path screenshot_root() const override
    {
        return std::filesystem::current_path() / "ui-technician-artefacts";
    }

    void start_on(Layout layout, const ViewModel& first)
    {
        script_.show(first);
        ASSERT_NO_FATAL_FAILURE(start(layout, feed_, screen_for(layout)));
    }

    // The pointer held down at a point of the layout, moved, and let go.
    void press(SDL_Point p) { xdotool("mousemove --window " + window_ + " " + at(p) + " mousedown 1"); }
    void move(SDL_Point p) { xdotool("mousemove --window " + window_ + " " + at(p)); }
    void lift() { xdotool("mouseup 1"); }

    std::string at(SDL_Point p) const
    {
        return std::to_string(static_cast<int>(p.x * scale_)) + " " + std::to_string(static_cast<int>(p.y * scale_));
    }
    static void xdotool(const std::string& args) { run_command("xdotool " + args); }

    std::chrono::milliseconds hold() const { return settings_.technician_gesture.hold; }
    SDL_Rect corner() const { return kiosk::ui::gesture_corner(settings_.technician_gesture, settings_.metrics); }

    StillFeed feed_{cv::Mat(720, 1280, CV_8UC3, cv::Scalar(60, 60, 60))};
};

class BothLayouts : public TechnicianOnXvfb, public ::testing::WithParamInterface<Layout> {};

TEST_P(BothLayouts, PinAndMenuAreDrawnInBothLanguagesWithDotsAndOutcomeColours)
{
    ASSERT_NO_FATAL_FAILURE(start_on(GetParam(), attract_view()));
    const auto& m = settings_.metrics;
    int shots = 1;
    ASSERT_TRUE(wait_for_file(shot(shots, Step::Attract)));
    for (const std::string locale : {"zh-CN", "en"}) {
        const std::size_t digits = locale == "en" ? 7 : 4;
        const ViewModel pin = pin_view(locale, digits, Text{"calibration.pin.wrong", {{"tries", "2"}}});
        script_.show(pin);
        const auto pin_shot = shot(++shots, Step::TechnicianPin);
        ASSERT_TRUE(wait_for_file(pin_shot)) << pin_shot;
        const cv::Mat pin_image = cv::imread(pin_shot.string());
        ASSERT_FALSE(pin_image.empty());
        const auto pin_layout = lay_out(pin, m);
        ASSERT_TRUE(pin_layout.pin_dots);
        EXPECT_EQ(dark_blobs(pin_image, *pin_layout.pin_dots), static_cast<int>(digits)) << locale;
        // The notice is drawn: its box holds its text colour.
        EXPECT_GT(pixels_of(pin_image, pin_layout.notice, settings_.palette.notice_text), 20) << locale;
        ASSERT_EQ(pin_layout.pin_keys.size(), 11u);

        const ViewModel menu = menu_view(locale, locale == "en");
        script_.show(menu);
        const auto menu_shot = shot(++shots, Step::TechnicianMenu);
        ASSERT_TRUE(wait_for_file(menu_shot)) << menu_shot;
        const cv::Mat menu_image = cv::imread(menu_shot.string());
        const auto layout = lay_out(menu, m);
        ASSERT_EQ(layout.procedure_rows.size(), menu.procedures.size());
        const auto& palette = settings_.palette;
        // Row 0 failed, 1 passed, 3 could not run: each outcome in its colour.
        EXPECT_GT(pixels_of(menu_image, layout.procedure_rows[0].outcome, palette.outcome_fail), 20) << locale;
        EXPECT_EQ(pixels_of(menu_image, layout.procedure_rows[0].outcome, palette.outcome_pass), 0) << locale;
        EXPECT_GT(pixels_of(menu_image, layout.procedure_rows[1].outcome, palette.outcome_pass), 20) << locale;
        EXPECT_GT(pixels_of(menu_image, layout.procedure_rows[3].outcome, palette.outcome_error), 20) << locale;
        // The figures out of limit are marked in the fail colour; the passing row's are not.
        EXPECT_GT(pixels_of(menu_image, layout.procedure_rows[0].figures[0], palette.outcome_fail), 20) << locale;
        EXPECT_EQ(pixels_of(menu_image, layout.procedure_rows[1].figures[0], palette.outcome_fail), 0) << locale;
        if (menu.procedures[5].running) {
            // Step 3 of 7: the bar is filled to 3/7 of its width.
            const SDL_Rect& bar = layout.procedure_rows[5].progress_bar;
            const cv::Mat row = menu_image(cv::Rect(bar.x, bar.y + bar.h / 2, bar.w, 1));
            cv::Mat filled;
            const cv::Scalar bgr(palette.progress.b, palette.progress.g, palette.progress.r);
            cv::inRange(row, bgr - cv::Scalar::all(12), bgr + cv::Scalar::all(12), filled);
            EXPECT_NEAR(cv::countNonZero(filled), bar.w * 3 / 7, 3);
        }
    }
}

// Every text of the technician's screens, measured with the kiosk's own font
// at the size it is drawn: it must fit its box without being shrunk.
TEST_P(BothLayouts, EveryTextFitsItsBoxInBothLanguages)
{
    const auto settings = kiosk::ui::load_ui_settings(kiosk::config_dir(), GetParam());
    const kiosk::ui::ScreenText text(kiosk::config_dir());
    const auto& m = settings.metrics;
    ASSERT_EQ(TTF_Init(), 0) << TTF_GetError();
    std::map<int, TTF_Font*> fonts;
    const auto measure = [&](const std::string& words, int px, int wrap) {
        auto& font = fonts[px];
        if (!font)
            font = TTF_OpenFont(settings.font_file.c_str(), px);
        EXPECT_TRUE(font) << TTF_GetError();
        SDL_Surface* s = TTF_RenderUTF8_Blended_Wrapped(font, words.c_str(), {0, 0, 0, 255}, static_cast<Uint32>(wrap));
        const SDL_Point size = s ? SDL_Point{s->w, s->h} : SDL_Point{0, 0};
        SDL_FreeSurface(s);
        return size;
    };
    const auto inset = [](SDL_Rect r, int by) { return SDL_Rect{r.x + by, r.y + by, r.w - 2 * by, r.h - 2 * by}; };
    int measured = 0;
    const auto check = [&](const SDL_Rect& box, const std::string& words, int px, const std::string& locale) {
        const SDL_Point size = measure(words, px, box.w);
        ++measured;
        EXPECT_LE(size.x, box.w) << locale << " \"" << words << "\" is too wide";
        EXPECT_LE(size.y, box.h) << locale << " \"" << words << "\" (" << size.y << " px high) overflows its "
                                 << box.h << " px box";
    };
    for (const std::string locale : {"zh-CN", "en"}) {
        std::vector<ViewModel> views = {menu_view(locale, false), menu_view(locale, true), menu_view(locale, false, false)};
        for (const auto& notice : {Text{"calibration.pin.wrong", {{"tries", "2"}}},
                                   Text{"calibration.pin.locked", {{"seconds", "300"}}},
                                   Text{"calibration.pin.checking", {}}, Text{"calibration.pin.unavailable", {}}})
            views.push_back(pin_view(locale, 12, notice));
        for (const auto& v : views) {
            const auto layout = lay_out(v, m);
            check(layout.title, text.text(locale, v.title), m.title_px, locale);
            check(layout.subtitle, text.text(locale, *v.subtitle), m.subtitle_px, locale);
            if (v.notice)
                check(inset(layout.notice, m.gap / 2), text.text(locale, *v.notice), m.notice_px, locale);
            for (std::size_t i = 0; i < v.buttons.size(); ++i)
                check(inset(layout.buttons[i], m.gap / 2), text.text(locale, v.buttons[i].label),
                      v.buttons[i].primary ? m.primary_button_px : m.button_px, locale);
            for (const auto& placed : kiosk::ui::technician_texts(v, layout, m, text))
                check(placed.box, placed.words, placed.px, locale);
        }
    }
    // Every advice of the catalogs in a row's advice box, and every figure
    // name in a figure cell, marked, with the longest unit and a limit: the
    // procedures may report any of them.
    const auto menu_layout = lay_out(menu_view("zh-CN", false), m);
    const auto& row = menu_layout.procedure_rows.front();
    for (const std::string locale : {"zh-CN", "en"}) {
        const auto catalog = nlohmann::json::parse(std::ifstream(kiosk::config_dir() / "text" / (locale + ".json")));
        for (const auto& [group, entries] : catalog.at("calibration").items()) {
            if (group == "pin" || group == "menu" || group == "outcome" || group == "unit")
                continue;
            for (const auto& [name, words] : entries.items()) {
                if (group == "procedure")
                    check(row.name, words.get<std::string>(), m.technician.row_name_px, locale);
                else if (group == "figure")
                    check(row.figures.front(),
                          "✕ " + kiosk::ui::figure_words({name, 12.35, 12.35, "<=", "levels"}, locale, text),
                          m.technician.figure_px, locale);
                else
                    check(row.detail, words.get<std::string>(), m.technician.detail_px, locale);
            }
        }
    }
    for (auto& [px, font] : fonts)
        if (font)
            TTF_CloseFont(font);
    TTF_Quit();
    EXPECT_GT(measured, 100);
}

TEST_P(BothLayouts, HeldGestureOpensCalibrationOnceAndNothingElseDoes)
{
    ASSERT_NO_FATAL_FAILURE(start_on(GetParam(), attract_view()));
    ASSERT_TRUE(wait_for_file(shot(1, Step::Attract)));
    const SDL_Point in_corner{corner().x + corner().w / 2, corner().y + corner().h / 2};
    // Hidden: the corner shows the plain background.
    EXPECT_EQ(pixels_of(cv::imread(shot(1, Step::Attract).string()), corner(), settings_.palette.background),
              corner().w * corner().h);

    // Lifted before the hold time: nothing.
    press(in_corner);
    std::this_thread::sleep_for(hold() / 2);
    lift();
    // Slid out of the corner, held on past the hold time: nothing.
    press(in_corner);
    std::this_thread::sleep_for(hold() / 4);
    move(centre(lay_out(attract_view(), settings_.metrics).title));
    std::this_thread::sleep_for(hold());
    lift();
    // Held as long elsewhere (on the title): nothing.
    press(centre(lay_out(attract_view(), settings_.metrics).title));
    std::this_thread::sleep_for(hold() + 300ms);
    lift();
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(script_.posted_count(), 0u) << "an interrupted or misplaced hold posted something";

    // Held: exactly one gesture, posted while the pointer is still down, and
    // neither Start nor any other button.
    const auto pressed_at = std::chrono::steady_clock::now();
    press(in_corner);
    const auto posted = script_.wait_for(1, hold() + 2s);
    const auto after = std::chrono::steady_clock::now() - pressed_at;
    std::this_thread::sleep_for(hold());
    lift();
    std::this_thread::sleep_for(300ms);
    ASSERT_EQ(script_.posted_count(), 1u);
    EXPECT_TRUE(std::holds_alternative<kiosk::session::TechnicianGesture>(posted[0]));
    EXPECT_GE(after, hold());
}

TEST_F(TechnicianOnXvfb, HoldingTheCornerLeavesTheButtonsToOtherFingersAndWorksOutOfService)
{
    ViewModel out_of_service = attract_view();
    out_of_service.step = Step::OutOfService;
    out_of_service.buttons = {button(Action::ToggleLanguage, "button.toggle_language")};
    out_of_service.notice = Text{"notice.out_of_service", {}};
    ASSERT_NO_FATAL_FAILURE(start_on(Layout::Portrait, out_of_service));
    ASSERT_TRUE(wait_for_file(shot(1, Step::OutOfService)));
    const auto& m = settings_.metrics;
    const SDL_Point in_corner{corner().x + corner().w / 2, corner().y + corner().h / 2};
    const SDL_Point toggle = centre(lay_out(out_of_service, m).buttons[0]);
    const auto finger = [&](Uint32 type, SDL_FingerID id, SDL_Point p) {
        SDL_Event e{};
        e.type = type;
        e.tfinger.touchId = 1;
        e.tfinger.fingerId = id;
        e.tfinger.x = static_cast<float>(p.x) / static_cast<float>(m.width);
        e.tfinger.y = static_cast<float>(p.y) / static_cast<float>(m.height);
        e.tfinger.pressure = 1;
        ASSERT_EQ(SDL_PushEvent(&e), 1) << SDL_GetError();
    };
    finger(SDL_FINGERDOWN, 1, in_corner);
    // Someone else taps the language button meanwhile: it works.
    std::this_thread::sleep_for(hold() / 3);
    finger(SDL_FINGERDOWN, 2, toggle);
    finger(SDL_FINGERUP, 2, toggle);
    auto posted = script_.wait_for(1);
    ASSERT_EQ(posted.size(), 1u);
    EXPECT_EQ(std::get<kiosk::session::ActionTouched>(posted[0]).action, Action::ToggleLanguage);
    posted = script_.wait_for(2, hold() + 2s);
    finger(SDL_FINGERUP, 1, in_corner);
    ASSERT_EQ(posted.size(), 2u);
    EXPECT_TRUE(std::holds_alternative<kiosk::session::TechnicianGesture>(posted[1]));
}

TEST_P(BothLayouts, KeypadSendsTheWholePinAndForgetsItWhenTheSessionDoes)
{
    ViewModel pin = pin_view("zh-CN", 0);
    ASSERT_NO_FATAL_FAILURE(start_on(GetParam(), pin));
    ASSERT_TRUE(wait_for_file(shot(1, Step::TechnicianPin)));
    const auto key = [&](std::optional<char> digit) {
        for (const auto& cap : lay_out(pin, settings_.metrics).pin_keys)
            if (cap.key.digit == digit)
                return centre(cap.rect);
        ADD_FAILURE() << "no key";
        return SDL_Point{};
    };
    // The scripted session follows every edit, as the real one does.
    const auto type = [&](std::optional<char> digit, const std::string& expected) {
        const std::size_t before = script_.posted_count();
        click(key(digit));
        const auto posted = script_.wait_for(before + 1);
        ASSERT_EQ(posted.size(), before + 1);
        const auto* edit = std::get_if<kiosk::session::TechnicianPinEdited>(&posted.back());
        ASSERT_TRUE(edit);
        EXPECT_EQ(edit->pin, expected);
        pin.pin_digits = edit->pin.size();
        script_.show(pin);
    };
    type('3', "3");
    type('1', "31");
    type('4', "314");
    type(std::nullopt, "31");
    type('5', "315");

    // Sent for checking: the session holds no PIN, the pad takes no digits.
    pin.pin_digits = 0;
    pin.notice = Text{"calibration.pin.checking", {}};
    script_.show(pin);
    std::this_thread::sleep_for(200ms);
    const std::size_t before = script_.posted_count();
    click(key('9'));
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(script_.posted_count(), before) << "the pad took a digit while the PIN was checked";
    // Wrong: the next PIN starts from nothing.
    pin.notice = Text{"calibration.pin.wrong", {{"tries", "2"}}};
    script_.show(pin);
    std::this_thread::sleep_for(200ms);
    type('2', "2");
    type('7', "27");

    // Cancel posts Cancel; the screen left and entered again starts empty.
    click(centre(lay_out(pin, settings_.metrics).buttons[1]));
    const auto posted = script_.wait_for(before + 3);
    ASSERT_EQ(posted.size(), before + 3);
    EXPECT_EQ(std::get<kiosk::session::ActionTouched>(posted.back()).action, Action::Cancel);
    script_.show(attract_view());
    std::this_thread::sleep_for(200ms);
    pin = pin_view("zh-CN", 0);
    script_.show(pin);
    std::this_thread::sleep_for(200ms);
    type('8', "8");
}

TEST_P(BothLayouts, TouchingARowChoosesItsProcedureButNotWhileOneRuns)
{
    ViewModel menu = menu_view("en", false);
    ASSERT_NO_FATAL_FAILURE(start_on(GetParam(), menu));
    ASSERT_TRUE(wait_for_file(shot(1, Step::TechnicianMenu)));
    click(centre(lay_out(menu, settings_.metrics).procedure_rows[1].row));
    auto posted = script_.wait_for(1);
    ASSERT_EQ(posted.size(), 1u);
    EXPECT_EQ(std::get<kiosk::session::ProcedureChosen>(posted[0]).procedure, "exposure");
    click(centre(lay_out(menu, settings_.metrics).profile.value()));
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(script_.posted_count(), 1u) << "the profile line is no button";

    menu = menu_view("en", true);
    script_.show(menu);
    std::this_thread::sleep_for(200ms);
    const auto layout = lay_out(menu, settings_.metrics);
    for (const auto i : {0, 3, 5})
        click(centre(layout.procedure_rows[static_cast<std::size_t>(i)].row));
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(script_.posted_count(), 1u) << "a row was chosen while a procedure runs";
    click(centre(layout.buttons[0]));
    posted = script_.wait_for(2);
    ASSERT_EQ(posted.size(), 2u);
    EXPECT_EQ(std::get<kiosk::session::ActionTouched>(posted[1]).action, Action::StopProcedure);
}

// The real session machine behind the screen, as the kiosk's loop runs it:
// every posted event handled, every command kept.
class RealSession {
public:
    RealSession()
        : session_(kiosk::session::SessionSettings::load(kiosk::config_dir()),
                   kiosk::spec::load_all_specs(kiosk::config_dir() / "specs"), kiosk::session::SteadyClock::now())
    {
    }

    std::shared_ptr<const ViewModel> view() const
    {
        std::lock_guard lock(mutex_);
        return session_.view();
    }
    void post(const Event& e)
    {
        std::lock_guard lock(mutex_);
        auto commands = session_.handle(e);
        commands_.insert(commands_.end(), commands.begin(), commands.end());
    }
    // Waits until the session's view satisfies `ready`.
    template <typename Ready>
    bool wait_until(Ready ready, std::chrono::milliseconds timeout = 5s) const
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            if (ready(*view()))
                return true;
            std::this_thread::sleep_for(20ms);
        }
        return false;
    }
    std::vector<std::string> pins_to_check() const
    {
        std::lock_guard lock(mutex_);
        std::vector<std::string> out;
        for (const auto& c : commands_)
            if (const auto* check = std::get_if<kiosk::session::CheckTechnicianPin>(&c))
                out.push_back(check->pin);
        return out;
    }

private:
    mutable std::mutex mutex_;
    kiosk::session::Session session_;
    std::vector<kiosk::session::Command> commands_;
};

TEST_F(TechnicianOnXvfb, TheRealSessionOpensThePadFromTheCornerAndReceivesThePinAsTyped)
{
    RealSession session;
    ASSERT_NO_FATAL_FAILURE(start(Layout::Portrait, feed_, screen_for(Layout::Portrait), [&] { return session.view(); },
                                  [&](Event e) { session.post(e); }));
    const auto step_is = [](Step s) { return [s](const ViewModel& v) { return v.step == s; }; };
    ASSERT_TRUE(session.wait_until([](const ViewModel& v) {
        return v.step == Step::Attract || v.step == Step::OutOfService;
    }));
    // Pressed only once the screen is drawn: before, the window may not take X input yet.
    ASSERT_TRUE(wait_for_file(shot(1, session.view()->step)));
    const SDL_Point in_corner{corner().x + corner().w / 2, corner().y + corner().h / 2};
    press(in_corner);
    ASSERT_TRUE(session.wait_until(step_is(Step::TechnicianPin), hold() + 3s));
    lift();

    const auto key = [&](char digit) {
        for (const auto& cap : lay_out(*session.view(), settings_.metrics).pin_keys)
            if (cap.key.digit == digit)
                return centre(cap.rect);
        ADD_FAILURE() << "no key " << digit;
        return SDL_Point{};
    };
    for (const char d : std::string("246810"))
        click(key(d));
    ASSERT_TRUE(session.wait_until([](const ViewModel& v) { return v.pin_digits == 6u; }));
    click(centre(lay_out(*session.view(), settings_.metrics).buttons[0])); // Next
    ASSERT_TRUE(session.wait_until([&](const ViewModel&) { return !session.pins_to_check().empty(); }));
    EXPECT_EQ(session.pins_to_check(), std::vector<std::string>{"246810"});

    // Wrong: the next PIN is typed from nothing, not after the last one.
    session.post(kiosk::session::TechnicianPinChecked{kiosk::session::PinVerdict::Wrong, "", 2, {}});
    ASSERT_TRUE(session.wait_until([](const ViewModel& v) { return v.notice && v.notice->key == "calibration.pin.wrong"; }));
    std::this_thread::sleep_for(100ms); // a frame for the screen to see the session let go
    for (const char d : std::string("13"))
        click(key(d));
    click(centre(lay_out(*session.view(), settings_.metrics).buttons[0]));
    ASSERT_TRUE(session.wait_until([&](const ViewModel&) { return session.pins_to_check().size() == 2; }));
    EXPECT_EQ(session.pins_to_check().back(), "13");
}

INSTANTIATE_TEST_SUITE_P(TechnicianLayouts, BothLayouts, ::testing::Values(Layout::Portrait, Layout::Landscape),
                         [](const auto& info) { return info.param == Layout::Portrait ? "Portrait" : "Landscape"; });

// ---- Without a display. ------------------------------------------------

TEST(UiPinEntry, KeepsAtMostTheSessionsDigitsAndWipesWhenTheSessionLetsGo)
{
    kiosk::ui::PinEntry entry(4);
    EXPECT_FALSE(entry.press({std::nullopt})) << "delete on nothing changes nothing";
    for (const char d : std::string("12345"))
        entry.press({d});
    EXPECT_EQ(entry.size(), 4u);
    EXPECT_FALSE(entry.press({'6'}));
    ViewModel v = pin_view("zh-CN", 0);
    entry.follow(v); // the view is behind the keys: nothing is wiped
    EXPECT_EQ(entry.size(), 4u);
    v.pin_digits = 4;
    entry.follow(v);
    v.pin_digits = 0;
    entry.follow(v);
    EXPECT_EQ(entry.size(), 0u);
    EXPECT_EQ(entry.press({'7'})->pin, "7");
    entry.follow(attract_view());
    EXPECT_EQ(entry.size(), 0u);
}

TEST(UiTechnicianText, FiguresNameValueUnitAndLimitAndMarkTheOnesOutOfLimit)
{
    const kiosk::ui::ScreenText text(kiosk::config_dir());
    const Figure spread{"lightness_spread", 6.84, 4.0, "<=", "L*"};
    EXPECT_EQ(kiosk::ui::figure_words(spread, "en", text), "L* spread 6.84 L* (≤ 4)");
    EXPECT_EQ(kiosk::ui::figure_words(spread, "zh-CN", text), "亮度离散 6.84 L* (≤ 4)");
    EXPECT_TRUE(kiosk::ui::out_of_limit(spread));
    EXPECT_FALSE(kiosk::ui::out_of_limit({"balance", 0.97, 0.95, ">=", ""}));
    EXPECT_FALSE(kiosk::ui::out_of_limit({"moves", 12, {}, "", ""}));
    EXPECT_EQ(kiosk::ui::figure_words({"new_figure", 12.5, {}, "", "per mille"}, "en", text), "new_figure 12.5 ‰");

    // The failing row shows its out-of-limit figures first, marked, and its advice.
    const auto settings = kiosk::ui::load_ui_settings(kiosk::config_dir(), Layout::Portrait);
    const ViewModel menu = menu_view("en", false);
    const auto texts = kiosk::ui::technician_texts(menu, lay_out(menu, settings.metrics), settings.metrics, text);
    std::vector<std::string> words;
    for (const auto& t : texts)
        words.push_back(t.words);
    const auto has = [&](const std::string& w) { return std::find(words.begin(), words.end(), w) != words.end(); };
    EXPECT_TRUE(has("✕ L* spread 6.84 L* (≤ 4)"));
    EXPECT_TRUE(has("✕ Vignetting 5.51 L* (≤ 3)"));
    EXPECT_TRUE(has(text.text("en", "calibration.advice.background_uneven")));
    EXPECT_TRUE(has(text.text("en", "calibration.outcome.never")));
    EXPECT_TRUE(has("Profile 7, by wang.li, 2026-11-25 21:30"));
    EXPECT_FALSE(has(text.text("en", "calibration.menu.no_profile")));
}

bool inside(const SDL_Rect& inner, const SDL_Rect& outer)
{
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}

bool overlap(const SDL_Rect& a, const SDL_Rect& b)
{
    SDL_Rect both;
    return SDL_IntersectRect(&a, &b, &both) == SDL_TRUE;
}

TEST(UiTechnicianLayout, EverythingStaysInItsAreaAndTheCornerClearsTheAttractButtons)
{
    for (const auto layout : {Layout::Portrait, Layout::Landscape}) {
        const auto s = kiosk::ui::load_ui_settings(kiosk::config_dir(), layout);
        const auto& m = s.metrics;
        const auto pin = lay_out(pin_view("en", 3), m);
        ASSERT_EQ(pin.pin_keys.size(), 11u);
        for (std::size_t i = 0; i < pin.pin_keys.size(); ++i) {
            EXPECT_TRUE(inside(pin.pin_keys[i].rect, pin.content));
            EXPECT_FALSE(overlap(pin.pin_keys[i].rect, *pin.pin_dots));
            for (std::size_t j = i + 1; j < pin.pin_keys.size(); ++j)
                EXPECT_FALSE(overlap(pin.pin_keys[i].rect, pin.pin_keys[j].rect));
            EXPECT_EQ(kiosk::ui::hit_test(pin, centre(pin.pin_keys[i].rect)), kiosk::ui::Target{pin.pin_keys[i].key});
        }
        const auto checking = lay_out(pin_view("en", 0, Text{"calibration.pin.checking", {}}), m);
        EXPECT_FALSE(kiosk::ui::hit_test(checking, centre(checking.pin_keys[0].rect))) << "keys touchable while checking";

        for (const bool running : {false, true}) {
            const ViewModel v = menu_view("en", running);
            const auto menu = lay_out(v, m);
            ASSERT_EQ(menu.procedure_rows.size(), v.procedures.size());
            for (std::size_t i = 0; i < menu.procedure_rows.size(); ++i) {
                const auto& r = menu.procedure_rows[i];
                EXPECT_TRUE(inside(r.row, menu.content));
                EXPECT_FALSE(overlap(r.row, *menu.profile));
                for (const auto& part : {r.name, r.outcome, r.detail, r.progress_line, r.progress_bar})
                    EXPECT_TRUE(inside(part, r.row));
                EXPECT_FALSE(overlap(r.name, r.outcome));
                for (const auto& cell : r.figures)
                    EXPECT_TRUE(inside(cell, r.row));
                for (std::size_t j = i + 1; j < menu.procedure_rows.size(); ++j)
                    EXPECT_FALSE(overlap(r.row, menu.procedure_rows[j].row));
                const auto hit = kiosk::ui::hit_test(menu, centre(r.row));
                if (running)
                    EXPECT_FALSE(hit);
                else
                    EXPECT_EQ(hit, kiosk::ui::Target{kiosk::ui::ProcedureTarget{v.procedures[i].procedure}});
            }
        }

        // The corner must not eat a citizen's touch on anything the attract
        // and out-of-service screens offer.
        const SDL_Rect corner = kiosk::ui::gesture_corner(s.technician_gesture, m);
        EXPECT_TRUE(inside(corner, {0, 0, m.width, m.height}));
        const auto attract = lay_out(attract_view(), m);
        ASSERT_FALSE(attract.hotspots.empty());
        for (const auto& spot : attract.hotspots)
            EXPECT_FALSE(overlap(spot.rect, corner));
    }
}

// A copy of config/ui with one field of ui.json's technician_gesture replaced.
class UiGestureConfig : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::filesystem::copy(kiosk::config_dir() / "ui", dir_.path() / "ui");
    }

    std::string error_with(const std::string& field, const nlohmann::json& value)
    {
        const auto file = dir_.path() / "ui" / "ui.json";
        nlohmann::json doc = nlohmann::json::parse(std::ifstream(file));
        doc["technician_gesture"][field] = value;
        std::ofstream(file) << doc.dump(2);
        try {
            kiosk::ui::load_ui_settings(dir_.path(), Layout::Landscape);
        } catch (const kiosk::ConfigError& e) {
            return e.what();
        }
        return "";
    }

    kiosk::test::TestFolder dir_{"kiosk-ui-gesture"};
};

TEST_F(UiGestureConfig, ImpossibleSettingsAreRefusedNamingTheField)
{
    EXPECT_NE(error_with("corner", "middle").find("corner"), std::string::npos);
    EXPECT_EQ(error_with("corner", "top_left"), "");
    EXPECT_NE(error_with("size_px", 900).find("size_px"), std::string::npos) << "wider than a quarter of the screen";
    EXPECT_EQ(error_with("size_px", 160), "");
    EXPECT_NE(error_with("hold_ms", 100).find("hold_ms"), std::string::npos) << "held by accident";
    EXPECT_EQ(error_with("hold_ms", 3000), "");
    const auto s = kiosk::ui::load_ui_settings(dir_.path(), Layout::Landscape);
    EXPECT_EQ(s.technician_gesture.corner, kiosk::ui::Corner::TopLeft);
    const SDL_Rect c = kiosk::ui::gesture_corner(s.technician_gesture, s.metrics);
    EXPECT_EQ(c.x, 0);
    EXPECT_EQ(c.y, 0);
    EXPECT_EQ(c.w, 160);
}

} // namespace
