#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "kiosk-ui/front_end.h"
#include "session/view_model.h"

namespace kiosk::ui {

struct Colour {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
};

// config/ui/ui.json "colours".
struct Palette {
    Colour background, text, muted_text;
    Colour button, button_text, primary_button, primary_button_text, disabled_button, pressed;
    Colour card, field, field_focus, error, notice, notice_text;
    Colour key, special_key, candidate;
    Colour guide_target, guide_target_ok, face_box, banner, banner_text, ring_track, ring;
    Colour progress_track, progress;
    Colour qr_dark, qr_light;
    Colour outcome_pass, outcome_fail, outcome_error; // a calibration procedure's last verdict
};

// The technician's screens (the "technician" part of a layout file): the PIN
// pad and the calibration menu.
struct TechnicianMetrics {
    int pin_dots_height = 0, pin_dot_diameter = 0;
    int pin_keypad_width = 0, pin_key_height = 0, pin_key_px = 0;
    int menu_columns = 0;
    int profile_height = 0, profile_px = 0;
    int row_height = 0, row_padding = 0;
    int row_name_height = 0, row_name_px = 0, outcome_width = 0, outcome_px = 0;
    int figure_columns = 0, figure_lines = 0, figure_height = 0, figure_px = 0;
    int detail_px = 0, progress_bar_height = 0;
};

// Where each part of a screen goes, in the layout's own pixels
// (config/ui/portrait.json, config/ui/landscape.json). The window may be any
// size: SDL scales these to it.
struct LayoutMetrics {
    int width = 0, height = 0;
    int margin = 0, gap = 0;
    int title_height = 0, title_px = 0;
    int subtitle_height = 0, subtitle_px = 0;
    int notice_height = 0, notice_px = 0;
    int footer_height = 0, button_px = 0, primary_button_px = 0, button_max_width = 0;
    int card_columns = 0, card_height = 0, card_name_px = 0, card_purpose_px = 0, card_sample_height = 0;
    int field_height = 0, field_label_px = 0, field_value_px = 0, field_error_px = 0;
    int keyboard_height = 0, key_px = 0, candidate_height = 0, candidate_px = 0;
    std::size_t candidates_per_page = 0;
    double preview_aspect = 0; // width / height before the first frame arrives
    // Fill the whole content area with the centre of the camera picture (a
    // landscape camera on a portrait screen) instead of showing all of it small.
    bool preview_fills = false;
    int banner_height = 0, instruction_px = 0;
    int ring_diameter = 0, ring_thickness = 0, guide_thickness = 0, countdown_px = 0;
    int number_height = 0, number_px = 0, qr_size = 0, qr_quiet_modules = 0;
    int progress_height = 0;
    TechnicianMetrics technician;
};

// A key other than a character: its label is "keyboard.<name>" in the catalogs.
enum class SpecialKey { Backspace, Space, Clear, MoreCandidates };

// The keys of one keyboard (config/ui/keyboard.json): rows of characters, then
// one row of special keys.
struct KeyboardKeys {
    std::vector<std::vector<std::string>> rows; // each entry one UTF-8 character
    std::vector<SpecialKey> specials;
};

enum class Corner { TopLeft, TopRight, BottomLeft, BottomRight };

// The hidden way into calibration (config/ui/ui.json "technician_gesture"): a
// press held this long in a square of this size in this corner of the
// attract and out-of-service screens.
struct TechnicianGestureSettings {
    Corner corner = Corner::TopRight;
    int size_px = 0; // layout pixels
    std::chrono::milliseconds hold{0};
};

struct UiSettings {
    std::filesystem::path font_file;
    int frames_per_second = 60;
    // Latency samples kept for the statistics (the newest ones).
    std::size_t latency_window = 0;
    // A text texture not drawn for this many frames is dropped, so a name
    // typed by the last citizen does not stay in video memory.
    int text_cache_frames = 0;
    std::filesystem::path pinyin_dictionary;
    std::size_t pinyin_max_letters = 0;
    Palette palette;
    std::map<session::Keyboard, KeyboardKeys> keyboards;
    LayoutMetrics metrics;
    TechnicianGestureSettings technician_gesture;
};

// Reads config/ui/{ui,keyboard,<layout>}.json under `config_dir`; throws
// ConfigError naming the file and the field on anything missing or impossible.
UiSettings load_ui_settings(const std::filesystem::path& config_dir, Layout layout);

// Between keys, and between the rows of the calibration menu.
int small_gap(const LayoutMetrics& m);

std::string_view to_string(SpecialKey key);
std::string_view to_string(Corner corner);

} // namespace kiosk::ui
