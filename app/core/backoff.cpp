#include "core/backoff.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace kiosk {

BackoffSettings BackoffSettings::from_json(const nlohmann::json& j, const std::string& where)
{
    BackoffSettings s;
    try {
        s.initial = std::chrono::milliseconds(j.at("initial_ms").get<int>());
        s.maximum = std::chrono::milliseconds(j.at("max_ms").get<int>());
        s.factor = j.at("factor").get<double>();
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(where + ": reconnect needs initial_ms, max_ms and factor: " + e.what());
    }
    if (s.initial.count() <= 0 || s.maximum < s.initial)
        throw ConfigError(where + ": reconnect needs 0 < initial_ms <= max_ms");
    if (!(s.factor >= 1.0))
        throw ConfigError(where + ": reconnect factor must be at least 1");
    return s;
}

std::chrono::milliseconds BackoffSettings::delay(int attempt) const
{
    const double ms = static_cast<double>(initial.count()) * std::pow(factor, std::max(attempt, 0));
    return std::chrono::milliseconds(static_cast<long long>(std::min(ms, static_cast<double>(maximum.count()))));
}

std::chrono::milliseconds Backoff::next_delay()
{
    return settings_.delay(attempts_++);
}

} // namespace kiosk
