#pragma once

#include <optional>

#include <SDL.h>

#include "kiosk-ui/canvas.h"
#include "kiosk-ui/field_editor.h"
#include "kiosk-ui/image_texture.h"
#include "kiosk-ui/screen_layout.h"
#include "kiosk-ui/screen_text.h"
#include "session/view_model.h"
#include "kiosk-ui/ui_settings.h"

namespace kiosk::ui {

// Everything one frame shows.
struct Scene {
    const session::ViewModel& view;
    const ScreenLayout& layout;
    const FieldEditor& editor;
    const ImageTexture& preview; // the newest camera frame, unmirrored as the camera saw it
    const ImageTexture& photo;   // the review photo
    SDL_Texture* qr = nullptr;   // the receipt's QR code, when the done screen shows one
    std::optional<Target> pressed;
    double seconds = 0;          // animation clock, for indeterminate progress
};

// Draws every step's screen from the view model and its layout. Draws only:
// what the screen means is the session's, where things go is the layout's.
class ScreenPainter {
public:
    ScreenPainter(const Canvas& canvas, const LayoutMetrics& metrics, const ScreenText& text);

    void paint(const Scene& scene) const;

private:
    std::string words(const session::ViewModel& view, const session::Text& text) const;
    void paint_buttons(const Scene& scene) const;
    void paint_cards(const Scene& scene) const;
    void paint_form(const Scene& scene) const;
    void paint_keyboard(const Scene& scene) const;
    void paint_preview(const Scene& scene) const;
    void paint_review(const Scene& scene) const;
    void paint_progress(const Scene& scene) const;
    void paint_done(const Scene& scene) const;
    void paint_notice(const Scene& scene) const;

    const Canvas& canvas_;
    const LayoutMetrics& m_;
    const ScreenText& text_;
};

} // namespace kiosk::ui
