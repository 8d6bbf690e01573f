#include "kiosk-ui/ui_settings.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/hex_digit.h"
#include "core/json_fields.h"
#include "core/json_file.h"
#include "core/utf8.h"

namespace kiosk::ui {
namespace {

using nlohmann::json;

// "#rrggbb" or "#rrggbbaa".
Colour colour(const JsonFields& f, const std::string& field)
{
    const std::string text = f.text(field);
    if (text.front() != '#' || (text.size() != 7 && text.size() != 9))
        f.fail(field, "must be a colour written #rrggbb or #rrggbbaa");
    std::uint8_t parts[4] = {0, 0, 0, 255};
    for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
        const int hi = hex_digit_value(text[i + 1]);
        const int lo = hex_digit_value(text[i + 2]);
        if (hi < 0 || lo < 0)
            f.fail(field, "must be a colour written #rrggbb or #rrggbbaa");
        parts[i / 2] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return {parts[0], parts[1], parts[2], parts[3]};
}

Palette palette(const JsonFields& c)
{
    Palette p;
    p.background = colour(c, "background");
    p.text = colour(c, "text");
    p.muted_text = colour(c, "muted_text");
    p.button = colour(c, "button");
    p.button_text = colour(c, "button_text");
    p.primary_button = colour(c, "primary_button");
    p.primary_button_text = colour(c, "primary_button_text");
    p.disabled_button = colour(c, "disabled_button");
    p.pressed = colour(c, "pressed");
    p.card = colour(c, "card");
    p.field = colour(c, "field");
    p.field_focus = colour(c, "field_focus");
    p.error = colour(c, "error");
    p.notice = colour(c, "notice");
    p.notice_text = colour(c, "notice_text");
    p.key = colour(c, "key");
    p.special_key = colour(c, "special_key");
    p.candidate = colour(c, "candidate");
    p.guide_target = colour(c, "guide_target");
    p.guide_target_ok = colour(c, "guide_target_ok");
    p.face_box = colour(c, "face_box");
    p.banner = colour(c, "banner");
    p.banner_text = colour(c, "banner_text");
    p.ring_track = colour(c, "ring_track");
    p.ring = colour(c, "ring");
    p.progress_track = colour(c, "progress_track");
    p.progress = colour(c, "progress");
    p.qr_dark = colour(c, "qr_dark");
    p.qr_light = colour(c, "qr_light");
    p.outcome_pass = colour(c, "outcome_pass");
    p.outcome_fail = colour(c, "outcome_fail");
    p.outcome_error = colour(c, "outcome_error");
    return p;
}

// Splits a row into its characters, one key each.
std::vector<std::string> characters(const JsonFields& f, const std::string& row)
{
    std::vector<char32_t> cps;
    if (!decode_utf8(row, cps))
        f.fail("rows", "a row is not valid UTF-8");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < cps.size(); ++i)
        out.push_back(encode_utf8(cps, i, i + 1));
    return out;
}

SpecialKey special_key(const JsonFields& f, const std::string& field, const std::string& name)
{
    for (const auto key : {SpecialKey::Backspace, SpecialKey::Space, SpecialKey::Clear, SpecialKey::MoreCandidates})
        if (to_string(key) == name)
            return key;
    f.fail(field, "unknown special key \"" + name + "\" (known: backspace, space, clear, more_candidates)");
}

KeyboardKeys keyboard(const JsonFields& all, const std::string& name)
{
    const JsonFields f = all.child(name);
    KeyboardKeys keys;
    const json& rows = f.require("rows");
    if (!rows.is_array() || rows.empty())
        f.fail("rows", "must be a non-empty list of rows of characters");
    for (const auto& row : rows) {
        if (!row.is_string() || row.get<std::string>().empty())
            f.fail("rows", "every row must be a non-empty text");
        keys.rows.push_back(characters(f, row.get<std::string>()));
    }
    const json& specials = f.require("specials");
    if (!specials.is_array())
        f.fail("specials", "must be a list of special key names");
    for (const auto& s : specials) {
        if (!s.is_string())
            f.fail("specials", "every entry must be a key name");
        keys.specials.push_back(special_key(f, "specials", s.get<std::string>()));
    }
    return keys;
}

TechnicianMetrics technician_metrics(const JsonFields& f, int width, int content_height, int key_gap)
{
    TechnicianMetrics t;
    t.pin_dots_height = f.positive_int("pin_dots_height");
    t.pin_dot_diameter = f.whole_number("pin_dot_diameter", 1, t.pin_dots_height);
    t.pin_keypad_width = f.whole_number("pin_keypad_width", 3, width);
    t.pin_key_height = f.positive_int("pin_key_height");
    t.pin_key_px = f.whole_number("pin_key_px", 1, t.pin_key_height);
    if (t.pin_dots_height + 4 * t.pin_key_height + 4 * key_gap > content_height)
        f.fail("pin_key_height", "four rows of keys under the dots do not fit the " + std::to_string(content_height) +
                                     " pixels between subtitle and notice");
    t.menu_columns = f.whole_number("menu_columns", 1, 4);
    t.profile_height = f.positive_int("profile_height");
    t.profile_px = f.whole_number("profile_px", 1, t.profile_height);
    t.row_height = f.positive_int("row_height");
    t.row_padding = f.whole_number("row_padding", 0, t.row_height / 4);
    t.row_name_height = f.positive_int("row_name_height");
    t.row_name_px = f.whole_number("row_name_px", 1, t.row_name_height);
    t.outcome_width = f.whole_number("outcome_width", 1, width / (2 * t.menu_columns));
    t.outcome_px = f.whole_number("outcome_px", 1, t.row_name_height);
    t.figure_columns = f.whole_number("figure_columns", 1, 6);
    t.figure_lines = f.whole_number("figure_lines", 0, 6);
    t.figure_height = f.positive_int("figure_height");
    t.figure_px = f.whole_number("figure_px", 1, t.figure_height);
    t.detail_px = f.positive_int("detail_px");
    t.progress_bar_height = f.positive_int("progress_bar_height");
    // The advice (or the progress line and bar) takes what the name and the
    // figures leave: at least one line of it must fit.
    const int rest = t.row_height - 2 * t.row_padding - t.row_name_height - t.figure_lines * t.figure_height;
    if (rest < t.detail_px * 3 / 2 + t.progress_bar_height)
        f.fail("row_height", "leaves no line for the advice and the progress bar under the name and " +
                                 std::to_string(t.figure_lines) + " lines of figures");
    return t;
}

LayoutMetrics metrics(const JsonFields& f)
{
    LayoutMetrics m;
    m.width = f.positive_int("width");
    m.height = f.positive_int("height");
    m.margin = f.whole_number("margin", 0, m.width / 4);
    m.gap = f.whole_number("gap", 0, m.width / 4);
    m.title_height = f.positive_int("title_height");
    m.title_px = f.positive_int("title_px");
    m.subtitle_height = f.positive_int("subtitle_height");
    m.subtitle_px = f.positive_int("subtitle_px");
    m.notice_height = f.positive_int("notice_height");
    m.notice_px = f.positive_int("notice_px");
    m.footer_height = f.positive_int("footer_height");
    m.button_px = f.positive_int("button_px");
    m.primary_button_px = f.positive_int("primary_button_px");
    m.button_max_width = f.positive_int("button_max_width");
    m.card_columns = f.whole_number("card_columns", 1, 6);
    m.card_height = f.positive_int("card_height");
    m.card_name_px = f.positive_int("card_name_px");
    m.card_purpose_px = f.positive_int("card_purpose_px");
    m.card_sample_height = f.positive_int("card_sample_height");
    m.field_height = f.positive_int("field_height");
    m.field_label_px = f.positive_int("field_label_px");
    m.field_value_px = f.positive_int("field_value_px");
    m.field_error_px = f.positive_int("field_error_px");
    m.keyboard_height = f.positive_int("keyboard_height");
    m.key_px = f.positive_int("key_px");
    m.candidate_height = f.positive_int("candidate_height");
    m.candidate_px = f.positive_int("candidate_px");
    m.candidates_per_page = static_cast<std::size_t>(f.whole_number("candidates_per_page", 1, 20));
    m.preview_aspect = f.positive("preview_aspect");
    if (!f.require("preview_fills").is_boolean())
        f.fail("preview_fills", "must be true or false");
    m.preview_fills = f.require("preview_fills").get<bool>();
    m.banner_height = f.positive_int("banner_height");
    m.instruction_px = f.positive_int("instruction_px");
    m.ring_diameter = f.positive_int("ring_diameter");
    m.ring_thickness = f.positive_int("ring_thickness");
    m.guide_thickness = f.positive_int("guide_thickness");
    m.countdown_px = f.positive_int("countdown_px");
    m.number_height = f.positive_int("number_height");
    m.number_px = f.positive_int("number_px");
    m.qr_size = f.positive_int("qr_size");
    m.qr_quiet_modules = f.whole_number("qr_quiet_modules", 0, 10);
    m.progress_height = f.positive_int("progress_height");
    const int content = m.height - 2 * m.margin - m.title_height - m.subtitle_height - m.notice_height -
                        m.footer_height - 2 * m.gap;
    // A portrait form stacks its fields above the keyboard; a landscape one
    // puts them beside it.
    const bool stacked = m.width <= m.height;
    if (content < m.keyboard_height + (stacked ? m.field_height + m.gap : 0))
        f.fail("keyboard_height", "leaves no room for the form on a screen " + std::to_string(m.height) + " high");
    // The content area as screen_layout cuts it: a gap above it, one below it and one under the notice.
    const int content_height = content - m.gap;
    m.technician = technician_metrics(f.child("technician"), m.width - 2 * m.margin, content_height, small_gap(m));
    return m;
}

Corner corner(const JsonFields& f, const std::string& field)
{
    const std::string name = f.text(field);
    for (const auto c : {Corner::TopLeft, Corner::TopRight, Corner::BottomLeft, Corner::BottomRight})
        if (to_string(c) == name)
            return c;
    f.fail(field, "unknown corner \"" + name + "\" (known: top_left, top_right, bottom_left, bottom_right)");
}

TechnicianGestureSettings technician_gesture(const JsonFields& f, const LayoutMetrics& m)
{
    TechnicianGestureSettings g;
    g.corner = corner(f, "corner");
    // Small enough that a citizen's touch on the attract screen's buttons and
    // texts never starts it, large enough for a finger to find blind.
    g.size_px = f.whole_number("size_px", 40, std::min(m.width, m.height) / 4);
    // Long enough that nobody holds it by accident.
    g.hold = std::chrono::milliseconds(f.whole_number("hold_ms", 1000, 30000));
    return g;
}

} // namespace

int small_gap(const LayoutMetrics& m)
{
    return std::max(1, m.gap / 2);
}

std::string_view to_string(Corner corner)
{
    switch (corner) {
    case Corner::TopLeft: return "top_left";
    case Corner::TopRight: return "top_right";
    case Corner::BottomLeft: return "bottom_left";
    case Corner::BottomRight: return "bottom_right";
    }
    return "unknown";
}

std::string_view to_string(SpecialKey key)
{
    switch (key) {
    case SpecialKey::Backspace: return "backspace";
    case SpecialKey::Space: return "space";
    case SpecialKey::Clear: return "clear";
    case SpecialKey::MoreCandidates: return "more_candidates";
    }
    return "unknown";
}

UiSettings load_ui_settings(const std::filesystem::path& config_dir, Layout layout)
{
    const auto dir = config_dir / "ui";
    UiSettings s;
    const auto ui_file = dir / "ui.json";
    const json ui_doc = load_json_file(ui_file);
    const JsonFields ui(ui_file.string(), ui_doc);
    s.font_file = ui.text("font_file");
    s.frames_per_second = ui.whole_number("frames_per_second", 1, 240);
    s.latency_window = static_cast<std::size_t>(ui.positive_int("latency_window"));
    s.text_cache_frames = ui.positive_int("text_cache_frames");
    const JsonFields pinyin = ui.child("pinyin");
    s.pinyin_dictionary = pinyin.text("dictionary");
    s.pinyin_max_letters = static_cast<std::size_t>(pinyin.whole_number("max_letters", 1, 64));
    s.palette = palette(ui.child("colours"));
    {
        const auto file = dir / "keyboard.json";
        const json doc = load_json_file(file);
        const JsonFields f(file.string(), doc);
        s.keyboards[session::Keyboard::Digits] = keyboard(f, "digits");
        s.keyboards[session::Keyboard::IdNumber] = keyboard(f, "id_number");
        s.keyboards[session::Keyboard::Latin] = keyboard(f, "latin");
        s.keyboards[session::Keyboard::Pinyin] = keyboard(f, "pinyin");
    }
    {
        const auto file = dir / (layout == Layout::Portrait ? "portrait.json" : "landscape.json");
        const json doc = load_json_file(file);
        s.metrics = metrics(JsonFields(file.string(), doc));
    }
    // After the layout: the corner's size is judged against the screen.
    s.technician_gesture = technician_gesture(ui.child("technician_gesture"), s.metrics);
    return s;
}

} // namespace kiosk::ui
