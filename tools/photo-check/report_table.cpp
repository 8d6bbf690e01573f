#include "report_table.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <variant>
#include <vector>

namespace kiosk::photo_check {
namespace {

// Terminal columns a UTF-8 string takes: East Asian wide characters take two,
// so Chinese text lines up with Latin text.
std::size_t display_width(const std::string& s)
{
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char lead = static_cast<unsigned char>(s[i]);
        const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t cp = length == 1 ? lead : lead & (0x3F >> (length - 1));
        for (int k = 1; k < length && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                          (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                          (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                          (cp >= 0xFFE0 && cp <= 0xFFE6);
        width += wide ? 2 : 1;
        i += length;
    }
    return width;
}

std::string padded(const std::string& s, std::size_t width)
{
    const std::size_t w = display_width(s);
    return w >= width ? s : s + std::string(width - w, ' ');
}

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

std::string value_text(const vision::CheckValue& v)
{
    if (const double* d = std::get_if<double>(&v))
        return number(*d);
    if (const bool* b = std::get_if<bool>(&v))
        return *b ? "yes" : "no";
    return "-";
}

std::string limit_text(const vision::CheckLimit& l)
{
    if (l.min && l.max)
        return number(*l.min) + ".." + number(*l.max);
    if (l.max)
        return "<= " + number(*l.max);
    if (l.min)
        return ">= " + number(*l.min);
    return "-";
}

} // namespace

void print_table(std::ostream& out, const ImageReport& r, const TextCatalog& text)
{
    const Verdict verdict = r.verdict();
    out << r.image << "  [" << r.spec_id << "]  " << text.text(std::string("photo_check.verdict.") + to_string(verdict));
    if (r.assessment)
        out << "  (faces: " << r.assessment->faces_found << ")";
    out << "\n";
    if (r.error)
        out << "  " << *r.error << "\n";

    if (r.assessment && !r.assessment->checks.empty()) {
        std::vector<std::vector<std::string>> rows;
        rows.push_back({text.text("photo_check.column.check"), text.text("photo_check.column.status"),
                        text.text("photo_check.column.value"), text.text("photo_check.column.limit"),
                        text.text("photo_check.column.advice")});
        for (const auto& c : r.assessment->checks)
            rows.push_back({c.id, text.text(std::string("photo_check.status.") + vision::to_string(c.status)),
                            value_text(c.value), limit_text(c.limit),
                            c.advice.empty() ? "" : text.text("advice." + c.advice)});
        std::vector<std::size_t> widths(rows.front().size(), 0);
        for (const auto& row : rows)
            for (std::size_t i = 0; i < row.size(); ++i)
                widths[i] = std::max(widths[i], display_width(row[i]));
        for (const auto& row : rows) {
            std::string line = " ";
            for (std::size_t i = 0; i < row.size(); ++i)
                line += " " + (i + 1 < row.size() ? padded(row[i], widths[i]) : row[i]);
            while (!line.empty() && line.back() == ' ')
                line.pop_back();
            out << line << "\n";
        }
    }
    if (r.output) {
        out << "  " << text.text("photo_check.output") << " " << r.output->path.string() << "\n";
        if (!r.output->background_replaced)
            out << "  " << text.text("photo_check.background_kept") << " (" << r.output->background_note << ")\n";
        if (!r.output->size_in_range)
            out << "  " << text.text("photo_check.size_out_of_range") << " (" << r.output->size_problem << ")\n";
    }
    out << "\n";
}

} // namespace kiosk::photo_check
