#include "kiosk-ui/screen_painter.h"

#include <algorithm>
#include <cmath>

#include "kiosk-ui/pose_overlay.h"
#include "kiosk-ui/shapes.h"
#include "kiosk-ui/technician_painter.h"

namespace kiosk::ui {
namespace {

using session::Step;

// The idle warning's words; {seconds} is filled in.
constexpr std::string_view kIdleWarningKey = "notice.idle_warning";

SDL_Rect inset(const SDL_Rect& r, int by)
{
    return {r.x + by, r.y + by, std::max(0, r.w - 2 * by), std::max(0, r.h - 2 * by)};
}

bool is_pressed(const Scene& scene, const Target& target)
{
    return scene.pressed && *scene.pressed == target;
}

std::string key_label(const ScreenText& text, const std::string& locale, const Key& key)
{
    if (!key.special)
        return key.character;
    return text.text(locale, "keyboard." + std::string(to_string(*key.special)));
}

} // namespace

ScreenPainter::ScreenPainter(const Canvas& canvas, const LayoutMetrics& metrics, const ScreenText& text)
    : canvas_(canvas), m_(metrics), text_(text)
{
}

std::string ScreenPainter::words(const session::ViewModel& view, const session::Text& text) const
{
    return text_.text(view.locale, text);
}

void ScreenPainter::paint(const Scene& scene) const
{
    const auto& view = scene.view;
    const Palette& p = canvas_.palette;
    SDL_SetRenderDrawColor(canvas_.renderer, p.background.r, p.background.g, p.background.b, 255);
    SDL_RenderClear(canvas_.renderer);

    canvas_.draw_text(scene.layout.title, words(view, view.title), m_.title_px, p.text);
    if (view.subtitle)
        canvas_.draw_text(scene.layout.subtitle, words(view, *view.subtitle), m_.subtitle_px, p.muted_text);

    switch (view.step) {
    case Step::ChooseDocument:
        paint_cards(scene);
        break;
    case Step::EnterReceiptNumber:
    case Step::ApplicantDetails:
        paint_form(scene);
        break;
    case Step::Review:
        paint_review(scene);
        break;
    case Step::Capturing:
    case Step::Uploading:
    case Step::Printing:
        paint_progress(scene);
        break;
    case Step::Done:
        paint_done(scene);
        break;
    case Step::TechnicianPin:
    case Step::TechnicianMenu:
        paint_technician(canvas_, m_, text_, scene);
        break;
    default:
        break;
    }
    if (scene.layout.preview)
        paint_preview(scene);
    paint_notice(scene);
    paint_buttons(scene);
}

void ScreenPainter::paint_buttons(const Scene& scene) const
{
    const Palette& p = canvas_.palette;
    for (std::size_t i = 0; i < scene.view.buttons.size() && i < scene.layout.buttons.size(); ++i) {
        const auto& b = scene.view.buttons[i];
        const SDL_Rect& r = scene.layout.buttons[i];
        Colour fill = b.primary ? p.primary_button : p.button;
        Colour ink = b.primary ? p.primary_button_text : p.button_text;
        if (!b.enabled) {
            fill = p.disabled_button;
            ink = p.muted_text;
        } else if (is_pressed(scene, b.action)) {
            fill = p.pressed;
            ink = p.primary_button_text;
        }
        fill_rect(canvas_.renderer, r, fill);
        canvas_.draw_text(inset(r, m_.gap / 2), words(scene.view, b.label), b.primary ? m_.primary_button_px : m_.button_px,
                          ink);
    }
}

void ScreenPainter::paint_cards(const Scene& scene) const
{
    const Palette& p = canvas_.palette;
    for (std::size_t i = 0; i < scene.view.documents.size() && i < scene.layout.cards.size(); ++i) {
        const auto& doc = scene.view.documents[i];
        const SDL_Rect& card = scene.layout.cards[i];
        const bool pressed = is_pressed(scene, DocumentTarget{doc.spec_id});
        fill_rect(canvas_.renderer, card, pressed ? p.candidate : p.card);
        outline_rect(canvas_.renderer, card, 2, p.button);
        // A sample of the photo in its true proportions and background
        // colour, with a head-and-shoulders outline, so the citizen sees
        // what the document photo will look like.
        const SDL_Rect sample_area{card.x + m_.gap, card.y + m_.gap, card.w - 2 * m_.gap, m_.card_sample_height};
        const SDL_Rect sample = fit_top(sample_area, doc.width_px, doc.height_px);
        const Colour bg{static_cast<std::uint8_t>(doc.background_bgr[2]), static_cast<std::uint8_t>(doc.background_bgr[1]),
                        static_cast<std::uint8_t>(doc.background_bgr[0]), 255};
        fill_rect(canvas_.renderer, sample, bg);
        outline_rect(canvas_.renderer, sample, 1, p.muted_text);
        const float sx = static_cast<float>(sample.x), sy = static_cast<float>(sample.y);
        const float sw = static_cast<float>(sample.w), sh = static_cast<float>(sample.h);
        const float line = std::max(2.0f, sw / 40);
        outline_ellipse(canvas_.renderer, {sx + sw * 0.3f, sy + sh * 0.12f, sw * 0.4f, sh * 0.5f}, line, p.muted_text);
        SDL_RenderSetClipRect(canvas_.renderer, &sample);
        outline_ellipse(canvas_.renderer, {sx + sw * 0.05f, sy + sh * 0.72f, sw * 0.9f, sh * 0.6f}, line, p.muted_text);
        SDL_RenderSetClipRect(canvas_.renderer, nullptr);

        const int name_h = m_.card_name_px * 3 / 2;
        const int text_y = sample_area.y + sample_area.h + m_.gap / 2;
        const SDL_Rect name{card.x + m_.gap, text_y, card.w - 2 * m_.gap, name_h};
        canvas_.draw_text(name, words(scene.view, doc.name), m_.card_name_px, p.text);
        const SDL_Rect purpose{card.x + m_.gap, text_y + name_h, card.w - 2 * m_.gap,
                               card.y + card.h - m_.gap / 2 - (text_y + name_h)};
        canvas_.draw_text(purpose, words(scene.view, doc.purpose), m_.card_purpose_px, p.muted_text);
    }
}

void ScreenPainter::paint_form(const Scene& scene) const
{
    const Palette& p = canvas_.palette;
    const auto& view = scene.view;
    for (std::size_t i = 0; i < view.fields.size() && i < scene.layout.fields.size(); ++i) {
        const auto& field = view.fields[i];
        const SDL_Rect& r = scene.layout.fields[i];
        const bool focused = view.focused_field == field.field;
        const int label_h = m_.field_label_px * 3 / 2;
        const int error_h = m_.field_error_px * 3 / 2;
        canvas_.draw_text({r.x, r.y, r.w, label_h}, words(view, field.label), m_.field_label_px, p.muted_text,
                          Align::Left);
        const SDL_Rect box{r.x, r.y + label_h, r.w, std::max(0, r.h - label_h - error_h)};
        fill_rect(canvas_.renderer, box, p.field);
        outline_rect(canvas_.renderer, box, focused ? 4 : 2, focused ? p.field_focus : p.button);
        // The focused field shows the editor's copy: it runs ahead of the
        // view model while the session catches up.
        const bool edited_here = focused && scene.editor.field() == field.field;
        const std::string& value = edited_here ? scene.editor.value() : field.value;
        const SDL_Rect value_box = inset(box, m_.gap / 2);
        const TextTexture* shown = canvas_.text.get(value, m_.field_value_px, p.text, 0);
        const int value_w = shown ? std::min(shown->width, value_box.w) : 0;
        canvas_.draw_text(value_box, value, m_.field_value_px, p.text, Align::Left);
        if (edited_here && !scene.editor.spelling().empty()) {
            const SDL_Rect spelling{value_box.x + value_w + m_.gap / 4, value_box.y,
                                    std::max(0, value_box.w - value_w - m_.gap / 4), value_box.h};
            canvas_.draw_text(spelling, scene.editor.spelling(), m_.field_value_px, p.field_focus, Align::Left);
        }
        if (field.error)
            canvas_.draw_text({r.x, box.y + box.h, r.w, error_h}, words(view, *field.error), m_.field_error_px, p.error,
                              Align::Left);
    }
    if (scene.layout.keyboard)
        paint_keyboard(scene);
}

void ScreenPainter::paint_keyboard(const Scene& scene) const
{
    const Palette& p = canvas_.palette;
    const auto& locale = scene.view.locale;
    if (scene.layout.candidate_bar) {
        fill_rect(canvas_.renderer, *scene.layout.candidate_bar, p.candidate);
        const auto page = scene.editor.candidates_on_page();
        for (std::size_t i = 0; i < page.size() && i < scene.layout.candidates.size(); ++i) {
            const SDL_Rect& r = scene.layout.candidates[i];
            if (is_pressed(scene, CandidateTarget{i}))
                fill_rect(canvas_.renderer, r, p.special_key);
            canvas_.draw_text(r, page[i], m_.candidate_px, p.text);
        }
    }
    for (const auto& cap : scene.layout.keys) {
        const bool more_unavailable = cap.key.special == SpecialKey::MoreCandidates && !scene.editor.has_more_candidates();
        Colour fill = cap.key.special ? p.special_key : p.key;
        if (is_pressed(scene, cap.key))
            fill = p.field_focus;
        fill_rect(canvas_.renderer, cap.rect, fill);
        outline_rect(canvas_.renderer, cap.rect, 1, p.button);
        canvas_.draw_text(inset(cap.rect, 4), key_label(text_, locale, cap.key), m_.key_px,
                          more_unavailable ? p.muted_text : p.text);
    }
}

void ScreenPainter::paint_preview(const Scene& scene) const
{
    const SDL_Rect& r = *scene.layout.preview;
    const Palette& p = canvas_.palette;
    if (scene.preview.empty()) {
        fill_rect(canvas_.renderer, r, p.banner);
    } else {
        // Mirrored, as the citizen expects to see themselves; the saved
        // photo never is.
        int w = 0, h = 0;
        SDL_QueryTexture(scene.preview.texture(), nullptr, nullptr, &w, &h);
        const cv::Rect2f& v = scene.layout.preview_visible;
        const SDL_Rect source{static_cast<int>(v.x * w), static_cast<int>(v.y * h), static_cast<int>(v.width * w),
                              static_cast<int>(v.height * h)};
        SDL_RenderCopyEx(canvas_.renderer, scene.preview.texture(), &source, &r, 0, nullptr, SDL_FLIP_HORIZONTAL);
    }
    PoseOverlay overlay;
    if (scene.view.guide) {
        overlay.guide = &*scene.view.guide;
        if (scene.view.guide->instruction)
            overlay.instruction = words(scene.view, *scene.view.guide->instruction);
    }
    overlay.countdown = scene.view.step == Step::Countdown ? scene.view.countdown : 0;
    paint_pose_overlay(canvas_, m_, r, scene.layout.preview_visible, overlay);
}

void ScreenPainter::paint_review(const Scene& scene) const
{
    if (!scene.layout.photo || scene.photo.empty())
        return;
    SDL_RenderCopy(canvas_.renderer, scene.photo.texture(), nullptr, &*scene.layout.photo);
    outline_rect(canvas_.renderer, *scene.layout.photo, 2, canvas_.palette.muted_text);
}

void ScreenPainter::paint_progress(const Scene& scene) const
{
    if (!scene.layout.progress)
        return;
    const Palette& p = canvas_.palette;
    const SDL_Rect& track = *scene.layout.progress;
    fill_rect(canvas_.renderer, track, p.progress_track);
    if (scene.view.progress) {
        const double f = std::clamp(*scene.view.progress, 0.0, 1.0);
        fill_rect(canvas_.renderer, {track.x, track.y, static_cast<int>(track.w * f), track.h}, p.progress);
        return;
    }
    // Unknown progress: a block sweeping to and fro shows the machine is working.
    const int block = track.w / 5;
    const double phase = std::fmod(scene.seconds, 2.0);
    const double along = phase < 1.0 ? phase : 2.0 - phase;
    fill_rect(canvas_.renderer, {track.x + static_cast<int>((track.w - block) * along), track.y, block, track.h},
              p.progress);
}

void ScreenPainter::paint_done(const Scene& scene) const
{
    const Palette& p = canvas_.palette;
    if (scene.layout.receipt_number)
        canvas_.draw_text(*scene.layout.receipt_number, scene.view.receipt_number, m_.number_px, p.text);
    if (scene.layout.qr && scene.qr)
        SDL_RenderCopy(canvas_.renderer, scene.qr, nullptr, &*scene.layout.qr);
}

void ScreenPainter::paint_notice(const Scene& scene) const
{
    const Palette& p = canvas_.palette;
    std::string message;
    if (scene.view.notice)
        message = words(scene.view, *scene.view.notice);
    if (scene.view.idle_warning_seconds) {
        const session::Text warning{std::string(kIdleWarningKey),
                                    {{"seconds", std::to_string(*scene.view.idle_warning_seconds)}}};
        message += (message.empty() ? "" : "\n") + words(scene.view, warning);
    }
    if (message.empty())
        return;
    fill_rect(canvas_.renderer, scene.layout.notice, p.notice);
    canvas_.draw_text(inset(scene.layout.notice, m_.gap / 2), message, m_.notice_px, p.notice_text);
}

} // namespace kiosk::ui
