#include "lightseat/lightseat_settings.h"

#include <cstdio>
#include <string>

#include "core/error.h"
#include "core/json_file.h"

namespace kiosk::lightseat {

namespace {

// USB ids are written in hex in the file, as lsusb and datasheets print them.
std::uint16_t usb_id(const nlohmann::json& j, const char* key, const std::string& where)
{
    const auto text = j.at(key).get<std::string>();
    std::size_t used = 0;
    unsigned long value = 0;
    try {
        value = std::stoul(text, &used, 16);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || value > 0xFFFF)
        throw ConfigError(where + ": " + key + " must be a 16-bit hex number like \"0x1209\", not \"" + text + "\"");
    return static_cast<std::uint16_t>(value);
}

SeatTravel seat_travel(const nlohmann::json& seat, const std::string& where)
{
    const int min_mm = seat.at("min_mm").get<int>();
    const int max_mm = seat.at("max_mm").get<int>();
    if (min_mm < 0 || max_mm > 0xFFFF || min_mm >= max_mm)
        throw ConfigError(where + ": seat needs 0 <= min_mm < max_mm <= 65535");
    return SeatTravel{static_cast<std::uint16_t>(min_mm), static_cast<std::uint16_t>(max_mm)};
}

std::chrono::milliseconds positive_ms(const nlohmann::json& j, const char* key, const std::string& where)
{
    const int ms = j.at(key).get<int>();
    if (ms <= 0)
        throw ConfigError(where + ": " + key + " must be above 0");
    return std::chrono::milliseconds(ms);
}

} // namespace

std::string ControllerSettings::usb_ids() const
{
    char text[16];
    std::snprintf(text, sizeof(text), "%04x:%04x", vendor_id, product_id);
    return text;
}

ControllerSettings ControllerSettings::load(const std::filesystem::path& file)
{
    const std::string where = file.string();
    const nlohmann::json j = load_json_file(file);
    ControllerSettings s;
    try {
        s.vendor_id = usb_id(j.at("usb"), "vendor_id", where);
        s.product_id = usb_id(j.at("usb"), "product_id", where);
        const auto& timeouts = j.at("timeouts");
        s.control_timeout = positive_ms(timeouts, "control_ms", where);
        s.event_poll_timeout = positive_ms(timeouts, "event_poll_ms", where);
        s.timeouts_before_fault = timeouts.at("timeouts_before_fault").get<int>();
        if (s.timeouts_before_fault < 1)
            throw ConfigError(where + ": timeouts_before_fault must be at least 1");
        s.reconnect = BackoffSettings::from_json(j.at("reconnect"), where);
        s.seat = seat_travel(j.at("seat"), where);
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(where + ": " + e.what());
    }
    return s;
}

BoardSettings BoardSettings::load(const std::filesystem::path& file)
{
    const std::string where = file.string();
    const nlohmann::json j = load_json_file(file);
    BoardSettings s;
    try {
        const auto& seat = j.at("seat");
        s.seat = seat_travel(seat, where);
        s.speed_mm_per_s = seat.at("speed_mm_per_s").get<double>();
        if (!(s.speed_mm_per_s > 0))
            throw ConfigError(where + ": speed_mm_per_s must be above 0");
        const int start = seat.at("start_mm").get<int>();
        if (start < s.seat.min_mm || start > s.seat.max_mm)
            throw ConfigError(where + ": start_mm must lie between the end stops");
        s.start_mm = static_cast<std::uint16_t>(start);
        s.tick = positive_ms(j, "tick_ms", where);
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(where + ": " + e.what());
    }
    return s;
}

} // namespace kiosk::lightseat
