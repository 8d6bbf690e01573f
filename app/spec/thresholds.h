#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "spec/range.h"

namespace kiosk::spec {

// The limits each check applies, keyed by check id then by limit name, e.g.
// thresholds.number("yaw", "max_abs_deg"). They come from config/specs
// (defaults.json merged with the spec's own "checks"), never from code.
// A missing or mistyped value throws ConfigError naming the spec, check and key.
class Thresholds {
public:
    Thresholds() = default;
    Thresholds(std::string spec_id, nlohmann::json values);

    double number(const std::string& check, const std::string& key) const;
    Range range(const std::string& check, const std::string& key) const;
    bool flag(const std::string& check, const std::string& key) const;
    bool has(const std::string& check, const std::string& key) const;

    const nlohmann::json& raw() const { return values_; }

private:
    const nlohmann::json& at(const std::string& check, const std::string& key) const;

    std::string spec_id_;
    nlohmann::json values_ = nlohmann::json::object();
};

} // namespace kiosk::spec
