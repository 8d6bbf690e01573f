#pragma once

#include <string>
#include <string_view>

namespace kiosk::review {

// Makes text safe inside HTML element content and quoted attribute values:
// & < > " ' become character references. Everything the pages show that
// came from a request, the database or a kiosk goes through this.
std::string html_escape(std::string_view text);

} // namespace kiosk::review
