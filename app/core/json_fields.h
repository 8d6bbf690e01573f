#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace kiosk {

// Reads the fields of one JSON object from a config file and reports every
// problem as ConfigError "<where>.<field>: <problem>", so a technician reading
// the message knows which file and which field to fix. `where` names the file
// (and the path inside it for a nested object). The object must outlive the reader.
class JsonFields {
public:
    JsonFields(std::string where, const nlohmann::json& object);

    [[noreturn]] void fail(const std::string& field, const std::string& problem) const;

    // The field, or nullptr when it is absent or null.
    const nlohmann::json* find(const std::string& field) const;
    const nlohmann::json& require(const std::string& field) const;

    std::string text(const std::string& field) const;                 // non-empty string
    double number(const std::string& field) const;
    double positive(const std::string& field) const;                  // > 0
    int positive_int(const std::string& field) const;                 // whole number > 0
    int whole_number(const std::string& field, int min, int max) const;
    std::chrono::milliseconds millis(const std::string& field) const; // positive whole milliseconds
    std::optional<double> optional_number(const std::string& field) const;

    // A nested object, reported as "<where>.<field>".
    JsonFields child(const std::string& field) const;

    const nlohmann::json& object() const { return object_; }
    const std::string& where() const { return where_; }

private:
    std::string where_;
    const nlohmann::json& object_;
};

} // namespace kiosk
