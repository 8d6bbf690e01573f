#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace kiosk::test {

// One GET to a kiosk's health endpoint on loopback, as a scraper sends it.
struct Scrape {
    unsigned status = 0;
    std::string body;
    std::chrono::steady_clock::duration took{};
};

// `token` empty: no Authorization header. Throws boost::system::system_error (a
// std::runtime_error)
// when the endpoint cannot be reached.
Scrape scrape(std::uint16_t port, const std::string& target, const std::string& token);

} // namespace kiosk::test
