#pragma once

#include <nlohmann/json.hpp>

#include "reviewing_config.h"

namespace kiosk::review {

// Checks the "applicant" object of a submission again on the service's side,
// whatever the kiosk checked: {"name", "id_number", "phone"}, each optional
// text, at least one, nothing else. A name is 1..max_name_chars characters of
// hanzi (with the interpunct of transliterated names) or of Latin letters,
// spaces, '-' and '\''; the ID number is 18 characters with a valid birth date
// and GB 11643 check character; a phone number is 1..max_phone_digits digits.
// Throws RequestRefused (400) with a reason that names the field and never
// repeats its value.
void check_applicant(const nlohmann::json& applicant, const ApplicantLimits& limits);

} // namespace kiosk::review
