#pragma once

#include <optional>
#include <string>

#include <SDL.h>

#include "kiosk-ui/canvas.h"
#include "session/view_model.h"
#include "kiosk-ui/ui_settings.h"

namespace kiosk::ui {

// What is drawn over the live preview: the oval where the face belongs, the
// box where it is, one instruction at a time, the ring that fills while every
// check holds, and the countdown number.
struct PoseOverlay {
    const session::PoseGuide* guide = nullptr; // none before the first assessment
    std::string instruction;                   // already looked up in the catalog
    int countdown = 0;                         // 0: no countdown on screen
};

// `visible` is the part of the camera picture shown in `preview` (0..1).
void paint_pose_overlay(const Canvas& canvas, const LayoutMetrics& metrics, const SDL_Rect& preview,
                        const cv::Rect2f& visible, const PoseOverlay& overlay);

} // namespace kiosk::ui
