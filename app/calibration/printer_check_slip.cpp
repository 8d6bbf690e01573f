#include "calibration/printer_check_slip.h"

#include <cmath>
#include <ctime>

#include <cairo-pdf.h>

#include "core/error.h"
#include "core/text_catalog.h"
#include "receipt/cairo_handles.h"
#include "receipt/slip_font.h"

namespace kiosk::calibration {

namespace {

constexpr double points_per_inch = 72.0;
constexpr double mm_per_inch = 25.4;

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

} // namespace

TestSlipText load_test_slip_text(const std::filesystem::path& config, const std::string& kiosk_id,
                                 std::chrono::system_clock::time_point at)
{
    constexpr std::string_view title = "calibration.printer.test_slip_title";
    const std::time_t t = std::chrono::system_clock::to_time_t(at);
    std::tm local{};
    localtime_r(&t, &local);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &local);
    return TestSlipText{TextCatalog::load(config / "text", "zh-CN").text(title),
                        TextCatalog::load(config / "text", "en").text(title), kiosk_id, when};
}

receipt::SlipPdf render_test_slip(const receipt::SlipLayout& layout, const TestSlipText& text)
{
    const receipt::SlipFont font(layout.font_file);
    const std::string kiosk_line = text.kiosk_id + "  " + text.printed_at;
    font.check_printable(text.title_zh, "test slip title (zh-CN)");
    font.check_printable(text.title_en, "test slip title (en)");
    font.check_printable(kiosk_line, "test slip kiosk line");

    // Everything is placed in printer dots, so the stripes land on the head's
    // own dot grid: one dot on, one dot off.
    const double left = std::round((layout.dots(layout.paper_width_mm) - layout.dots(layout.printable_width_mm)) / 2);
    const double width = std::floor(layout.dots(layout.printable_width_mm));
    const double body = layout.body_pt * layout.dpi / points_per_inch;
    const double line = body * layout.line_spacing;
    const double stripes = std::round(layout.dots(6));
    const double bar = std::round(layout.dots(4));
    const double gap = std::round(layout.dots(layout.gap_mm));
    const double top = std::round(layout.dots(layout.margin_top_mm));
    const double length_dots =
        top + 3 * line + gap + 2 * stripes + gap + bar + gap + std::round(layout.dots(layout.margin_bottom_mm));

    receipt::SlipPdf pdf;
    pdf.width_mm = layout.paper_width_mm;
    pdf.length_mm = length_dots * mm_per_inch / layout.dpi;
    const double scale = points_per_inch / layout.dpi;
    {
        receipt::CairoSurface surface(cairo_pdf_surface_create_for_stream(
            append_to_string, &pdf.bytes, layout.dots(layout.paper_width_mm) * scale, length_dots * scale));
        receipt::CairoContext cr(cairo_create(surface.get()));
        cairo_scale(cr.get(), scale, scale);
        cairo_set_source_rgb(cr.get(), 0, 0, 0);
        cairo_set_font_face(cr.get(), font.face());
        cairo_set_font_size(cr.get(), body);

        double y = top;
        for (const std::string* words : {&text.title_zh, &text.title_en, &kiosk_line}) {
            y += line;
            cairo_move_to(cr.get(), left, y - (line - body));
            cairo_show_text(cr.get(), words->c_str());
        }
        y += gap;
        const double frame_top = y;
        // Vertical stripes one dot wide, then horizontal ones.
        for (double x = left; x < left + width; x += 2)
            cairo_rectangle(cr.get(), x, y, 1, stripes);
        y += stripes;
        for (double row = y; row < y + stripes; row += 2)
            cairo_rectangle(cr.get(), left, row, width, 1);
        y += stripes + gap;
        cairo_rectangle(cr.get(), left, y, width, bar);
        cairo_fill(cr.get());
        y += bar;
        cairo_set_line_width(cr.get(), 1);
        cairo_rectangle(cr.get(), left + 0.5, frame_top - gap / 2 + 0.5, width - 1, y - frame_top + gap - 1);
        cairo_stroke(cr.get());
        cairo_show_page(cr.get());
        if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
            throw InputError(std::string("test slip cannot be drawn: ") + cairo_status_to_string(cairo_status(cr.get())));
    }
    return pdf;
}

} // namespace kiosk::calibration
