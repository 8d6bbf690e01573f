#include "spec/thresholds.h"

#include "core/error.h"

namespace kiosk::spec {

Thresholds::Thresholds(std::string spec_id, nlohmann::json values)
    : spec_id_(std::move(spec_id)), values_(std::move(values))
{
    if (!values_.is_object())
        throw ConfigError("spec " + spec_id_ + ": \"checks\" must be an object");
}

const nlohmann::json& Thresholds::at(const std::string& check, const std::string& key) const
{
    auto c = values_.find(check);
    if (c == values_.end() || !c->is_object())
        throw ConfigError("spec " + spec_id_ + ": no thresholds for check \"" + check + "\"");
    auto k = c->find(key);
    if (k == c->end())
        throw ConfigError("spec " + spec_id_ + ": check \"" + check + "\" has no \"" + key + "\"");
    return *k;
}

bool Thresholds::has(const std::string& check, const std::string& key) const
{
    auto c = values_.find(check);
    return c != values_.end() && c->is_object() && c->contains(key);
}

double Thresholds::number(const std::string& check, const std::string& key) const
{
    const auto& v = at(check, key);
    if (!v.is_number())
        throw ConfigError("spec " + spec_id_ + ": checks." + check + "." + key + " must be a number");
    return v.get<double>();
}

Range Thresholds::range(const std::string& check, const std::string& key) const
{
    const auto& v = at(check, key);
    if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number() ||
        v[0].get<double>() > v[1].get<double>())
        throw ConfigError("spec " + spec_id_ + ": checks." + check + "." + key +
                          " must be [min, max] with min <= max");
    return {v[0].get<double>(), v[1].get<double>()};
}

bool Thresholds::flag(const std::string& check, const std::string& key) const
{
    const auto& v = at(check, key);
    if (!v.is_boolean())
        throw ConfigError("spec " + spec_id_ + ": checks." + check + "." + key + " must be true or false");
    return v.get<bool>();
}

} // namespace kiosk::spec
