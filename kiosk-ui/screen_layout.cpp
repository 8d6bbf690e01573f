#include "kiosk-ui/screen_layout.h"

#include <algorithm>
#include <cmath>

#include "kiosk-ui/technician_layout.h"

namespace kiosk::ui {
namespace {

using session::Step;

int bottom(const SDL_Rect& r)
{
    return r.y + r.h;
}

// The primary button is drawn wider: it is the one most citizens want.
constexpr double kPrimaryWeight = 1.5;

void lay_out_buttons(const LayoutInput& in, ScreenLayout& out)
{
    const auto& buttons = in.view.buttons;
    if (buttons.empty())
        return;
    const LayoutMetrics& m = in.metrics;
    double weights = 0;
    for (const auto& b : buttons)
        weights += b.primary ? kPrimaryWeight : 1.0;
    const int gaps = m.gap * static_cast<int>(buttons.size() - 1);
    const double unit = std::min(static_cast<double>(m.button_max_width),
                                 (out.footer.w - gaps) / weights);
    const int total = static_cast<int>(unit * weights) + gaps;
    int x = out.footer.x + (out.footer.w - total) / 2;
    for (const auto& b : buttons) {
        const int w = static_cast<int>(unit * (b.primary ? kPrimaryWeight : 1.0));
        const SDL_Rect r{x, out.footer.y, w, out.footer.h};
        out.buttons.push_back(r);
        if (b.enabled)
            add_hotspot(out, r, b.action);
        x += w + m.gap;
    }
}

void lay_out_cards(const LayoutInput& in, ScreenLayout& out)
{
    const auto& docs = in.view.documents;
    if (docs.empty())
        return;
    const LayoutMetrics& m = in.metrics;
    const int columns = std::min<int>(m.card_columns, static_cast<int>(docs.size()));
    const int rows = (static_cast<int>(docs.size()) + columns - 1) / columns;
    const int w = (out.content.w - (columns - 1) * m.gap) / columns;
    const int h = std::min(m.card_height, (out.content.h - (rows - 1) * m.gap) / rows);
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const int col = static_cast<int>(i) % columns;
        const int row = static_cast<int>(i) / columns;
        const SDL_Rect r{out.content.x + col * (w + m.gap), out.content.y + row * (h + m.gap), w, h};
        out.cards.push_back(r);
        add_hotspot(out, r, DocumentTarget{docs[i].spec_id});
    }
}

void lay_out_keys(const LayoutInput& in, const SDL_Rect& area, ScreenLayout& out)
{
    const KeyboardKeys& kb = *in.keyboard;
    const LayoutMetrics& m = in.metrics;
    const int key_gap = small_gap(m);
    const int rows = static_cast<int>(kb.rows.size()) + (kb.specials.empty() ? 0 : 1);
    const int h = (area.h - (rows - 1) * key_gap) / rows;
    std::size_t widest = 1;
    for (const auto& row : kb.rows)
        widest = std::max(widest, row.size());
    const int w = (area.w - (static_cast<int>(widest) - 1) * key_gap) / static_cast<int>(widest);
    int y = area.y;
    for (const auto& row : kb.rows) {
        const int n = static_cast<int>(row.size());
        int x = area.x + (area.w - (n * w + (n - 1) * key_gap)) / 2;
        for (const auto& ch : row) {
            const SDL_Rect r{x, y, w, h};
            Key key{std::nullopt, ch};
            out.keys.push_back({r, key});
            add_hotspot(out, r, key);
            x += w + key_gap;
        }
        y += h + key_gap;
    }
    const int n = static_cast<int>(kb.specials.size());
    if (n == 0)
        return;
    const int sw = (area.w - (n - 1) * key_gap) / n;
    for (int i = 0; i < n; ++i) {
        const SDL_Rect r{area.x + i * (sw + key_gap), y, sw, h};
        Key key{kb.specials[static_cast<std::size_t>(i)], {}};
        out.keys.push_back({r, key});
        add_hotspot(out, r, key);
    }
}

void lay_out_form(const LayoutInput& in, ScreenLayout& out)
{
    const LayoutMetrics& m = in.metrics;
    const bool landscape = m.width > m.height;
    SDL_Rect fields_area = out.content;
    if (in.keyboard) {
        if (landscape) {
            // Side by side: a landscape screen has no height for both stacked.
            const int fields_w = out.content.w * 2 / 5;
            fields_area.w = fields_w;
            out.keyboard = SDL_Rect{out.content.x + fields_w + m.gap, bottom(out.content) - m.keyboard_height,
                                    out.content.w - fields_w - m.gap, m.keyboard_height};
        } else {
            fields_area.h = out.content.h - m.keyboard_height - m.gap;
            out.keyboard = SDL_Rect{out.content.x, bottom(out.content) - m.keyboard_height, out.content.w,
                                    m.keyboard_height};
        }
    }
    const auto& fields = in.view.fields;
    const int n = static_cast<int>(fields.size());
    const int h = n == 0 ? 0 : std::min(m.field_height, (fields_area.h - (n - 1) * m.gap) / n);
    for (int i = 0; i < n; ++i) {
        const SDL_Rect r{fields_area.x, fields_area.y + i * (h + m.gap), fields_area.w, h};
        out.fields.push_back(r);
        add_hotspot(out, r, fields[static_cast<std::size_t>(i)].field);
    }
    if (!out.keyboard)
        return;
    SDL_Rect keys_area = *out.keyboard;
    if (in.view.focused_field && in.keyboard) {
        const auto focused = std::find_if(fields.begin(), fields.end(),
                                          [&](const auto& f) { return f.field == *in.view.focused_field; });
        if (focused != fields.end() && focused->keyboard == session::Keyboard::Pinyin) {
            const SDL_Rect bar{keys_area.x, keys_area.y, keys_area.w, m.candidate_height};
            out.candidate_bar = bar;
            keys_area.y += m.candidate_height + m.gap / 2;
            keys_area.h -= m.candidate_height + m.gap / 2;
            const int slot = bar.w / static_cast<int>(m.candidates_per_page);
            for (std::size_t i = 0; i < in.candidate_count && i < m.candidates_per_page; ++i) {
                const SDL_Rect r{bar.x + static_cast<int>(i) * slot, bar.y, slot, bar.h};
                out.candidates.push_back(r);
                add_hotspot(out, r, CandidateTarget{i});
            }
        }
    }
    lay_out_keys(in, keys_area, out);
}

void lay_out_preview(const LayoutInput& in, ScreenLayout& out)
{
    const double frame_aspect = in.preview_size && in.preview_size->y > 0
                                    ? static_cast<double>(in.preview_size->x) / in.preview_size->y
                                    : in.metrics.preview_aspect;
    if (!in.metrics.preview_fills || out.content.h <= 0) {
        out.preview = fit_top(out.content, frame_aspect, 1.0);
        return;
    }
    out.preview = out.content;
    const double area_aspect = static_cast<double>(out.content.w) / out.content.h;
    // The centre of the frame with the content area's proportions: symmetric,
    // so the mirrored picture shows the same part.
    if (frame_aspect > area_aspect) {
        const auto w = static_cast<float>(area_aspect / frame_aspect);
        out.preview_visible = {(1 - w) / 2, 0, w, 1};
    } else {
        const auto h = static_cast<float>(frame_aspect / area_aspect);
        out.preview_visible = {0, (1 - h) / 2, 1, h};
    }
}

void lay_out_done(const LayoutInput& in, ScreenLayout& out)
{
    const LayoutMetrics& m = in.metrics;
    out.receipt_number = SDL_Rect{out.content.x, out.content.y, out.content.w, m.number_height};
    if (in.view.receipt_printed || in.view.receipt_qr_text.empty())
        return;
    const int room = out.content.h - m.number_height - m.gap;
    const int side = std::max(0, std::min({m.qr_size, room, out.content.w}));
    out.qr = SDL_Rect{out.content.x + (out.content.w - side) / 2, bottom(*out.receipt_number) + m.gap, side, side};
}

} // namespace

void add_hotspot(ScreenLayout& out, const SDL_Rect& rect, Target target)
{
    Hotspot& spot = out.hotspots.emplace_back();
    spot.rect = rect;
    spot.target = std::move(target);
}

SDL_Rect fit_top(const SDL_Rect& area, double width, double height)
{
    if (width <= 0 || height <= 0)
        return area;
    const double scale = std::min(area.w / width, area.h / height);
    const int w = static_cast<int>(std::floor(width * scale));
    const int h = static_cast<int>(std::floor(height * scale));
    return {area.x + (area.w - w) / 2, area.y, w, h};
}

ScreenLayout lay_out(const LayoutInput& in)
{
    const LayoutMetrics& m = in.metrics;
    ScreenLayout out;
    out.screen = {0, 0, m.width, m.height};
    const int inner_w = m.width - 2 * m.margin;
    out.title = {m.margin, m.margin, inner_w, m.title_height};
    out.subtitle = {m.margin, bottom(out.title), inner_w, m.subtitle_height};
    out.footer = {m.margin, m.height - m.margin - m.footer_height, inner_w, m.footer_height};
    out.notice = {m.margin, out.footer.y - m.gap - m.notice_height, inner_w, m.notice_height};
    const int content_y = bottom(out.subtitle) + m.gap;
    out.content = {m.margin, content_y, inner_w, std::max(0, out.notice.y - m.gap - content_y)};

    switch (in.view.step) {
    case Step::ChooseDocument:
        lay_out_cards(in, out);
        break;
    case Step::EnterReceiptNumber:
    case Step::ApplicantDetails:
        lay_out_form(in, out);
        break;
    case Step::Review:
        if (in.view.review_photo && !in.view.review_photo->preview.empty())
            out.photo = fit_top(out.content, in.view.review_photo->preview.cols, in.view.review_photo->preview.rows);
        break;
    case Step::Capturing:
    case Step::Uploading:
    case Step::Printing:
        out.progress = SDL_Rect{out.content.x + out.content.w / 8, out.content.y + (out.content.h - m.progress_height) / 2,
                                out.content.w * 3 / 4, m.progress_height};
        break;
    case Step::Done:
        lay_out_done(in, out);
        break;
    case Step::TechnicianPin:
        lay_out_pin_pad(in, out);
        break;
    case Step::TechnicianMenu:
        lay_out_procedure_menu(in, out);
        break;
    default:
        break;
    }
    if (in.view.show_preview)
        lay_out_preview(in, out);
    // Buttons last: they stay touchable over anything else on the screen.
    lay_out_buttons(in, out);
    return out;
}

std::optional<Target> hit_test(const ScreenLayout& layout, SDL_Point point)
{
    for (auto it = layout.hotspots.rbegin(); it != layout.hotspots.rend(); ++it)
        if (SDL_PointInRect(&point, &it->rect))
            return it->target;
    return std::nullopt;
}

} // namespace kiosk::ui
