#include "kiosk-ui/technician_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kiosk::ui {
namespace {

using calibration::Figure;
using calibration::Outcome;

// Marks a figure outside its limit, beside its colour (for eyes that do not
// tell red from green).
constexpr std::string_view kOutOfLimitMark = "✕ ";

// Enough digits to compare with the limit, not more than the measurement holds.
std::string number(double v)
{
    const double a = std::abs(v);
    const int decimals = a >= 100 || a == std::floor(a) ? 0 : a >= 10 ? 1 : 2;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string comparison_sign(const std::string& comparison)
{
    if (comparison == "<=")
        return "≤";
    if (comparison == ">=")
        return "≥";
    return comparison;
}

// Units with words in them ("levels", "per mille") are translated; symbols stay.
std::string unit_words(const std::string& unit, const std::string& locale, const ScreenText& text)
{
    std::string key = "calibration.unit." + unit;
    std::replace(key.begin(), key.end(), ' ', '_');
    return text.has(locale, key) ? text.text(locale, key) : unit;
}

// The figures worth a row's few cells: those outside their limit first, then
// the other judged ones, then plain measurements, each in the report's order.
std::vector<const Figure*> key_figures(const std::vector<Figure>& figures, std::size_t room)
{
    std::vector<const Figure*> out;
    for (const auto& f : figures)
        out.push_back(&f);
    const auto rank = [](const Figure* f) { return out_of_limit(*f) ? 0 : f->limit ? 1 : 2; };
    std::stable_sort(out.begin(), out.end(), [&](const Figure* a, const Figure* b) { return rank(a) < rank(b); });
    if (out.size() > room)
        out.resize(room);
    return out;
}

void add(std::vector<PlacedText>& out, const SDL_Rect& box, std::string words, int px, Ink ink,
         Align align = Align::Left)
{
    if (!words.empty())
        out.push_back({box, std::move(words), px, ink, align});
}

void add_pin_keys(const session::ViewModel& view, const ScreenLayout& layout, const LayoutMetrics& m,
                  const ScreenText& text, std::vector<PlacedText>& out)
{
    for (const auto& cap : layout.pin_keys) {
        std::string label = cap.key.digit ? std::string(1, *cap.key.digit) : text.text(view.locale, "keyboard.backspace");
        add(out, cap.rect, std::move(label), m.technician.pin_key_px, Ink::Text, Align::Centre);
    }
}

void add_row(const session::ViewModel& view, const session::ProcedureRow& row, const ProcedureRowBoxes& boxes,
             const TechnicianMetrics& t, const ScreenText& text, std::vector<PlacedText>& out)
{
    const std::string& locale = view.locale;
    add(out, boxes.name, text.text(locale, row.name), t.row_name_px, Ink::Text);

    std::string outcome_key = "calibration.outcome.never";
    Ink outcome_ink = Ink::Muted;
    if (row.running) {
        outcome_key = "calibration.outcome.running";
        outcome_ink = Ink::Text;
    } else if (row.last) {
        switch (row.last->outcome) {
        case Outcome::Pass: outcome_key = "calibration.outcome.pass"; outcome_ink = Ink::Pass; break;
        case Outcome::Fail: outcome_key = "calibration.outcome.fail"; outcome_ink = Ink::Fail; break;
        case Outcome::Error: outcome_key = "calibration.outcome.error"; outcome_ink = Ink::Error; break;
        }
    }
    add(out, boxes.outcome, text.text(locale, outcome_key), t.outcome_px, outcome_ink, Align::Centre);

    const std::vector<Figure>* figures = nullptr;
    if (row.running && row.progress)
        figures = &row.progress->figures;
    else if (!row.running && row.last)
        figures = &row.last->figures;
    if (figures) {
        const auto shown = key_figures(*figures, boxes.figures.size());
        for (std::size_t i = 0; i < shown.size(); ++i) {
            const bool off = out_of_limit(*shown[i]);
            add(out, boxes.figures[i],
                (off ? std::string(kOutOfLimitMark) : std::string()) + figure_words(*shown[i], locale, text),
                t.figure_px, off ? Ink::Fail : Ink::Muted);
        }
    }

    if (row.running) {
        if (row.progress)
            add(out, boxes.progress_line,
                text.text(locale, session::Text{"calibration.menu.progress",
                                                {{"step", std::to_string(row.progress->step)},
                                                 {"of", std::to_string(row.progress->of)}}}),
                t.detail_px, Ink::Text);
    } else if (row.last && row.last->outcome != Outcome::Pass && !row.last->advice_key.empty()) {
        add(out, boxes.detail, text.text(locale, row.last->advice_key), t.detail_px, Ink::Text);
    }
}

void add_menu(const session::ViewModel& view, const ScreenLayout& layout, const LayoutMetrics& m,
              const ScreenText& text, std::vector<PlacedText>& out)
{
    const TechnicianMetrics& t = m.technician;
    if (layout.profile) {
        const session::Text profile =
            view.profile ? session::Text{"calibration.menu.profile",
                                         {{"version", std::to_string(view.profile->version)},
                                          {"technician", view.profile->technician},
                                          {"created", view.profile->created_local}}}
                         : session::Text{"calibration.menu.no_profile", {}};
        add(out, *layout.profile, text.text(view.locale, profile), t.profile_px, Ink::Muted);
    }
    for (std::size_t i = 0; i < view.procedures.size() && i < layout.procedure_rows.size(); ++i)
        add_row(view, view.procedures[i], layout.procedure_rows[i], t, text, out);
}

} // namespace

bool out_of_limit(const Figure& figure)
{
    if (!figure.limit)
        return false;
    if (figure.comparison == "<=")
        return figure.value > *figure.limit;
    if (figure.comparison == ">=")
        return figure.value < *figure.limit;
    return false;
}

std::string figure_words(const Figure& figure, const std::string& locale, const ScreenText& text)
{
    const std::string key = "calibration.figure." + figure.name;
    std::string words = text.has(locale, key) ? text.text(locale, key) : figure.name;
    words += " " + number(figure.value);
    if (!figure.unit.empty())
        words += " " + unit_words(figure.unit, locale, text);
    if (figure.limit)
        words += " (" + comparison_sign(figure.comparison) + " " + number(*figure.limit) + ")";
    return words;
}

std::vector<PlacedText> technician_texts(const session::ViewModel& view, const ScreenLayout& layout,
                                         const LayoutMetrics& metrics, const ScreenText& text)
{
    std::vector<PlacedText> out;
    if (view.step == session::Step::TechnicianPin)
        add_pin_keys(view, layout, metrics, text, out);
    else if (view.step == session::Step::TechnicianMenu)
        add_menu(view, layout, metrics, text, out);
    return out;
}

} // namespace kiosk::ui
