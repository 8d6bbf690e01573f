#pragma once

#include "kiosk-ui/screen_painter.h"

namespace kiosk::ui {

// Draws the technician's screens between the subtitle and the notice: the
// PIN's dots and pad, or the calibration menu's profile line and rows. The
// PIN itself is never here: the view says only how many digits it has.
void paint_technician(const Canvas& canvas, const LayoutMetrics& metrics, const ScreenText& text, const Scene& scene);

} // namespace kiosk::ui
