#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

// One way to write the start of a pinyin spelling in hanzi.
struct PinyinCandidate {
    std::string hanzi;           // UTF-8
    std::size_t letters_used = 0; // how many letters of the spelling it stands for
};

// Pinyin to hanzi through libgooglepinyin (Android's pinyin engine, packaged by
// Debian) and its system dictionary.
//
// The library keeps one decoder per process, so only one engine may be open at
// a time; a second one throws std::logic_error instead of silently sharing it.
// Nothing is learned: the user dictionary is /dev/null and no choice is ever
// reported to the engine, so one citizen's name never surfaces as a
// suggestion for the next and never reaches the disk.
class PinyinEngine {
public:
    // Throws ConfigError when the dictionary is missing or cannot be opened.
    PinyinEngine(const std::filesystem::path& dictionary, std::size_t max_letters);
    ~PinyinEngine();
    PinyinEngine(const PinyinEngine&) = delete;
    PinyinEngine& operator=(const PinyinEngine&) = delete;

    // Lower-case letters and the syllable separator '.
    static bool is_spelling_letter(char c);

    // Ways to write `letters` (or their start), best first, at most `limit`.
    // The first one covers the whole spelling when the engine can; later
    // ones cover its first syllables. Empty for an empty or invalid spelling.
    std::vector<PinyinCandidate> candidates(std::string_view letters, std::size_t limit);

    std::size_t max_letters() const { return max_letters_; }

private:
    std::size_t max_letters_;
};

} // namespace kiosk::ui
