#pragma once

#include <string>

namespace kiosk::ctl {

// A technician's PIN from standard input, never the command line (where `ps`
// and the shell's history would show it): unechoed on a terminal, one line
// from a pipe.
std::string read_pin(const char* prompt);

} // namespace kiosk::ctl
