#pragma once

#include "kiosk-ui/screen_layout.h"

namespace kiosk::ui {

// Where the technician's screens put things (the "technician" part of
// config/ui/<layout>.json). Pure geometry, like the rest of lay_out(), so a
// test driving the kiosk with X pointer events can compute the same places.

// TechnicianPin: the dots, then a 3-column keypad of 1-9, then 0 and delete.
void lay_out_pin_pad(const LayoutInput& in, ScreenLayout& out);

// TechnicianMenu: the active profile's line, then one row per procedure in
// `menu_columns` columns, filled top to bottom. Rows are touchable only while
// no procedure runs.
void lay_out_procedure_menu(const LayoutInput& in, ScreenLayout& out);

// Whether the PIN pad takes digits: not while the session checks the PIN it
// was sent (it would drop them) nor on a kiosk without technician entry.
bool pin_pad_open(const session::ViewModel& view);

} // namespace kiosk::ui
