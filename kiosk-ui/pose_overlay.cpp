#include "kiosk-ui/pose_overlay.h"

#include <algorithm>
#include <string>

#include "kiosk-ui/shapes.h"

namespace kiosk::ui {
namespace {

// The guide's rectangles are normalised to the whole frame and already
// mirrored, like the picture they are drawn over; only `visible` of it is on screen.
SDL_FRect on_preview(const cv::Rect2f& r, const SDL_Rect& preview, const cv::Rect2f& visible)
{
    const float sx = preview.w / visible.width, sy = preview.h / visible.height;
    return {preview.x + (r.x - visible.x) * sx, preview.y + (r.y - visible.y) * sy, r.width * sx, r.height * sy};
}

} // namespace

void paint_pose_overlay(const Canvas& canvas, const LayoutMetrics& m, const SDL_Rect& preview,
                        const cv::Rect2f& visible, const PoseOverlay& overlay)
{
    SDL_RenderSetClipRect(canvas.renderer, &preview);
    const Palette& p = canvas.palette;
    if (const session::PoseGuide* guide = overlay.guide) {
        outline_ellipse(canvas.renderer, on_preview(guide->target, preview, visible), static_cast<float>(m.guide_thickness),
                        guide->all_checks_pass ? p.guide_target_ok : p.guide_target);
        if (guide->face) {
            const SDL_FRect f = on_preview(*guide->face, preview, visible);
            const SDL_Rect box{static_cast<int>(f.x), static_cast<int>(f.y), static_cast<int>(f.w),
                               static_cast<int>(f.h)};
            outline_rect(canvas.renderer, box, std::max(1, m.guide_thickness / 2), p.face_box);
        }
        if (guide->hold_progress > 0 || guide->all_checks_pass) {
            const float r = static_cast<float>(m.ring_diameter) / 2;
            const SDL_FPoint centre{static_cast<float>(preview.x + preview.w - m.gap) - r,
                                    static_cast<float>(preview.y + m.gap) + r};
            const auto thickness = static_cast<float>(m.ring_thickness);
            ring(canvas.renderer, centre, r - thickness / 2, thickness, 1.0, p.ring_track);
            ring(canvas.renderer, centre, r - thickness / 2, thickness, guide->hold_progress, p.ring);
        }
    }
    if (!overlay.instruction.empty()) {
        const SDL_Rect banner{preview.x, preview.y + preview.h - m.banner_height, preview.w, m.banner_height};
        fill_rect(canvas.renderer, banner, p.banner);
        const SDL_Rect words{banner.x + m.gap, banner.y, banner.w - 2 * m.gap, banner.h};
        canvas.draw_text(words, overlay.instruction, m.instruction_px, p.banner_text);
    }
    if (overlay.countdown > 0) {
        const float radius = static_cast<float>(m.countdown_px) * 0.6f;
        const SDL_FPoint centre{preview.x + preview.w / 2.0f, preview.y + preview.h / 2.0f};
        // A disc: a ring as thick as its radius.
        ring(canvas.renderer, centre, radius / 2, radius, 1.0, p.banner);
        const SDL_Rect box{static_cast<int>(centre.x - radius), static_cast<int>(centre.y - radius),
                           static_cast<int>(2 * radius), static_cast<int>(2 * radius)};
        canvas.draw_text(box, std::to_string(overlay.countdown), m.countdown_px, p.banner_text);
    }
    SDL_RenderSetClipRect(canvas.renderer, nullptr);
}

} // namespace kiosk::ui
