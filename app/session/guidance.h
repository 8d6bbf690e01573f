#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vision/assessment.h"

namespace kiosk::session {

// The one thing the citizen should do next, as the engine's advice key
// ("move_closer"): the advice of the first check in `priority` that fails or
// cannot be judged, then of any other such check in report order. A check
// without advice (deferred until framing passes) is passed over: a later
// check says what to fix first. Empty when nothing needs fixing or no failing
// check says how.
std::optional<std::string> pick_instruction(const vision::Assessment& assessment,
                                            const std::vector<std::string>& priority);

} // namespace kiosk::session
