#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <SDL_rect.h>

#include "kiosk-ui/field_editor.h"
#include "session/view_model.h"
#include "kiosk-ui/ui_settings.h"

namespace kiosk::ui {

// What a touch at some point means.
struct DocumentTarget {
    std::string spec_id;
    bool operator==(const DocumentTarget&) const = default;
};
struct CandidateTarget {
    std::size_t index = 0; // on the page shown
    bool operator==(const CandidateTarget&) const = default;
};
// A key of the technician's PIN pad.
struct PinKey {
    std::optional<char> digit; // empty: the delete key
    bool operator==(const PinKey&) const = default;
};
// A row of the calibration menu.
struct ProcedureTarget {
    std::string procedure;
    bool operator==(const ProcedureTarget&) const = default;
};
using Target =
    std::variant<session::Action, DocumentTarget, session::Field, Key, CandidateTarget, PinKey, ProcedureTarget>;

struct Hotspot {
    SDL_Rect rect{};
    Target target;
};

struct KeyCap {
    SDL_Rect rect{};
    Key key;
};

struct PinKeyCap {
    SDL_Rect rect{};
    PinKey key;
};

// One procedure's row of the calibration menu: its name with the outcome on
// the right, a grid of figure cells (row by row), and under them the advice
// or, while it runs, the progress line above its bar.
struct ProcedureRowBoxes {
    SDL_Rect row{}, name{}, outcome{};
    std::vector<SDL_Rect> figures;
    SDL_Rect detail{};       // the advice
    SDL_Rect progress_line{}; // "Step i of n", while running
    SDL_Rect progress_bar{};
};

// Where everything of one screen goes, in layout pixels. Pure geometry: no
// display is needed to compute or test it. Vectors run parallel to the view
// model's (buttons, documents, fields) and to the editor's candidate page.
struct ScreenLayout {
    SDL_Rect screen{}, title{}, subtitle{}, content{}, notice{}, footer{};
    std::vector<SDL_Rect> buttons;
    std::vector<SDL_Rect> cards;
    std::vector<SDL_Rect> fields;
    std::optional<SDL_Rect> keyboard;
    std::optional<SDL_Rect> candidate_bar;
    std::vector<SDL_Rect> candidates;
    std::vector<KeyCap> keys;
    std::optional<SDL_Rect> preview; // where the live picture goes on screen
    // The part of the camera picture shown there, in 0..1 of the frame: all
    // of it, or its centre when the preview fills the content area. The
    // guide's rectangles are mapped through it.
    cv::Rect2f preview_visible{0, 0, 1, 1};
    std::optional<SDL_Rect> photo;   // the review photo, fitted to its aspect
    std::optional<SDL_Rect> receipt_number;
    std::optional<SDL_Rect> qr;
    std::optional<SDL_Rect> progress;
    std::optional<SDL_Rect> pin_dots;           // TechnicianPin
    std::vector<PinKeyCap> pin_keys;
    std::optional<SDL_Rect> profile;            // TechnicianMenu: the active profile's line
    std::vector<ProcedureRowBoxes> procedure_rows; // parallel to the view's procedures
    // Touchable parts, later ones drawn over (and hit before) earlier ones.
    std::vector<Hotspot> hotspots;
};

struct LayoutInput {
    const session::ViewModel& view;
    const LayoutMetrics& metrics;
    // The keys of the focused field's keyboard; null when no field is focused.
    const KeyboardKeys* keyboard = nullptr;
    std::size_t candidate_count = 0;
    // Width and height of the newest live frame, when there is one.
    std::optional<SDL_Point> preview_size;
};

ScreenLayout lay_out(const LayoutInput& input);

// The target under `point`, if any; a disabled button is no target.
std::optional<Target> hit_test(const ScreenLayout& layout, SDL_Point point);

// Makes `rect` touchable as `target`, over everything added before it.
void add_hotspot(ScreenLayout& out, const SDL_Rect& rect, Target target);

// The largest rectangle of aspect `width`:`height` inside `area`, centred
// horizontally and at its top.
SDL_Rect fit_top(const SDL_Rect& area, double width, double height);

} // namespace kiosk::ui
