#include "kiosk-ui/pinyin_engine.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <stdexcept>

#include <pinyinime.h>

#include "core/error.h"
#include "kiosk-ui/utf8_text.h"

namespace kiosk::ui {
namespace {

std::atomic<bool> decoder_in_use{false};

// Longer than any dictionary entry (kMaxLemmaSize is 8): one candidate fits.
constexpr std::size_t kCandidateUnits = 64;

} // namespace

PinyinEngine::PinyinEngine(const std::filesystem::path& dictionary, std::size_t max_letters)
    : max_letters_(max_letters)
{
    if (!std::filesystem::is_regular_file(dictionary))
        throw ConfigError("pinyin dictionary " + dictionary.string() +
                          " not found (Debian package libgooglepinyin0)");
    if (decoder_in_use.exchange(true))
        throw std::logic_error("libgooglepinyin holds one decoder per process and it is already open");
    if (!ime_pinyin::im_open_decoder(dictionary.c_str(), "/dev/null")) {
        decoder_in_use = false;
        throw ConfigError("pinyin dictionary " + dictionary.string() + " could not be opened");
    }
    // Hanzi never outnumber the letters that spell them.
    ime_pinyin::im_set_max_lens(max_letters_, max_letters_);
}

PinyinEngine::~PinyinEngine()
{
    ime_pinyin::im_close_decoder();
    decoder_in_use = false;
}

bool PinyinEngine::is_spelling_letter(char c)
{
    return (c >= 'a' && c <= 'z') || c == '\'';
}

std::vector<PinyinCandidate> PinyinEngine::candidates(std::string_view letters, std::size_t limit)
{
    if (letters.empty() || letters.size() > max_letters_ ||
        !std::all_of(letters.begin(), letters.end(), is_spelling_letter))
        return {};
    const std::size_t found = ime_pinyin::im_search(letters.data(), letters.size());
    const ime_pinyin::uint16* syllable_starts = nullptr;
    const std::size_t syllables = ime_pinyin::im_get_spl_start_pos(syllable_starts);

    std::vector<PinyinCandidate> out;
    std::array<ime_pinyin::char16, kCandidateUnits> buffer{};
    for (std::size_t i = 0; i < found && out.size() < limit; ++i) {
        if (!ime_pinyin::im_get_candidate(i, buffer.data(), buffer.size() - 1))
            break;
        std::u16string_view units(reinterpret_cast<const char16_t*>(buffer.data()));
        PinyinCandidate candidate;
        candidate.hanzi = utf8_from_utf16(units);
        // One hanzi per syllable: the letters a candidate stands for end
        // where its last syllable ends.
        const std::size_t covered = std::min(code_point_count(candidate.hanzi), syllables);
        candidate.letters_used = covered == syllables ? letters.size() : syllable_starts[covered];
        if (candidate.hanzi.empty() || candidate.letters_used == 0)
            continue;
        out.push_back(std::move(candidate));
    }
    return out;
}

} // namespace kiosk::ui
