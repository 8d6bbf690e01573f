#pragma once

#include <map>
#include <string>
#include <string_view>

namespace kiosk::review {

// Decodes application/x-www-form-urlencoded text (an HTML form's body or a
// URL's query): fields split at '&', name and value at the first '=', '+'
// read as a space and %XX as a byte. Throws RequestRefused (400) for a
// broken %-escape, a field named twice (which of the two would count is
// exactly the kind of ambiguity an attacker uses) or more than `max_fields`.
std::map<std::string, std::string> parse_form_fields(std::string_view text, std::size_t max_fields);

// The value of one cookie in a Cookie header ("a=1; b=2"), or empty.
std::string cookie_value(std::string_view cookie_header, std::string_view name);

} // namespace kiosk::review
