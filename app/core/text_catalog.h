#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace kiosk {

// The words shown to people, from config/text/<locale>.json. Keys are the
// nested JSON path joined by dots ("advice.move_closer"). A key missing from
// the chosen locale falls back to the other shipped locale, then to the key
// itself, so a missing translation shows something a technician can trace
// instead of an empty line.
class TextCatalog {
public:
    // Loads `<dir>/<locale>.json` and, as fallback, the other shipped locale
    // (zh-CN <-> en) when its file exists. Throws ConfigError naming the file
    // and the key when a file is missing, is not valid JSON or holds anything
    // but nested objects of strings.
    static TextCatalog load(const std::filesystem::path& dir, const std::string& locale);

    // The locales a catalog can be loaded for.
    static bool is_known_locale(std::string_view locale);

    const std::string& locale() const { return locale_; }

    // The text for `key`, in the catalog's locale when it has it.
    std::string text(std::string_view key) const;
    // True when the chosen locale itself has `key` (no fallback).
    bool has(std::string_view key) const;

private:
    using Entries = std::map<std::string, std::string, std::less<>>;

    std::string locale_;
    Entries primary_;
    Entries fallback_;
};

} // namespace kiosk
