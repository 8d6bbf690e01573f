#include "core/text_catalog.h"

#include <array>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/json_file.h"

namespace kiosk {
namespace {

// The kiosk ships these two; each is the other's fallback.
constexpr std::array<std::string_view, 2> kShippedLocales = {"zh-CN", "en"};

std::string other_locale(std::string_view locale)
{
    return std::string(locale == kShippedLocales[0] ? kShippedLocales[1] : kShippedLocales[0]);
}

// Turns {"a": {"b": "text"}} into {"a.b": "text"}.
void flatten(const std::filesystem::path& file, const nlohmann::json& node, const std::string& prefix,
             std::map<std::string, std::string, std::less<>>& out)
{
    for (const auto& [name, value] : node.items()) {
        const std::string key = prefix.empty() ? name : prefix + "." + name;
        if (value.is_object())
            flatten(file, value, key, out);
        else if (value.is_string())
            out.emplace(key, value.get<std::string>());
        else
            throw ConfigError(file.string() + ": " + key + ": must be a text or a group of texts, not " +
                              value.type_name());
    }
}

std::map<std::string, std::string, std::less<>> load_entries(const std::filesystem::path& file)
{
    const nlohmann::json doc = load_json_file(file);
    if (!doc.is_object())
        throw ConfigError(file.string() + ": must be an object of texts");
    std::map<std::string, std::string, std::less<>> entries;
    flatten(file, doc, "", entries);
    return entries;
}

} // namespace

bool TextCatalog::is_known_locale(std::string_view locale)
{
    for (const auto known : kShippedLocales)
        if (known == locale)
            return true;
    return false;
}

TextCatalog TextCatalog::load(const std::filesystem::path& dir, const std::string& locale)
{
    if (!is_known_locale(locale))
        throw ConfigError("no text catalog for locale \"" + locale + "\" (known: zh-CN, en)");
    TextCatalog catalog;
    catalog.locale_ = locale;
    catalog.primary_ = load_entries(dir / (locale + ".json"));
    const auto fallback_file = dir / (other_locale(locale) + ".json");
    if (std::filesystem::exists(fallback_file))
        catalog.fallback_ = load_entries(fallback_file);
    return catalog;
}

std::string TextCatalog::text(std::string_view key) const
{
    if (auto it = primary_.find(key); it != primary_.end())
        return it->second;
    if (auto it = fallback_.find(key); it != fallback_.end())
        return it->second;
    return std::string(key);
}

bool TextCatalog::has(std::string_view key) const
{
    return primary_.find(key) != primary_.end();
}

} // namespace kiosk
