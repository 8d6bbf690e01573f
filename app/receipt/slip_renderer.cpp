#include "receipt/slip_renderer.h"

#include <chrono>
#include <cmath>

#include <cairo-pdf.h>

#include "core/error.h"
#include "receipt/code128.h"
#include "receipt/qr_code.h"
#include "receipt/thermal_dither.h"

namespace kiosk::receipt {
namespace {

CairoSurface image_surface(const cv::Mat& grey)
{
    CairoSurface s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, grey.cols, grey.rows));
    cairo_surface_flush(s.get());
    unsigned char* data = cairo_image_surface_get_data(s.get());
    const int stride = cairo_image_surface_get_stride(s.get());
    for (int y = 0; y < grey.rows; ++y) {
        auto* row = reinterpret_cast<std::uint32_t*>(data + y * stride);
        for (int x = 0; x < grey.cols; ++x) {
            const std::uint32_t v = grey.at<unsigned char>(y, x);
            row[x] = (v << 16) | (v << 8) | v;
        }
    }
    cairo_surface_mark_dirty(s.get());
    return s;
}

// Draws one slip top to bottom, keeping a cursor in printer dots.
class Painter {
public:
    Painter(cairo_t* cr, const SlipLayout& layout, const SlipFont& font)
        : cr_(cr), layout_(layout), font_(font), left_((layout.dots(layout.paper_width_mm) -
                                                          layout.dots(layout.printable_width_mm)) / 2),
          width_(std::floor(layout.dots(layout.printable_width_mm))), y_(std::round(layout.dots(layout.margin_top_mm)))
    {
        left_ = std::round(left_);
        cairo_set_source_rgb(cr_, 0, 0, 0);
    }

    double width() const { return width_; }
    double y() const { return y_; }
    void gap() { y_ += std::round(layout_.dots(layout_.gap_mm)); }
    void skip(double dots) { y_ += dots; }

    double size_of(double pt) const { return pt * layout_.dpi / 72.0; }

    // Lines of text, wrapped to the printable width. Throws when they need
    // more than `max_lines` (0: no limit).
    void paragraph(const std::string& text, double pt, const std::string& field, int max_lines, bool centred = false)
    {
        const double size = size_of(pt);
        const auto lines = font_.wrap(cr_, text, size, width_);
        if (max_lines > 0 && static_cast<int>(lines.size()) > max_lines)
            throw InputError(field + " needs " + std::to_string(lines.size()) + " lines on " + layout_.id +
                             " paper; at most " + std::to_string(max_lines) + " fit");
        for (const auto& line : lines)
            text_line(line, size, centred);
    }

    void text_line(const std::string& line, double size, bool centred)
    {
        cairo_set_font_face(cr_, font_.face());
        cairo_set_font_size(cr_, size);
        cairo_font_extents_t fe;
        cairo_font_extents(cr_, &fe);
        cairo_text_extents_t te;
        cairo_text_extents(cr_, line.c_str(), &te);
        const double x = centred ? left_ + (width_ - te.x_advance) / 2 : left_;
        const double line_height = size * layout_.line_spacing;
        cairo_move_to(cr_, x, y_ + (line_height - (fe.ascent + fe.descent)) / 2 + fe.ascent);
        cairo_show_text(cr_, line.c_str());
        y_ += line_height;
    }

    // The largest size from `max_pt` down to `min_pt` at which `line` fits
    // on one line.
    double fitting_size(const std::string& line, double max_pt, double min_pt) const
    {
        cairo_set_font_face(cr_, font_.face());
        for (double pt = max_pt; pt >= min_pt; pt -= 0.5) {
            cairo_set_font_size(cr_, size_of(pt));
            cairo_text_extents_t te;
            cairo_text_extents(cr_, line.c_str(), &te);
            if (te.x_advance <= width_)
                return size_of(pt);
        }
        throw ConfigError(layout_.id + " layout: the receipt number does not fit at type_pt.number_min");
    }

    void image(const cv::Mat& grey)
    {
        const CairoSurface surface = image_surface(grey);
        const double x = left_ + std::floor((width_ - grey.cols) / 2);
        cairo_save(cr_);
        cairo_set_source_surface(cr_, surface.get(), x, y_);
        // Nearest neighbour keeps dithered dots and code modules whole.
        cairo_pattern_set_filter(cairo_get_source(cr_), CAIRO_FILTER_NEAREST);
        cairo_paint(cr_);
        cairo_restore(cr_);
        y_ += grey.rows;
    }

    void barcode(const std::vector<bool>& modules)
    {
        const int dots = layout_.barcode_module_dots;
        const double bars = static_cast<double>(modules.size()) * dots;
        const double quiet = 2.0 * layout_.barcode_quiet_modules * dots;
        // Bars must lie in the printable band; the quiet zone only needs blank
        // paper, so it may reach into the unprinted margins.
        if (bars > width_ || bars + quiet > layout_.dots(layout_.paper_width_mm))
            throw InputError("the barcode is " + std::to_string(modules.size()) + " modules wide and does not fit " +
                             layout_.id + " paper at " + std::to_string(dots) + " dots per module");
        const double x0 = left_ + std::floor((width_ - bars) / 2);
        const double height = std::round(layout_.dots(layout_.barcode_height_mm));
        for (std::size_t i = 0; i < modules.size();) {
            std::size_t j = i;
            while (j < modules.size() && modules[j] == modules[i])
                ++j;
            if (modules[i])
                cairo_rectangle(cr_, x0 + static_cast<double>(i) * dots, y_, static_cast<double>(j - i) * dots, height);
            i = j;
        }
        cairo_fill(cr_);
        y_ += height;
    }

    void qr(const QrModules& code)
    {
        const int dots = layout_.qr_module_dots;
        const double side = static_cast<double>(code.size + 2 * layout_.qr_quiet_modules) * dots;
        if (side > width_)
            throw InputError("the QR code does not fit " + layout_.id + " paper");
        const double x0 = left_ + std::floor((width_ - code.size * dots) / 2);
        const double y0 = y_ + layout_.qr_quiet_modules * dots;
        for (int y = 0; y < code.size; ++y) {
            for (int x = 0; x < code.size;) {
                int end = x;
                while (end < code.size && code.at(end, y) == code.at(x, y))
                    ++end;
                if (code.at(x, y))
                    cairo_rectangle(cr_, x0 + x * dots, y0 + y * dots, (end - x) * dots, dots);
                x = end;
            }
        }
        cairo_fill(cr_);
        y_ += side;
    }

private:
    cairo_t* cr_;
    const SlipLayout& layout_;
    const SlipFont& font_;
    double left_;
    double width_;
    double y_;
};

} // namespace

SlipRenderer::SlipRenderer(SlipLayout layout, SlipText text)
    : layout_(std::move(layout)), text_(std::move(text)), font_(layout_.font_file)
{
    // The fixed words come from config: a glyph the font lacks there is a
    // configuration mistake, found at start-up rather than on a slip.
    std::vector<std::pair<std::string, const Bilingual*>> fixed = {
        {"title", &text_.title}, {"instruction", &text_.instruction}, {"resubmit", &text_.resubmit}};
    for (const auto& [key, label] : text_.labels)
        fixed.emplace_back("labels." + key, &label);
    for (const auto& [name, text] : fixed) {
        try {
            font_.check_printable(text->zh, name + ".zh-CN");
            font_.check_printable(text->en, name + ".en");
        } catch (const InputError& e) {
            throw ConfigError(std::string("slip-text.json: ") + e.what());
        }
    }
}

CairoSurface SlipRenderer::record(const SlipContent& c, int& length_dots) const
{
    font_.check_printable(c.number.str(), "the receipt number");
    for (const auto& [field, value] : {std::pair{"the document name", &c.document}, {"the city name", &c.city},
                                       {"the hall name", &c.hall}}) {
        font_.check_printable(value->zh, std::string(field) + " (Chinese)");
        font_.check_printable(value->en, std::string(field) + " (English)");
    }
    font_.check_printable(c.kiosk_id, "the kiosk id");

    const double paper = std::round(layout_.dots(layout_.paper_width_mm));
    const cairo_rectangle_t extents{0, 0, paper, 1e6};
    CairoSurface recording(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents));
    const CairoContext cr(cairo_create(recording.get()));
    Painter p(cr.get(), layout_, font_);

    p.paragraph(text_.title.zh, layout_.title_pt, "the title", 2, true);
    p.paragraph(text_.title.en, layout_.body_pt, "the title", 2, true);
    p.gap();

    int photo_w = static_cast<int>(std::lround(layout_.dots(c.photo_width_mm)));
    int photo_h = static_cast<int>(std::lround(layout_.dots(c.photo_height_mm)));
    if (photo_w > p.width()) {
        photo_h = static_cast<int>(std::lround(photo_h * p.width() / photo_w));
        photo_w = static_cast<int>(p.width());
    }
    p.image(thermal_dither(c.photo, photo_w, photo_h, layout_.photo_gamma));
    p.gap();

    const std::string grouped = c.number.grouped();
    p.text_line(grouped, p.fitting_size(grouped, layout_.number_max_pt, layout_.number_min_pt), true);
    p.gap();
    p.barcode(code128_modules(c.number.str()));
    p.gap();

    auto field = [&](const char* key, const Bilingual& value, const std::string& name) {
        const Bilingual& label = text_.labels.at(key);
        p.paragraph(label.zh + " " + label.en, layout_.note_pt, "the label of " + name, 2);
        const int budget = layout_.max_lines_of(key);
        if (value.zh == value.en) {
            p.paragraph(value.zh, layout_.body_pt, name, budget);
            return;
        }
        p.paragraph(value.zh + " " + value.en, layout_.body_pt, name, budget);
    };
    field("document", c.document, "the document name");
    field("city", c.city, "the city name");
    field("taken", {iso_date(c.taken), iso_date(c.taken)}, "the date taken");
    field("valid_until", {iso_date(c.valid_until), iso_date(c.valid_until)}, "the valid-until date");
    field("kiosk", {c.kiosk_id, c.kiosk_id}, "the kiosk id");
    field("hall", c.hall, "the hall name");
    p.gap();

    p.qr(qr_modules(c.status_url));
    p.gap();
    p.paragraph(text_.instruction.zh, layout_.note_pt, "the instruction", layout_.max_lines_of("note"));
    p.paragraph(text_.instruction.en, layout_.note_pt, "the instruction", layout_.max_lines_of("note"));
    p.skip(std::round(layout_.dots(layout_.gap_mm) / 2));
    p.paragraph(text_.resubmit.zh, layout_.note_pt, "the resubmit note", layout_.max_lines_of("note"));
    p.paragraph(text_.resubmit.en, layout_.note_pt, "the resubmit note", layout_.max_lines_of("note"));

    length_dots = static_cast<int>(std::ceil(p.y() + layout_.dots(layout_.margin_bottom_mm)));
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
        throw InputError(std::string("cairo could not draw the slip: ") + cairo_status_to_string(cairo_status(cr.get())));
    return recording;
}

SlipPdf SlipRenderer::render_pdf(const SlipContent& content) const
{
    int length = 0;
    const CairoSurface recording = record(content, length);
    const double points_per_dot = 72.0 / layout_.dpi;

    SlipPdf out;
    auto append = [](void* closure, const unsigned char* data, unsigned int size) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), size);
        return CAIRO_STATUS_SUCCESS;
    };
    {
        // The page is the nominal paper width, so the queue is asked for the
        // roll it holds; the dot grid inside it is the printer's.
        const CairoSurface pdf(cairo_pdf_surface_create_for_stream(
            append, &out.bytes, layout_.paper_width_mm * 72.0 / 25.4, length * points_per_dot));
        const CairoContext cr(cairo_create(pdf.get()));
        cairo_scale(cr.get(), points_per_dot, points_per_dot);
        cairo_set_source_surface(cr.get(), recording.get(), 0, 0);
        cairo_paint(cr.get());
        cairo_show_page(cr.get());
        cairo_surface_finish(pdf.get());
        if (cairo_surface_status(pdf.get()) != CAIRO_STATUS_SUCCESS)
            throw InputError(std::string("cairo could not write the PDF: ") +
                             cairo_status_to_string(cairo_surface_status(pdf.get())));
    }
    out.width_mm = layout_.paper_width_mm;
    out.length_mm = length * 25.4 / layout_.dpi;
    return out;
}

cv::Mat SlipRenderer::render_raster(const SlipContent& content) const
{
    int length = 0;
    const CairoSurface recording = record(content, length);
    const int paper = static_cast<int>(std::lround(layout_.dots(layout_.paper_width_mm)));

    const CairoSurface image(cairo_image_surface_create(CAIRO_FORMAT_RGB24, paper, length));
    {
        const CairoContext cr(cairo_create(image.get()));
        cairo_set_source_rgb(cr.get(), 1, 1, 1);
        cairo_paint(cr.get());
        cairo_set_source_surface(cr.get(), recording.get(), 0, 0);
        cairo_paint(cr.get());
    }
    cairo_surface_flush(image.get());
    const unsigned char* data = cairo_image_surface_get_data(image.get());
    const int stride = cairo_image_surface_get_stride(image.get());
    cv::Mat out(length, paper, CV_8U);
    for (int y = 0; y < length; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(data + y * stride);
        for (int x = 0; x < paper; ++x) {
            // A thermal dot is on or off: anti-aliased text edges go to
            // whichever side they are nearer.
            const std::uint32_t g = (row[x] >> 8) & 0xFF;
            out.at<unsigned char>(y, x) = g < 128 ? 0 : 255;
        }
    }
    return out;
}

} // namespace kiosk::receipt
