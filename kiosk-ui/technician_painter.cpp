#include "kiosk-ui/technician_painter.h"

#include <algorithm>

#include "kiosk-ui/shapes.h"
#include "kiosk-ui/technician_layout.h"
#include "kiosk-ui/technician_text.h"

namespace kiosk::ui {
namespace {

Colour ink_colour(const Palette& p, Ink ink)
{
    switch (ink) {
    case Ink::Text: return p.text;
    case Ink::Muted: return p.muted_text;
    case Ink::Pass: return p.outcome_pass;
    case Ink::Fail: return p.outcome_fail;
    case Ink::Error: return p.outcome_error;
    }
    return p.text;
}

bool is_pressed(const Scene& scene, const Target& target)
{
    return scene.pressed && *scene.pressed == target;
}

void paint_pin_pad(const Canvas& canvas, const TechnicianMetrics& t, const Scene& scene)
{
    const Palette& p = canvas.palette;
    if (scene.layout.pin_dots && scene.view.pin_digits && *scene.view.pin_digits > 0) {
        const SDL_Rect& area = *scene.layout.pin_dots;
        const int n = static_cast<int>(*scene.view.pin_digits);
        const float d = static_cast<float>(t.pin_dot_diameter);
        // Dots closer than their own width would run together: past what the
        // area holds they shrink.
        const float pitch = std::min(2 * d, static_cast<float>(area.w) / static_cast<float>(n));
        const float radius = std::min(d, pitch * 0.8f) / 2;
        const float x0 = static_cast<float>(area.x) + (static_cast<float>(area.w) - pitch * static_cast<float>(n)) / 2;
        const float cy = static_cast<float>(area.y) + static_cast<float>(area.h) / 2;
        // A full ring as thick as its radius is a disc.
        for (int i = 0; i < n; ++i)
            ring(canvas.renderer, {x0 + pitch * (static_cast<float>(i) + 0.5f), cy}, radius / 2, radius, 1.0, p.text);
    }
    const bool open = pin_pad_open(scene.view);
    for (const auto& cap : scene.layout.pin_keys) {
        Colour fill = cap.key.digit ? p.key : p.special_key;
        if (!open)
            fill = p.disabled_button;
        else if (is_pressed(scene, cap.key))
            fill = p.field_focus;
        fill_rect(canvas.renderer, cap.rect, fill);
        outline_rect(canvas.renderer, cap.rect, 2, p.button);
    }
}

void paint_menu(const Canvas& canvas, const Scene& scene)
{
    const Palette& p = canvas.palette;
    const auto& rows = scene.view.procedures;
    for (std::size_t i = 0; i < rows.size() && i < scene.layout.procedure_rows.size(); ++i) {
        const auto& row = rows[i];
        const ProcedureRowBoxes& boxes = scene.layout.procedure_rows[i];
        const bool pressed = is_pressed(scene, ProcedureTarget{row.procedure});
        fill_rect(canvas.renderer, boxes.row, pressed ? p.candidate : p.card);
        outline_rect(canvas.renderer, boxes.row, row.running ? 4 : 2, row.running ? p.progress : p.button);
        if (!row.running)
            continue;
        fill_rect(canvas.renderer, boxes.progress_bar, p.progress_track);
        if (row.progress && row.progress->of > 0) {
            const double f = std::clamp(static_cast<double>(row.progress->step) / row.progress->of, 0.0, 1.0);
            const SDL_Rect& bar = boxes.progress_bar;
            fill_rect(canvas.renderer, {bar.x, bar.y, static_cast<int>(bar.w * f), bar.h}, p.progress);
        }
    }
}

} // namespace

void paint_technician(const Canvas& canvas, const LayoutMetrics& metrics, const ScreenText& text, const Scene& scene)
{
    if (scene.view.step == session::Step::TechnicianPin)
        paint_pin_pad(canvas, metrics.technician, scene);
    else
        paint_menu(canvas, scene);
    const bool pad_closed = scene.view.step == session::Step::TechnicianPin && !pin_pad_open(scene.view);
    for (const auto& placed : technician_texts(scene.view, scene.layout, metrics, text))
        canvas.draw_text(placed.box, placed.words, placed.px,
                         pad_closed ? canvas.palette.muted_text : ink_colour(canvas.palette, placed.ink), placed.align);
}

} // namespace kiosk::ui
