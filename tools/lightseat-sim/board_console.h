#pragma once

#include <iosfwd>
#include <string>

#include "lightseat/usb_board_emulation.h"

namespace kiosk::lightseat {

// Turns one line typed at lightseat-sim into what happens to the board in the
// studio: someone sits down, the motor jams, the cable comes out. Returns
// false for "quit"; writes the answer (or why the line was not understood) to `out`.
bool run_console_line(const std::string& line, UsbBoardEmulation& board, std::ostream& out);

// The words run_console_line understands, for --help and for "help".
const char* console_help();

} // namespace kiosk::lightseat
