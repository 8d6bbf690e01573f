#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::ctl {

// Where a kiosk's health endpoint answers: http://host:port[/prefix].
struct HealthUrl {
    std::string host;          // a name, an IPv4 address or an IPv6 address without brackets
    unsigned short port = 0;
    std::string prefix;        // "" or "/path" (a proxy in front of the kiosk); /readyz is appended
};

// Throws InputError saying what is wrong with `url`. Plain http only: the
// kiosk's endpoint speaks no TLS, and the port must be written out because
// the kiosk's is not the scheme's default.
HealthUrl parse_health_url(const std::string& url);

// One kiosk of the operators' inventory.
struct FleetKiosk {
    std::string name;
    std::string hall;
    std::string url;           // as written, for the report
    HealthUrl endpoint;
    std::string bearer_token;  // from its token file; never printed
    int line = 0;              // where its [[kiosk]] table starts in the inventory
};

// Reads a TOML inventory: one [[kiosk]] table per kiosk with name, hall, url
// and token_file (a private JSON file {"bearer_token": ...} as the kiosk's
// own, relative paths read beside the inventory). Throws InputError
// "<file>:<line>: <problem>" for a file that is not TOML, a missing, empty,
// mistyped or unknown key, a bad url, a name used twice or a token file that
// cannot be used; an inventory naming no kiosk is an error too.
std::vector<FleetKiosk> load_fleet_inventory(const std::filesystem::path& file, std::size_t min_token_chars);

} // namespace kiosk::ctl
