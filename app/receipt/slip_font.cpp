#include "receipt/slip_font.h"

#include <cstdio>

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>

#include "core/error.h"
#include "core/utf8.h"

namespace kiosk::receipt {
namespace {

struct PatternDestroy {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};

// Chinese, Japanese and Korean text may break between any two characters.
bool breaks_anywhere(char32_t cp) { return cp >= 0x2E80 && !(cp >= 0xFF01 && cp <= 0xFF5E && cp != 0xFF08 && cp != 0xFF09); }

// Punctuation that must not start a line.
bool is_closing(char32_t cp)
{
    switch (cp) {
    case U'，': case U'。': case U'、': case U'；': case U'：': case U'？': case U'！': case U'）': case U'」':
    case U'』': case U'》': case U',': case U'.': case U';': case U':': case U')': case U'!': case U'?':
        return true;
    default:
        return false;
    }
}

double advance(cairo_t* cr, const std::string& s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s.c_str(), &e);
    return e.x_advance;
}

} // namespace

SlipFont::SlipFont(const std::filesystem::path& file)
{
    if (!std::filesystem::is_regular_file(file))
        throw ConfigError("slip font " + file.string() + " does not exist (Debian package fonts-wqy-microhei)");
    std::unique_ptr<FcPattern, PatternDestroy> pattern(FcPatternCreate());
    FcPatternAddString(pattern.get(), FC_FILE, reinterpret_cast<const FcChar8*>(file.c_str()));
    FcPatternAddInteger(pattern.get(), FC_INDEX, 0);
    face_.reset(cairo_ft_font_face_create_for_pattern(pattern.get()));
    if (cairo_font_face_status(face_.get()) != CAIRO_STATUS_SUCCESS)
        throw ConfigError("cannot load slip font " + file.string());

    cairo_matrix_t size, identity;
    cairo_matrix_init_scale(&size, 12, 12);
    cairo_matrix_init_identity(&identity);
    const std::unique_ptr<cairo_font_options_t, decltype(&cairo_font_options_destroy)> options(
        cairo_font_options_create(), &cairo_font_options_destroy);
    probe_.reset(cairo_scaled_font_create(face_.get(), &size, &identity, options.get()));
    FT_Face ft = cairo_scaled_font_status(probe_.get()) == CAIRO_STATUS_SUCCESS
                     ? cairo_ft_scaled_font_lock_face(probe_.get())
                     : nullptr;
    if (!ft)
        throw ConfigError(file.string() + " is not a font cairo can use");
    const bool has_chinese = FT_Get_Char_Index(ft, U'回') != 0;
    cairo_ft_scaled_font_unlock_face(probe_.get());
    if (!has_chinese)
        throw ConfigError("slip font " + file.string() + " has no Chinese glyphs");
}

void SlipFont::check_printable(std::string_view text, const std::string& field) const
{
    std::vector<char32_t> cps;
    if (!decode_utf8(text, cps))
        throw InputError(field + " is not valid UTF-8 text");
    FT_Face ft = cairo_ft_scaled_font_lock_face(probe_.get());
    if (!ft)
        throw ConfigError("the slip font can no longer be read");
    for (char32_t cp : cps) {
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            cairo_ft_scaled_font_unlock_face(probe_.get());
            throw InputError(field + " holds a control character");
        }
        if (FT_Get_Char_Index(ft, cp) == 0) {
            cairo_ft_scaled_font_unlock_face(probe_.get());
            char hex[16];
            std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
            throw InputError(field + " holds " + hex + ", which the slip font cannot print");
        }
    }
    cairo_ft_scaled_font_unlock_face(probe_.get());
}

std::vector<std::string> SlipFont::wrap(cairo_t* cr, std::string_view text, double size, double width) const
{
    std::vector<char32_t> cps;
    if (!decode_utf8(text, cps))
        throw InputError("text is not valid UTF-8");
    cairo_set_font_face(cr, face_.get());
    cairo_set_font_size(cr, size);

    // Tokens are [begin, end) ranges: a Latin word with its trailing spaces,
    // or one Chinese character with any closing punctuation after it.
    std::vector<std::pair<std::size_t, std::size_t>> tokens;
    for (std::size_t i = 0; i < cps.size();) {
        std::size_t j = i + 1;
        if (!breaks_anywhere(cps[i]) && cps[i] != U' ') {
            while (j < cps.size() && !breaks_anywhere(cps[j]) && cps[j] != U' ')
                ++j;
        }
        while (j < cps.size() && (cps[j] == U' ' || is_closing(cps[j])))
            ++j;
        tokens.emplace_back(i, j);
        i = j;
    }

    std::vector<std::string> lines;
    std::size_t line_begin = 0;
    std::size_t line_end = 0;
    auto trimmed = [&](std::size_t from, std::size_t to) {
        while (to > from && cps[to - 1] == U' ')
            --to;
        return encode_utf8(cps, from, to);
    };
    for (const auto& [begin, end] : tokens) {
        if (advance(cr, trimmed(line_begin, end)) <= width) {
            line_end = end;
            continue;
        }
        if (line_end > line_begin) {
            lines.push_back(trimmed(line_begin, line_end));
            line_begin = line_end;
        }
        // A word wider than the line on its own is cut between characters.
        while (advance(cr, trimmed(line_begin, end)) > width) {
            std::size_t fit = line_begin + 1;
            while (fit + 1 < end && advance(cr, trimmed(line_begin, fit + 1)) <= width)
                ++fit;
            lines.push_back(trimmed(line_begin, fit));
            line_begin = fit;
        }
        line_end = end;
    }
    if (line_end > line_begin)
        lines.push_back(trimmed(line_begin, line_end));
    return lines;
}

} // namespace kiosk::receipt
