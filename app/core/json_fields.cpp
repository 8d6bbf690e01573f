#include "core/json_fields.h"

#include "core/error.h"

namespace kiosk {

using nlohmann::json;

JsonFields::JsonFields(std::string where, const json& object) : where_(std::move(where)), object_(object)
{
    if (!object_.is_object())
        throw ConfigError(where_ + ": must be an object");
}

void JsonFields::fail(const std::string& field, const std::string& problem) const
{
    throw ConfigError(where_ + (field.empty() ? "" : "." + field) + ": " + problem);
}

const json* JsonFields::find(const std::string& field) const
{
    auto it = object_.find(field);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
}

const json& JsonFields::require(const std::string& field) const
{
    const json* v = find(field);
    if (!v)
        fail(field, "is missing");
    return *v;
}

std::string JsonFields::text(const std::string& field) const
{
    const json& v = require(field);
    if (!v.is_string() || v.get<std::string>().empty())
        fail(field, "must be a non-empty string");
    return v.get<std::string>();
}

double JsonFields::number(const std::string& field) const
{
    const json& v = require(field);
    if (!v.is_number())
        fail(field, "must be a number");
    return v.get<double>();
}

double JsonFields::positive(const std::string& field) const
{
    const json& v = require(field);
    if (!v.is_number() || v.get<double>() <= 0)
        fail(field, "must be a positive number");
    return v.get<double>();
}

int JsonFields::positive_int(const std::string& field) const
{
    const json& v = require(field);
    if (!v.is_number_integer() || v.get<int>() <= 0)
        fail(field, "must be a positive whole number");
    return v.get<int>();
}

int JsonFields::whole_number(const std::string& field, int min, int max) const
{
    const json& v = require(field);
    if (!v.is_number_integer() || v.get<long long>() < min || v.get<long long>() > max)
        fail(field, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return v.get<int>();
}

std::chrono::milliseconds JsonFields::millis(const std::string& field) const
{
    return std::chrono::milliseconds(positive_int(field));
}

std::optional<double> JsonFields::optional_number(const std::string& field) const
{
    return find(field) ? std::optional<double>(number(field)) : std::nullopt;
}

JsonFields JsonFields::child(const std::string& field) const
{
    return JsonFields(where_ + "." + field, require(field));
}

} // namespace kiosk
