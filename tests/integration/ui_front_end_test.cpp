// The front end on a real X server (Xvfb), clicked with real X input events
// (xdotool), fed a scripted series of view models and a live feed made of a
// real face photo. Checks what it posts and what its screenshots show.

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "integration/ui_xvfb_fixture.h"
#include "support/faces.h"
#include "support/slip_reading.h"

namespace {

using namespace kiosk::ui_test;
using kiosk::session::Field;
using kiosk::session::Keyboard;
using kiosk::session::Text;

// Share of pixels of `shot` within `tolerance` (every channel) of `reference`.
double agreement(const cv::Mat& shot, const cv::Mat& reference, int tolerance = 40)
{
    cv::Mat diff;
    cv::absdiff(shot, reference, diff);
    std::vector<cv::Mat> channels;
    cv::split(diff, channels);
    cv::Mat worst = cv::max(cv::max(channels[0], channels[1]), channels[2]);
    return static_cast<double>(cv::countNonZero(worst <= tolerance)) / static_cast<double>(worst.total());
}

cv::Mat region(const cv::Mat& image, const SDL_Rect& r)
{
    return image(cv::Rect(r.x, r.y, r.w, r.h));
}

// The walk-through's screens show a real face photo (a public research set).
class FaceOnXvfb : public FrontEndOnXvfb {
protected:
    void SetUp() override
    {
        ASSERT_NO_FATAL_FAILURE(FrontEndOnXvfb::SetUp());
        if (IsSkipped())
            return;
        const auto faces = kiosk::test::faces_dir();
        if (!faces)
            GTEST_SKIP() << kiosk::test::faces_missing_reason();
        face_ = cv::imread((*faces / "frl-london/neutral/001_03.jpg").string());
        ASSERT_FALSE(face_.empty());
    }

    cv::Mat face_;
};

class WalkThrough : public FaceOnXvfb, public ::testing::WithParamInterface<Layout> {};

TEST_P(WalkThrough, EveryScreenPostsWhatWasTouchedAndShowsThePreviewMirrored)
{
    // The camera sees the face on its left and a dark wall on its right: the
    // citizen must see the face on the right, as in a mirror.
    cv::Mat camera(720, 1280, CV_8UC3, cv::Scalar(90, 40, 20));
    cv::resize(face_, camera(cv::Rect(0, 0, 720, 720)), {720, 720}, 0, 0, cv::INTER_AREA);
    StillFeed feed(camera);

    ViewModel attract;
    attract.step = Step::Attract;
    attract.title = {"screen.attract.title", {}};
    attract.subtitle = Text{"screen.attract.subtitle", {}};
    attract.buttons = {button(Action::ToggleLanguage, "button.toggle_language"),
                       button(Action::ResubmitRejected, "button.resubmit_rejected"), button(Action::Start, "button.start", true)};
    script_.show(attract);
    ASSERT_NO_FATAL_FAILURE(start(GetParam(), feed, screen_for(GetParam())));
    int shots = 0;
    ASSERT_TRUE(wait_for_file(shot(++shots, Step::Attract)));

    // A touch beside every button posts nothing; one on Start posts Start.
    click(centre(layout_of(attract).title));
    EXPECT_EQ(script_.posted_count(), 0u);
    click(centre(layout_of(attract).buttons[2]));
    auto posted = script_.wait_for(1);
    ASSERT_EQ(posted.size(), 1u);
    EXPECT_EQ(std::get<kiosk::session::ActionTouched>(posted[0]).action, Action::Start);

    // The same screen in English is a new screen with other words.
    ViewModel english = attract;
    english.locale = "en";
    script_.show(english);
    ASSERT_TRUE(wait_for_file(shot(++shots, Step::Attract)));
    const cv::Mat zh_title = region(cv::imread(shot(1, Step::Attract).string()), layout_of(attract).title);
    const cv::Mat en_title = region(cv::imread(shot(2, Step::Attract).string()), layout_of(attract).title);
    EXPECT_LT(agreement(zh_title, en_title, 0), 0.98) << "the title did not change language";

    ViewModel choose;
    choose.step = Step::ChooseDocument;
    choose.title = {"screen.choose_document.title", {}};
    for (const auto& [id, w, h] : {std::tuple{"exit-entry", 390, 567}, std::tuple{"resident-id", 358, 441},
                                   std::tuple{"driver-licence", 260, 378}}) {
        kiosk::session::DocumentCard card;
        card.spec_id = id;
        card.name = {"screen.choose_document.document_name", {{"name", id}}};
        card.purpose = {std::string("screen.purpose.") + id, {}};
        card.width_px = w;
        card.height_px = h;
        card.background_bgr = cv::Scalar(255, 255, 255);
        choose.documents.push_back(card);
    }
    choose.buttons = {button(Action::ToggleLanguage, "button.toggle_language"), button(Action::Cancel, "button.cancel")};
    script_.show(choose);
    ASSERT_TRUE(wait_for_file(shot(++shots, Step::ChooseDocument)));
    click(centre(layout_of(choose).cards[1]));
    posted = script_.wait_for(2);
    ASSERT_EQ(posted.size(), 2u);
    EXPECT_EQ(std::get<kiosk::session::DocumentChosen>(posted[1]).spec_id, "resident-id");

    // The name by pinyin on the on-screen keyboard: z-h-a-n-g, then the first candidate.
    ViewModel details;
    details.step = Step::ApplicantDetails;
    details.title = {"screen.applicant_details.title", {}};
    for (const auto& [field, kb] : {std::pair{Field::Name, Keyboard::Pinyin}, std::pair{Field::IdNumber, Keyboard::IdNumber},
                                    std::pair{Field::Phone, Keyboard::Digits}}) {
        kiosk::session::FormField f;
        f.field = field;
        f.keyboard = kb;
        f.label = {"field." + std::string(kiosk::session::to_string(field)), {}};
        details.fields.push_back(f);
    }
    details.focused_field = Field::Name;
    details.buttons = {button(Action::Back, "button.back"), button(Action::Next, "button.next", true)};
    script_.show(details);
    ASSERT_TRUE(wait_for_file(shot(++shots, Step::ApplicantDetails)));
    const auto form = layout_of(details, settings_.metrics.candidates_per_page);
    for (const char* letter : {"z", "h", "a", "n", "g"})
        click(key_point(form, letter));
    EXPECT_EQ(script_.posted_count(), 2u) << "spelling posts nothing until a candidate is chosen";
    click(centre(form.candidates.at(0)));
    posted = script_.wait_for(3);
    ASSERT_EQ(posted.size(), 3u);
    const auto& edit = std::get<kiosk::session::FieldEdited>(posted[2]);
    EXPECT_EQ(edit.field, Field::Name);
    EXPECT_EQ(edit.value, "张");
    click(centre(form.fields[2]));
    posted = script_.wait_for(4);
    ASSERT_EQ(posted.size(), 4u);
    EXPECT_EQ(std::get<kiosk::session::FieldFocused>(posted[3]).field, Field::Phone);

    // The live preview with its guide.
    ViewModel pose;
    pose.step = Step::SeatAndPose;
    pose.title = {"screen.seat_and_pose.title", {}};
    pose.show_preview = true;
    kiosk::session::PoseGuide guide;
    guide.target = {0.55f, 0.1f, 0.3f, 0.6f};
    guide.face = cv::Rect2f(0.6f, 0.15f, 0.25f, 0.45f);
    guide.instruction = Text{"advice.move_closer", {}};
    guide.hold_progress = 0.5;
    const auto now_frame = feed.latest();
    guide.frame_time = now_frame.captured;
    guide.frame_sequence = now_frame.sequence;
    pose.guide = guide;
    pose.buttons = {button(Action::Cancel, "button.cancel")};
    script_.show(pose);
    ASSERT_TRUE(wait_for_file(shot(++shots, Step::SeatAndPose)));
    {
        const auto layout = layout_of(pose, 0, SDL_Point{1280, 720});
        ASSERT_TRUE(layout.preview);
        const SDL_Rect& p = *layout.preview;
        // The upper part of the picture, away from the instruction banner.
        const SDL_Rect upper{p.x, p.y, p.w, p.h / 2};
        const cv::Mat screen = region(cv::imread(shot(shots, Step::SeatAndPose).string()), upper);
        const cv::Rect2f& v = layout.preview_visible;
        const cv::Mat visible = camera(cv::Rect(static_cast<int>(v.x * camera.cols), static_cast<int>(v.y * camera.rows),
                                                static_cast<int>(v.width * camera.cols),
                                                static_cast<int>(v.height * camera.rows)));
        cv::Mat shown, mirrored;
        cv::resize(visible, shown, {p.w, p.h}, 0, 0, cv::INTER_AREA);
        cv::flip(shown, mirrored, 1);
        const cv::Rect top(0, 0, p.w, p.h / 2);
        const double as_mirror = agreement(screen, mirrored(top));
        const double as_camera = agreement(screen, shown(top));
        std::printf("preview agreement: mirrored %.3f, as the camera saw it %.3f\n", as_mirror, as_camera);
        EXPECT_GT(as_mirror, 0.85);
        EXPECT_LT(as_camera, 0.6);
    }
    std::this_thread::sleep_for(300ms);
    const auto latency = front_end_->latency();
    // The feed stamps frames at 30 fps, so this is a frame's age on screen:
    // up to one camera period of waiting plus the front end's own upload and drawing.
    std::printf("capture to screen, %zu frames: median %.1f ms, p90 %.1f ms, max %.1f ms\n", latency.preview.count,
                latency.preview.median.count() / 1000.0, latency.preview.p90.count() / 1000.0,
                latency.preview.max.count() / 1000.0);
    EXPECT_GT(latency.guidance.count, 5u);
    EXPECT_GT(latency.preview.count, 5u);
    EXPECT_GE(latency.preview.max, latency.preview.median);
    EXPECT_GT(latency.preview.median.count(), 0);
    EXPECT_LT(latency.preview.median, 1s);

    ViewModel countdown = pose;
    countdown.step = Step::Countdown;
    countdown.countdown = 3;
    script_.show(countdown);
    ASSERT_TRUE(wait_for_file(shot(++shots, Step::Countdown)));

    ViewModel capturing;
    capturing.step = Step::Capturing;
    capturing.title = {"screen.capturing.title", {}};
    script_.show(capturing);
    ASSERT_TRUE(wait_for_file(shot(++shots, Step::Capturing)));

    // The review photo is drawn as it is: not mirrored. An off-centre crop
    // makes a mirrored copy look different.
    auto photo = std::make_shared<kiosk::session::AcceptedPhoto>();
    photo->preview = face_(cv::Rect(0, 0, face_.cols * 2 / 3, face_.rows)).clone();
    ViewModel review;
    review.step = Step::Review;
    review.title = {"screen.review.title", {}};
    review.review_photo = photo;
    review.buttons = {button(Action::Retake, "button.retake"), button(Action::Accept, "button.accept", true)};
    script_.show(review);
    ASSERT_TRUE(wait_for_file(shot(++shots, Step::Review)));
    {
        const auto layout = layout_of(review);
        ASSERT_TRUE(layout.photo);
        const SDL_Rect inner{layout.photo->x + 4, layout.photo->y + 4, layout.photo->w - 8, layout.photo->h - 8};
        const cv::Mat screen = region(cv::imread(shot(shots, Step::Review).string()), inner);
        cv::Mat shown, mirrored;
        cv::resize(photo->preview, shown, {layout.photo->w, layout.photo->h}, 0, 0, cv::INTER_AREA);
        cv::flip(shown, mirrored, 1);
        const cv::Rect crop(4, 4, inner.w, inner.h);
        const double as_is = agreement(screen, shown(crop));
        const double as_mirror = agreement(screen, mirrored(crop));
        std::printf("review agreement: as taken %.3f, mirrored %.3f\n", as_is, as_mirror);
        EXPECT_GT(as_is, 0.85);
        EXPECT_LT(as_mirror, 0.6);
        click(centre(layout.buttons[1]));
        posted = script_.wait_for(5);
        ASSERT_EQ(posted.size(), 5u);
        EXPECT_EQ(std::get<kiosk::session::ActionTouched>(posted[4]).action, Action::Accept);
    }

    ViewModel uploading;
    uploading.step = Step::Uploading;
    uploading.title = {"screen.uploading.title", {}};
    uploading.progress = 0.4;
    script_.show(uploading);
    ASSERT_TRUE(wait_for_file(shot(++shots, Step::Uploading)));
    {
        const auto layout = layout_of(uploading);
        ASSERT_TRUE(layout.progress);
        const cv::Mat bar = region(cv::imread(shot(shots, Step::Uploading).string()), *layout.progress);
        const auto& c = settings_.palette.progress;
        const cv::Vec3b filled = bar.at<cv::Vec3b>(bar.rows / 2, bar.cols / 5);
        const cv::Vec3b empty = bar.at<cv::Vec3b>(bar.rows / 2, bar.cols * 4 / 5);
        EXPECT_EQ(filled, cv::Vec3b(c.b, c.g, c.r)) << "40 % of the bar is filled";
        EXPECT_NE(empty, cv::Vec3b(c.b, c.g, c.r));
    }

    // The slip did not print: the number and a QR code that reads back.
    ViewModel done;
    done.step = Step::Done;
    done.title = {"screen.done.title", {}};
    done.receipt_number = "GZ0012611250017";
    done.receipt_qr_text = "https://review.example.invalid/v1/receipts/GZ0012611250017";
    done.receipt_printed = false;
    done.notice = Text{"notice.reprint_at_counter", {}};
    done.buttons = {button(Action::Finish, "button.finish", true)};
    script_.show(done);
    ASSERT_TRUE(wait_for_file(shot(++shots, Step::Done)));
    {
        cv::Mat grey;
        cv::cvtColor(cv::imread(shot(shots, Step::Done).string()), grey, cv::COLOR_BGR2GRAY);
        const auto codes = kiosk::test::texts_of(kiosk::test::decode_codes(grey), "QRCode");
        ASSERT_EQ(codes.size(), 1u);
        EXPECT_EQ(codes[0], done.receipt_qr_text);
    }

    ViewModel out_of_service;
    out_of_service.step = Step::OutOfService;
    out_of_service.title = {"screen.out_of_service.title", {}};
    out_of_service.notice = Text{"notice.out_of_service", {}};
    script_.show(out_of_service);
    ASSERT_TRUE(wait_for_file(shot(++shots, Step::OutOfService)));

    // Lockdown: the usual ways out by keyboard do nothing.
    const std::size_t before = script_.posted_count();
    for (const char* keys : {"alt+F4", "ctrl+q", "Escape", "alt+Tab", "ctrl+alt+BackSpace"})
        run_command(std::string("xdotool key ") + keys);
    std::this_thread::sleep_for(500ms);
    EXPECT_TRUE(running_) << "a key closed the front end";
    EXPECT_FALSE(run_command("xdotool search --name '^kiosk$'").empty()) << "the window is gone";
    EXPECT_EQ(script_.posted_count(), before);

    // Only the program ends it.
    const auto asked = std::chrono::steady_clock::now();
    stop();
    EXPECT_FALSE(running_);
    EXPECT_LT(std::chrono::steady_clock::now() - asked, 2s);
    EXPECT_EQ(run_error_, "");
}

TEST_F(FaceOnXvfb, APortraitLayoutShrunkToTheScreenStillMapsTouchesToItsButtons)
{
    StillFeed feed(face_);
    ViewModel attract;
    attract.step = Step::Attract;
    attract.title = {"screen.attract.title", {}};
    attract.buttons = {button(Action::ToggleLanguage, "button.toggle_language"), button(Action::Start, "button.start", true)};
    script_.show(attract);
    ASSERT_NO_FATAL_FAILURE(start(Layout::Portrait, feed, screen_for(Layout::Landscape)));
    EXPECT_LT(scale_, 1.0) << "a 1080x1920 window does not fit a 1920x1080 screen";
    ASSERT_TRUE(wait_for_file(shot(1, Step::Attract)));
    click(centre(layout_of(attract).buttons[0]));
    const auto posted = script_.wait_for(1);
    ASSERT_EQ(posted.size(), 1u);
    EXPECT_EQ(std::get<kiosk::session::ActionTouched>(posted[0]).action, Action::ToggleLanguage);
}

// A finger event as a touch screen's driver delivers it: normalised to the
// window, which here shows the layout at its own size.
void push_finger(Uint32 type, SDL_FingerID finger, SDL_Point p, const kiosk::ui::LayoutMetrics& m)
{
    SDL_Event event{};
    event.type = type;
    event.tfinger.touchId = 1;
    event.tfinger.fingerId = finger;
    event.tfinger.x = static_cast<float>(p.x) / static_cast<float>(m.width);
    event.tfinger.y = static_cast<float>(p.y) / static_cast<float>(m.height);
    event.tfinger.pressure = 1.0f;
    ASSERT_EQ(SDL_PushEvent(&event), 1) << SDL_GetError();
}

TEST_F(FaceOnXvfb, FingersPressButtonsAsClicksDoAndOnlyTheFirstFingerCounts)
{
    StillFeed feed(face_);
    ViewModel attract;
    attract.step = Step::Attract;
    attract.title = {"screen.attract.title", {}};
    attract.buttons = {button(Action::ToggleLanguage, "button.toggle_language"),
                       button(Action::ResubmitRejected, "button.resubmit_rejected"), button(Action::Start, "button.start", true)};
    script_.show(attract);
    ASSERT_NO_FATAL_FAILURE(start(Layout::Portrait, feed, screen_for(Layout::Portrait)));
    ASSERT_TRUE(wait_for_file(shot(1, Step::Attract)));
    const auto layout = layout_of(attract);
    const auto& m = settings_.metrics;
    const SDL_Point toggle = centre(layout.buttons[0]), resubmit = centre(layout.buttons[1]),
                    start_button = centre(layout.buttons[2]), title = centre(layout.title);
    const auto action_posted = [&](std::size_t n) {
        const auto posted = script_.wait_for(n);
        return posted.size() == n ? std::optional(std::get<kiosk::session::ActionTouched>(posted[n - 1]).action)
                                  : std::nullopt;
    };

    // A tap: finger down and up on Start.
    push_finger(SDL_FINGERDOWN, 7, start_button, m);
    push_finger(SDL_FINGERUP, 7, start_button, m);
    EXPECT_EQ(action_posted(1), Action::Start);

    // Two fingers: the first presses the language button, a second lands on
    // "resubmit" and lifts before it. Only the first finger's button counts.
    push_finger(SDL_FINGERDOWN, 1, toggle, m);
    push_finger(SDL_FINGERDOWN, 2, resubmit, m);
    push_finger(SDL_FINGERUP, 2, resubmit, m);
    push_finger(SDL_FINGERUP, 1, toggle, m);
    EXPECT_EQ(action_posted(2), Action::ToggleLanguage);

    // Two fingers on one button press it once.
    push_finger(SDL_FINGERDOWN, 3, start_button, m);
    push_finger(SDL_FINGERDOWN, 4, start_button, m);
    push_finger(SDL_FINGERUP, 3, start_button, m);
    push_finger(SDL_FINGERUP, 4, start_button, m);
    EXPECT_EQ(action_posted(3), Action::Start);

    // A finger that slides off Start and lifts on the title is no press, nor
    // is one that lands on the title and slides onto Start. A tap on the
    // language button afterwards must be the next thing posted.
    push_finger(SDL_FINGERDOWN, 5, start_button, m);
    push_finger(SDL_FINGERMOTION, 5, title, m);
    push_finger(SDL_FINGERUP, 5, title, m);
    push_finger(SDL_FINGERDOWN, 6, title, m);
    push_finger(SDL_FINGERMOTION, 6, start_button, m);
    push_finger(SDL_FINGERUP, 6, start_button, m);
    push_finger(SDL_FINGERDOWN, 8, toggle, m);
    push_finger(SDL_FINGERUP, 8, toggle, m);
    EXPECT_EQ(action_posted(4), Action::ToggleLanguage);
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(script_.posted_count(), 4u) << "a slide posted something";
}

INSTANTIATE_TEST_SUITE_P(BothLayouts, WalkThrough, ::testing::Values(Layout::Portrait, Layout::Landscape),
                         [](const auto& info) { return info.param == Layout::Portrait ? "Portrait" : "Landscape"; });

} // namespace
