#pragma once

#include <CLI/CLI.hpp>

namespace kiosk::ctl {

// Each kioskctl subcommand lives in its own file and registers itself on the
// app through one of these; main() only lists them. A command's callback
// throws on failure and main() turns the exception into the exit code.
void add_receipt_command(CLI::App& app);

} // namespace kiosk::ctl
