#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "core/paths.h"
#include "kiosk-ui/screen_layout.h"
#include "kiosk-ui/ui_settings.h"

namespace {

using kiosk::session::Action;
using kiosk::session::Field;
using kiosk::session::Keyboard;
using kiosk::session::Step;
using kiosk::session::ViewModel;
using kiosk::ui::CandidateTarget;
using kiosk::ui::DocumentTarget;
using kiosk::ui::Key;
using kiosk::ui::Layout;
using kiosk::ui::ScreenLayout;
using kiosk::ui::SpecialKey;
using kiosk::ui::Target;

SDL_Point centre(const SDL_Rect& r)
{
    return {r.x + r.w / 2, r.y + r.h / 2};
}

bool inside(const SDL_Rect& inner, const SDL_Rect& outer)
{
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}

bool overlap(const SDL_Rect& a, const SDL_Rect& b)
{
    return SDL_HasIntersection(&a, &b) == SDL_TRUE;
}

kiosk::session::Button button(Action a, bool primary = false, bool enabled = true)
{
    kiosk::session::Button b;
    b.action = a;
    b.label = {"button.x", {}};
    b.primary = primary;
    b.enabled = enabled;
    return b;
}

kiosk::session::FormField form_field(Field f, Keyboard kb)
{
    kiosk::session::FormField out;
    out.field = f;
    out.keyboard = kb;
    return out;
}

// One view model per step, with what that step usually carries.
std::vector<ViewModel> every_step()
{
    std::vector<ViewModel> views;
    for (int s = static_cast<int>(Step::OutOfService); s <= static_cast<int>(Step::Done); ++s) {
        ViewModel v;
        v.step = static_cast<Step>(s);
        v.buttons = {button(Action::ToggleLanguage), button(Action::Cancel), button(Action::Next, true)};
        switch (v.step) {
        case Step::ChooseDocument:
            for (const char* id : {"exit-entry", "resident-id", "social-security", "driver-licence", "ride-hailing"}) {
                kiosk::session::DocumentCard card;
                card.spec_id = id;
                card.width_px = 354;
                card.height_px = 472;
                v.documents.push_back(card);
            }
            break;
        case Step::ApplicantDetails:
            v.fields = {form_field(Field::Name, Keyboard::Pinyin), form_field(Field::IdNumber, Keyboard::IdNumber),
                        form_field(Field::Phone, Keyboard::Digits)};
            v.focused_field = Field::Name;
            break;
        case Step::EnterReceiptNumber:
            v.fields = {form_field(Field::ReceiptNumber, Keyboard::Latin)};
            v.focused_field = Field::ReceiptNumber;
            break;
        case Step::SeatAndPose:
        case Step::Countdown:
            v.show_preview = true;
            break;
        case Step::Review: {
            auto photo = std::make_shared<kiosk::session::AcceptedPhoto>();
            photo->preview = cv::Mat(567, 390, CV_8UC3);
            v.review_photo = photo;
            break;
        }
        case Step::Done:
            v.receipt_number = "GZ0012611250017";
            v.receipt_qr_text = "https://example.invalid/r/GZ0012611250017";
            break;
        default:
            break;
        }
        views.push_back(std::move(v));
    }
    return views;
}

class LayoutOf : public ::testing::TestWithParam<Layout> {
protected:
    void SetUp() override { settings_ = kiosk::ui::load_ui_settings(kiosk::config_dir(), GetParam()); }

    ScreenLayout lay_out(const ViewModel& v, std::size_t candidates = 0,
                         std::optional<SDL_Point> preview = std::nullopt) const
    {
        const kiosk::ui::KeyboardKeys* keys = nullptr;
        for (const auto& f : v.fields)
            if (v.focused_field == f.field)
                keys = &settings_.keyboards.at(f.keyboard);
        return kiosk::ui::lay_out({v, settings_.metrics, keys, candidates, preview});
    }

    kiosk::ui::UiSettings settings_;
};

TEST_P(LayoutOf, EveryStepKeepsEverythingOnScreenAndButtonsApart)
{
    for (const auto& v : every_step()) {
        SCOPED_TRACE(std::string(kiosk::session::to_string(v.step)));
        const auto layout = lay_out(v, 7, SDL_Point{1280, 720});
        for (const auto& spot : layout.hotspots)
            EXPECT_TRUE(inside(spot.rect, layout.screen));
        for (std::size_t i = 0; i < layout.buttons.size(); ++i)
            for (std::size_t j = i + 1; j < layout.buttons.size(); ++j)
                EXPECT_FALSE(overlap(layout.buttons[i], layout.buttons[j]));
        for (const auto& b : layout.buttons) {
            EXPECT_FALSE(overlap(b, layout.content)) << "buttons stay in the footer";
            EXPECT_FALSE(overlap(b, layout.title));
        }
        for (const auto* part : {&layout.preview, &layout.photo, &layout.qr, &layout.keyboard, &layout.progress})
            if (*part) {
                EXPECT_TRUE(inside(**part, layout.content));
            }
        for (const auto& f : layout.fields) {
            EXPECT_TRUE(inside(f, layout.content));
            if (layout.keyboard) {
                EXPECT_FALSE(overlap(f, *layout.keyboard)) << "the keyboard never hides a field";
            }
            EXPECT_GE(f.h, settings_.metrics.field_height / 2);
        }
    }
}

TEST_P(LayoutOf, ATouchOnAButtonIsItsActionAndADisabledButtonIsNothing)
{
    ViewModel v;
    v.step = Step::Attract;
    v.buttons = {button(Action::ToggleLanguage), button(Action::ResubmitRejected, false, false),
                 button(Action::Start, true)};
    const auto layout = lay_out(v);
    ASSERT_EQ(layout.buttons.size(), 3u);
    EXPECT_EQ(kiosk::ui::hit_test(layout, centre(layout.buttons[0])), Target{Action::ToggleLanguage});
    EXPECT_FALSE(kiosk::ui::hit_test(layout, centre(layout.buttons[1])));
    EXPECT_EQ(kiosk::ui::hit_test(layout, centre(layout.buttons[2])), Target{Action::Start});
    EXPECT_GT(layout.buttons[2].w, layout.buttons[0].w) << "the primary button is the largest";
    EXPECT_FALSE(kiosk::ui::hit_test(layout, centre(layout.title)));
}

TEST_P(LayoutOf, ATouchOnACardChoosesItsDocument)
{
    const auto views = every_step();
    const auto& v = views[static_cast<std::size_t>(Step::ChooseDocument)];
    const auto layout = lay_out(v);
    ASSERT_EQ(layout.cards.size(), v.documents.size());
    for (std::size_t i = 0; i < v.documents.size(); ++i)
        EXPECT_EQ(kiosk::ui::hit_test(layout, centre(layout.cards[i])), Target{DocumentTarget{v.documents[i].spec_id}});
}

TEST_P(LayoutOf, TheFocusedFieldsKeyboardIsLaidOut)
{
    auto views = every_step();
    auto& v = views[static_cast<std::size_t>(Step::ApplicantDetails)];
    auto has_key = [](const ScreenLayout& l, const Key& k) {
        return std::any_of(l.keys.begin(), l.keys.end(), [&](const auto& cap) { return cap.key == k; });
    };

    v.focused_field = Field::IdNumber;
    auto layout = lay_out(v);
    EXPECT_TRUE(has_key(layout, Key{std::nullopt, "X"}));
    EXPECT_TRUE(has_key(layout, Key{SpecialKey::Backspace, {}}));
    EXPECT_FALSE(has_key(layout, Key{std::nullopt, "A"}));
    EXPECT_FALSE(layout.candidate_bar) << "no candidates outside pinyin";
    for (const auto& cap : layout.keys)
        EXPECT_EQ(kiosk::ui::hit_test(layout, centre(cap.rect)), Target{cap.key});
    EXPECT_EQ(kiosk::ui::hit_test(layout, centre(layout.fields[2])), Target{Field::Phone});

    v.focused_field = Field::Phone;
    layout = lay_out(v);
    EXPECT_FALSE(has_key(layout, Key{std::nullopt, "X"}));

    v.focused_field = Field::Name;
    layout = lay_out(v, 3);
    EXPECT_TRUE(has_key(layout, Key{std::nullopt, "z"}));
    ASSERT_TRUE(layout.candidate_bar);
    ASSERT_EQ(layout.candidates.size(), 3u);
    EXPECT_EQ(kiosk::ui::hit_test(layout, centre(layout.candidates[1])), Target{CandidateTarget{1}});
    for (const auto& cap : layout.keys)
        EXPECT_FALSE(overlap(cap.rect, *layout.candidate_bar));

    v.focused_field.reset();
    layout = lay_out(v);
    EXPECT_FALSE(layout.keyboard);
    EXPECT_TRUE(layout.keys.empty());
}

TEST_P(LayoutOf, PicturesKeepTheirProportions)
{
    const auto views = every_step();
    const auto preview = lay_out(views[static_cast<std::size_t>(Step::SeatAndPose)], 0, SDL_Point{1280, 720});
    ASSERT_TRUE(preview.preview);
    // The part of the frame shown has the proportions of where it is shown,
    // and is its centre, so the mirrored picture shows the same part.
    const cv::Rect2f& v = preview.preview_visible;
    EXPECT_NEAR(static_cast<double>(preview.preview->w) / preview.preview->h, (v.width * 1280.0) / (v.height * 720.0),
                0.01);
    EXPECT_NEAR(v.x + v.width / 2, 0.5, 1e-6);
    EXPECT_NEAR(v.y + v.height / 2, 0.5, 1e-6);
    if (settings_.metrics.preview_fills) {
        EXPECT_EQ(preview.preview->w, preview.content.w) << "the live picture fills the content area";
        EXPECT_EQ(preview.preview->h, preview.content.h);
    } else {
        EXPECT_EQ(v, cv::Rect2f(0, 0, 1, 1)) << "the whole frame is shown";
    }

    const auto review = lay_out(views[static_cast<std::size_t>(Step::Review)]);
    ASSERT_TRUE(review.photo);
    EXPECT_NEAR(static_cast<double>(review.photo->w) / review.photo->h, 390.0 / 567, 0.01);
    EXPECT_FALSE(review.preview) << "the review shows the photo, not the live picture";
}

TEST_P(LayoutOf, TheQrCodeAppearsOnlyWhenTheSlipDidNotPrint)
{
    auto views = every_step();
    auto& done = views[static_cast<std::size_t>(Step::Done)];
    auto layout = lay_out(done);
    ASSERT_TRUE(layout.receipt_number);
    ASSERT_TRUE(layout.qr);
    EXPECT_EQ(layout.qr->w, layout.qr->h);
    EXPECT_FALSE(overlap(*layout.qr, *layout.receipt_number));
    done.receipt_printed = true;
    EXPECT_FALSE(lay_out(done).qr);
}

INSTANTIATE_TEST_SUITE_P(BothLayouts, LayoutOf, ::testing::Values(Layout::Portrait, Layout::Landscape),
                         [](const auto& info) { return info.param == Layout::Portrait ? "Portrait" : "Landscape"; });

} // namespace
