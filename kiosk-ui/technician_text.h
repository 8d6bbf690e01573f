#pragma once

#include <string>
#include <vector>

#include <SDL_rect.h>

#include "calibration/calibration_report.h"
#include "kiosk-ui/canvas.h"
#include "kiosk-ui/screen_layout.h"
#include "kiosk-ui/screen_text.h"

namespace kiosk::ui {

// Which palette colour a text is drawn in.
enum class Ink { Text, Muted, Pass, Fail, Error };

// One text of a screen: where, what, how large.
struct PlacedText {
    SDL_Rect box{};
    std::string words;
    int px = 0;
    Ink ink = Ink::Text;
    Align align = Align::Centre;
};

// The words of the technician's screens beyond title, subtitle, notice and
// buttons: the PIN pad's key labels, and the menu's profile line and rows
// (name, outcome, key figures, advice, progress). The painter draws exactly
// these, so a test can measure that each fits its box.
std::vector<PlacedText> technician_texts(const session::ViewModel& view, const ScreenLayout& layout,
                                         const LayoutMetrics& metrics, const ScreenText& text);

// One figure as the menu shows it: "name value unit (≤ limit)", the name from
// calibration.figure.<name> or the id when the catalog has none.
std::string figure_words(const calibration::Figure& figure, const std::string& locale, const ScreenText& text);

// A judged figure on the wrong side of its limit.
bool out_of_limit(const calibration::Figure& figure);

} // namespace kiosk::ui
