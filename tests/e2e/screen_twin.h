#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <SDL_rect.h>

#include "kiosk-ui/field_editor.h"
#include "kiosk-ui/front_end.h"
#include "kiosk-ui/pinyin_engine.h"
#include "kiosk-ui/screen_layout.h"
#include "kiosk-ui/ui_settings.h"
#include "session/session.h"

namespace kiosk::test {

// The kiosk's screen worked out beside the running kiosk, from the project's
// own code and config: the session's state machine fed the events the test's
// touches make the screen post, a twin of the screen's keyboard editor with
// the same pinyin engine, and kiosk-ui's layout of the resulting view for
// config/ui/. The test touches where this says the kiosk draws a button, so
// no pixel position is written in a test; and the kiosk's step report must
// agree with the twin's screen at every step.
class ScreenTwin {
public:
    // Devices all usable, so the twin starts on the attract screen.
    explicit ScreenTwin(ui::Layout layout);

    const ui::UiSettings& settings() const { return settings_; }
    const session::ViewModel& view() const { return *view_; }
    ui::ScreenLayout layout() const;
    // The line the kiosk's --report-steps writes for this screen.
    std::string report_line() const;

    // What the screen posts for a touch on a button, a document or a field.
    void apply(const session::Event& event);
    // A key or candidate touched: the editor's edit, if any, is applied.
    void press(const ui::Key& key);
    void choose(std::size_t candidate);
    std::vector<std::string> candidates() const { return editor_.candidates_on_page(); }

    // The screen the session's view builder draws for a step the twin cannot
    // reach by itself (the camera and vision decide when pose ends).
    void show_step(session::Step step);

    // Centres of what to touch, in layout pixels; throws std::runtime_error
    // naming what is not on the screen.
    SDL_Point button(session::Action action) const;
    SDL_Point document(const std::string& spec_id) const;
    SDL_Point field(session::Field field) const;
    SDL_Point key(const ui::Key& key) const;
    SDL_Point candidate(std::size_t index) const;

    // The technician's screens: the hidden corner of attract (held there for
    // settings().technician_gesture.hold), a key of the PIN pad, and a row of
    // the calibration menu (its centre, or the whole row).
    SDL_Point technician_corner() const;
    SDL_Point pin_key(char digit) const;
    SDL_Point procedure(const std::string& name) const;
    SDL_Rect procedure_row(const std::string& name) const;

private:
    void follow_focus();

    ui::UiSettings settings_;
    session::SessionSettings session_settings_;
    std::vector<spec::DocumentSpec> documents_;
    ui::PinyinEngine pinyin_;
    ui::FieldEditor editor_;
    session::Session session_;
    std::shared_ptr<const session::ViewModel> view_;
};

} // namespace kiosk::test
