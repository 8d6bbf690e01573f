#pragma once

#include <ostream>

#include "core/text_catalog.h"
#include "image_report.h"

namespace kiosk::photo_check {

// One image's report as a short table a person reads: the verdict, then
// check, result, measured value, limit and, for failures, the advice in the
// catalog's language.
void print_table(std::ostream& out, const ImageReport& report, const TextCatalog& text);

} // namespace kiosk::photo_check
