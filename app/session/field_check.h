#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "session/applicant.h"
#include "session/session_settings.h"

namespace kiosk::session {

// A typed value judged for one field.
struct FieldVerdict {
    std::string value;                 // as it will be submitted (trimmed, normalised)
    std::optional<std::string> error;  // catalog key saying what is wrong; empty when valid
};

// Judges what the citizen typed into `field`. An empty value is an error
// ("field.error.required"); the caller decides whether the field may stay empty.
FieldVerdict check_field(Field field, std::string_view typed, const ApplicantLimits& limits);

} // namespace kiosk::session
