#pragma once

#include <string>

#include <opencv2/core.hpp>

#include "receipt/cairo_handles.h"
#include "receipt/receipt_config.h"
#include "receipt/slip_content.h"
#include "receipt/slip_font.h"

namespace kiosk::receipt {

// A rendered slip: a one-page PDF as wide as the paper and as long as the
// content, ready to hand to a printer.
struct SlipPdf {
    std::string bytes;
    double width_mm = 0;
    double length_mm = 0;
};

// Lays out and draws slips for one paper width with Cairo. The layout is
// drawn once into a recording surface, which is then replayed into the PDF
// or the raster, so both outputs hold exactly the same marks, placed on the
// printer's dot grid. Every check (text the font cannot print, a field too
// long for its lines) runs before any output exists: a bad slip produces an
// exception, never half a slip.
class SlipRenderer {
public:
    // Throws ConfigError when the layout's font cannot be loaded.
    SlipRenderer(SlipLayout layout, SlipText text);

    // Throws InputError when the content cannot be laid out on this paper.
    SlipPdf render_pdf(const SlipContent& content) const;

    // The slip as the thermal head prints it: CV_8U, 0 (black) or 255, one
    // pixel per printer dot, paper width wide.
    cv::Mat render_raster(const SlipContent& content) const;

private:
    // Draws the slip in printer dots; returns the recording and its length.
    CairoSurface record(const SlipContent& content, int& length_dots) const;

    SlipLayout layout_;
    SlipText text_;
    SlipFont font_;
};

} // namespace kiosk::receipt
