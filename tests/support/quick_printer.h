#pragma once

#include <string>

#include "printer/printer_config.h"
#include "support/cupsd_fixture.h"

namespace kiosk::test {

// A one-page PDF, for tests about the queue rather than the slip.
extern const std::string kOnePagePdf;

// The shipped thermal printer's settings aimed at `queue` on `cupsd`, polled
// every 20 ms and a problem reported after 300 ms, so a test sees the
// kiosk's reaction to a printer at once; a job may still take 30 s.
printer::PrinterConfig quick_printer_config(const TemporaryCupsd& cupsd, const std::string& queue);

} // namespace kiosk::test
