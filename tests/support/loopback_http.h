#pragma once

#include <cstdint>
#include <utility>

#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace kiosk::test {

// One HTTP/1.1 request to a server on 127.0.0.1:`port`, on a connection of its
// own, sent as the caller built it (only Host and the body's length are
// added), so a test can send what the kiosk's own client never would. The
// answer's status and its body as JSON (discarded when the body is not JSON).
std::pair<unsigned, nlohmann::json>
loopback_exchange(std::uint16_t port, boost::beast::http::request<boost::beast::http::string_body> request);

} // namespace kiosk::test
