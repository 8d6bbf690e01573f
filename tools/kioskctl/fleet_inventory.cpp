#include "fleet_inventory.h"

#include <charconv>
#include <map>
#include <optional>
#include <set>

#include <toml++/toml.h>

#include "core/error.h"
#include "health/health_config.h"

namespace kiosk::ctl {

namespace {

const std::set<std::string> kiosk_keys{"name", "hall", "url", "token_file"};

std::string place(const std::filesystem::path& file, std::int64_t line)
{
    return file.string() + ":" + std::to_string(line);
}

bool has_control_character(const std::string& text)
{
    for (unsigned char c : text)
        if (c < 0x20 || c == 0x7f)
            return true;
    return false;
}

// One [[kiosk]] table; problems are reported at the offending key's own line.
class KioskTable {
public:
    KioskTable(const std::filesystem::path& file, const toml::table& table, std::size_t index)
        : file_(file), table_(table), line_(table.source().begin.line), index_(index)
    {
        // Known before any check, so every complaint names the kiosk it is about.
        if (const toml::node* name = table_.get("name"))
            name_ = name->value<std::string>();
    }

    [[noreturn]] void fail(std::int64_t line, const std::string& problem) const
    {
        std::string who = "kiosk " + std::to_string(index_ + 1);
        if (name_ && !name_->empty() && !has_control_character(*name_))
            who += " (" + *name_ + ")";
        throw InputError(place(file_, line) + ": " + who + ": " + problem);
    }

    void check_keys() const
    {
        for (const auto& [key, node] : table_) {
            if (!kiosk_keys.count(std::string(key.str())))
                fail(key.source().begin.line,
                     "unknown key '" + std::string(key.str()) + "' (expected name, hall, url, token_file)");
        }
    }

    // A non-empty single-line string.
    std::string text(const std::string& key)
    {
        const toml::node* node = table_.get(key);
        if (!node)
            fail(line_, "'" + key + "' is missing");
        const auto value = node->value<std::string>();
        if (!node->is_string() || !value)
            fail(node->source().begin.line, "'" + key + "' must be a string");
        if (value->empty())
            fail(node->source().begin.line, "'" + key + "' is empty");
        if (has_control_character(*value))
            fail(node->source().begin.line, "'" + key + "' holds a control character");
        return *value;
    }

    std::int64_t line_of(const std::string& key) const { return table_.get(key)->source().begin.line; }
    std::int64_t line() const { return line_; }

private:
    const std::filesystem::path& file_;
    const toml::table& table_;
    std::int64_t line_;
    std::size_t index_;
    std::optional<std::string> name_;
};

} // namespace

HealthUrl parse_health_url(const std::string& url)
{
    constexpr std::string_view scheme = "http://";
    if (url.rfind("https://", 0) == 0)
        throw InputError("'" + url + "': the kiosk's health endpoint speaks plain http, not https");
    if (url.rfind(scheme, 0) != 0)
        throw InputError("'" + url + "' must start with http://");
    const std::string rest = url.substr(scheme.size());
    const std::size_t slash = rest.find('/');
    const std::string authority = rest.substr(0, slash);
    HealthUrl parsed;
    if (slash != std::string::npos)
        parsed.prefix = rest.substr(slash);
    while (!parsed.prefix.empty() && parsed.prefix.back() == '/')
        parsed.prefix.pop_back();
    if (parsed.prefix.find_first_of("?#") != std::string::npos)
        throw InputError("'" + url + "' may not carry a query or fragment");
    if (authority.find('@') != std::string::npos)
        throw InputError("'" + url + "': credentials go in token_file, not in the url");

    std::string port_text;
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string::npos)
            throw InputError("'" + url + "': unclosed [ around an IPv6 address");
        parsed.host = authority.substr(1, close - 1);
        if (close + 1 < authority.size() && authority[close + 1] == ':')
            port_text = authority.substr(close + 2);
        else if (close + 1 != authority.size())
            throw InputError("'" + url + "': unexpected text after the IPv6 address");
    } else {
        const std::size_t colon = authority.rfind(':');
        parsed.host = authority.substr(0, colon);
        if (colon != std::string::npos)
            port_text = authority.substr(colon + 1);
    }
    if (parsed.host.empty())
        throw InputError("'" + url + "' names no host");
    if (port_text.empty())
        throw InputError("'" + url + "' must name the port, as in http://10.20.1.11:9470");
    unsigned port = 0;
    const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (error != std::errc() || end != port_text.data() + port_text.size() || port == 0 || port > 65535)
        throw InputError("'" + url + "': port '" + port_text + "' is not a number from 1 to 65535");
    parsed.port = static_cast<unsigned short>(port);
    return parsed;
}

std::vector<FleetKiosk> load_fleet_inventory(const std::filesystem::path& file, std::size_t min_token_chars)
{
    std::error_code ignored;
    if (!std::filesystem::is_regular_file(file, ignored))
        throw InputError(file.string() + ": no such inventory file");
    toml::table root;
    try {
        root = toml::parse_file(file.string());
    } catch (const toml::parse_error& error) {
        throw InputError(place(file, error.source().begin.line) + ": not valid TOML: " +
                         std::string(error.description()));
    }
    for (const auto& [key, node] : root) {
        if (key.str() != "kiosk")
            throw InputError(place(file, key.source().begin.line) + ": unknown top-level key '" +
                             std::string(key.str()) + "' (kiosks are [[kiosk]] tables)");
    }
    const toml::array* tables = root["kiosk"].as_array();
    if (!tables || tables->empty())
        throw InputError(file.string() + ": names no kiosk (add a [[kiosk]] table per kiosk)");

    std::vector<FleetKiosk> kiosks;
    std::map<std::string, std::int64_t> name_lines;
    for (std::size_t i = 0; i < tables->size(); ++i) {
        const toml::table* table = (*tables)[i].as_table();
        if (!table)
            throw InputError(place(file, (*tables)[i].source().begin.line) + ": kiosk " + std::to_string(i + 1) +
                             " is not a table");
        KioskTable entry(file, *table, i);
        FleetKiosk kiosk;
        entry.check_keys();
        kiosk.name = entry.text("name");
        kiosk.hall = entry.text("hall");
        kiosk.url = entry.text("url");
        kiosk.line = static_cast<int>(entry.line());
        try {
            kiosk.endpoint = parse_health_url(kiosk.url);
        } catch (const InputError& error) {
            entry.fail(entry.line_of("url"), std::string("url ") + error.what());
        }
        std::filesystem::path token_file = entry.text("token_file");
        if (token_file.is_relative())
            token_file = file.parent_path() / token_file;
        try {
            kiosk.bearer_token = health::load_bearer_token(token_file, min_token_chars);
        } catch (const ConfigError& error) {
            entry.fail(entry.line_of("token_file"), std::string("token_file: ") + error.what());
        }
        const auto [first, added] = name_lines.emplace(kiosk.name, entry.line_of("name"));
        if (!added)
            entry.fail(entry.line_of("name"), "the name is already used at line " + std::to_string(first->second));
        kiosks.push_back(std::move(kiosk));
    }
    return kiosks;
}

} // namespace kiosk::ctl
