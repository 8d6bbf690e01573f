#include "kiosk-ui/technician_layout.h"

#include <algorithm>

namespace kiosk::ui {
namespace {

int bottom(const SDL_Rect& r)
{
    return r.y + r.h;
}

// The notices under which the session takes no digits.
constexpr std::string_view kPinChecking = "calibration.pin.checking";
constexpr std::string_view kPinUnavailable = "calibration.pin.unavailable";

ProcedureRowBoxes row_boxes(const TechnicianMetrics& t, int gap, const SDL_Rect& row)
{
    ProcedureRowBoxes b;
    b.row = row;
    const SDL_Rect inner{row.x + t.row_padding, row.y + t.row_padding, std::max(0, row.w - 2 * t.row_padding),
                         std::max(0, row.h - 2 * t.row_padding)};
    const int outcome_w = std::min(t.outcome_width, inner.w);
    b.name = {inner.x, inner.y, std::max(0, inner.w - outcome_w - gap), t.row_name_height};
    b.outcome = {inner.x + inner.w - outcome_w, inner.y, outcome_w, t.row_name_height};
    const int cell_w = (inner.w - (t.figure_columns - 1) * gap) / t.figure_columns;
    for (int line = 0; line < t.figure_lines; ++line)
        for (int col = 0; col < t.figure_columns; ++col)
            b.figures.push_back({inner.x + col * (cell_w + gap), bottom(b.name) + line * t.figure_height, cell_w,
                                 t.figure_height});
    const int rest_y = bottom(b.name) + t.figure_lines * t.figure_height;
    const int rest_h = std::max(0, bottom(inner) - rest_y);
    b.detail = {inner.x, rest_y, inner.w, rest_h};
    const int bar_h = std::min(t.progress_bar_height, rest_h);
    b.progress_bar = {inner.x, bottom(inner) - bar_h, inner.w, bar_h};
    b.progress_line = {inner.x, rest_y, inner.w, std::max(0, rest_h - bar_h)};
    return b;
}

} // namespace

bool pin_pad_open(const session::ViewModel& view)
{
    return !view.notice || (view.notice->key != kPinChecking && view.notice->key != kPinUnavailable);
}

void lay_out_pin_pad(const LayoutInput& in, ScreenLayout& out)
{
    const LayoutMetrics& m = in.metrics;
    const TechnicianMetrics& t = m.technician;
    const int key_gap = small_gap(m);
    out.pin_dots = SDL_Rect{out.content.x, out.content.y, out.content.w, t.pin_dots_height};
    const int pad_w = std::min(t.pin_keypad_width, out.content.w);
    const int key_w = (pad_w - 2 * key_gap) / 3;
    const int x0 = out.content.x + (out.content.w - pad_w) / 2;
    const int y0 = bottom(*out.pin_dots) + key_gap;
    // A phone's keypad: 1-9 in three rows, 0 under 8, delete under 9.
    const auto place = [&](int row, int col, PinKey key) {
        const SDL_Rect r{x0 + col * (key_w + key_gap), y0 + row * (t.pin_key_height + key_gap), key_w, t.pin_key_height};
        out.pin_keys.push_back({r, key});
    };
    for (int d = 1; d <= 9; ++d)
        place((d - 1) / 3, (d - 1) % 3, PinKey{static_cast<char>('0' + d)});
    place(3, 1, PinKey{'0'});
    place(3, 2, PinKey{std::nullopt});
    if (!pin_pad_open(in.view))
        return;
    for (const auto& cap : out.pin_keys)
        add_hotspot(out, cap.rect, cap.key);
}

void lay_out_procedure_menu(const LayoutInput& in, ScreenLayout& out)
{
    const LayoutMetrics& m = in.metrics;
    const TechnicianMetrics& t = m.technician;
    const int row_gap = small_gap(m);
    out.profile = SDL_Rect{out.content.x, out.content.y, out.content.w, t.profile_height};
    const auto& procedures = in.view.procedures;
    if (procedures.empty())
        return;
    const int n = static_cast<int>(procedures.size());
    const int columns = std::min(t.menu_columns, n);
    const int per_column = (n + columns - 1) / columns;
    const SDL_Rect area{out.content.x, bottom(*out.profile) + row_gap, out.content.w,
                        std::max(0, bottom(out.content) - bottom(*out.profile) - row_gap)};
    const int column_w = (area.w - (columns - 1) * m.gap) / columns;
    // More procedures than the configured rows hold: the rows get lower
    // (the advice line gives way first) rather than run off the screen.
    const int row_h = std::min(t.row_height, (area.h - (per_column - 1) * row_gap) / per_column);
    const bool one_running = std::any_of(procedures.begin(), procedures.end(), [](const auto& p) { return p.running; });
    for (int i = 0; i < n; ++i) {
        const int col = i / per_column, row = i % per_column;
        const SDL_Rect r{area.x + col * (column_w + m.gap), area.y + row * (row_h + row_gap), column_w, row_h};
        out.procedure_rows.push_back(row_boxes(t, row_gap, r));
        if (!one_running)
            add_hotspot(out, r, ProcedureTarget{procedures[static_cast<std::size_t>(i)].procedure});
    }
}

} // namespace kiosk::ui
