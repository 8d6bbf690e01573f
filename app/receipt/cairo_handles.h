#pragma once

#include <memory>

#include <cairo.h>

namespace kiosk::receipt {

// Owning handles for the cairo objects the slip renderer creates, so an
// exception half-way through a layout releases everything.
struct CairoDestroy {
    void operator()(cairo_t* p) const { cairo_destroy(p); }
    void operator()(cairo_surface_t* p) const { cairo_surface_destroy(p); }
    void operator()(cairo_font_face_t* p) const { cairo_font_face_destroy(p); }
    void operator()(cairo_scaled_font_t* p) const { cairo_scaled_font_destroy(p); }
};

using CairoContext = std::unique_ptr<cairo_t, CairoDestroy>;
using CairoSurface = std::unique_ptr<cairo_surface_t, CairoDestroy>;
using CairoFontFace = std::unique_ptr<cairo_font_face_t, CairoDestroy>;
using CairoScaledFont = std::unique_ptr<cairo_scaled_font_t, CairoDestroy>;

} // namespace kiosk::receipt
