#include "receipt/code128.h"

#include <array>

#include "core/error.h"

namespace kiosk::receipt {
namespace {

// Bar and space widths (in modules) of symbol values 0-105, as listed in the
// standard; each symbol is 11 modules: bar, space, bar, space, bar, space.
constexpr std::array<const char*, 106> kSymbols = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
    "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
    "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
    "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
    "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
    "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
    "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
    "114131", "311141", "411131", "211412", "211214", "211232"};
constexpr const char* kStop = "2331112";

constexpr int kCodeC = 99;
constexpr int kCodeB = 100;
constexpr int kStartB = 104;
constexpr int kStartC = 105;
constexpr int kMinDigitRunForC = 4;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t digit_run(std::string_view text, std::size_t from)
{
    std::size_t n = 0;
    while (from + n < text.size() && is_digit(text[from + n]))
        ++n;
    return n;
}

std::vector<int> symbol_values(std::string_view text)
{
    for (char c : text)
        if (c < 32 || c > 126)
            throw InputError("Code 128 here carries printable ASCII only");

    std::vector<int> values;
    bool in_c = false;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t run = digit_run(text, i);
        // An odd run is entered one digit late, so that digit goes in set B
        // and code C always sees pairs.
        const bool use_c = run >= kMinDigitRunForC || (run == text.size() && run >= 2 && run % 2 == 0);
        if (use_c && run % 2 == 1 && !in_c) {
            if (values.empty())
                values.push_back(kStartB);
            values.push_back(text[i] - 32);
            ++i;
            continue;
        }
        if (use_c) {
            values.push_back(values.empty() ? kStartC : kCodeC);
            in_c = true;
            const std::size_t paired = run / 2 * 2;
            for (std::size_t k = 0; k < paired; k += 2)
                values.push_back((text[i + k] - '0') * 10 + (text[i + k + 1] - '0'));
            i += paired;
            continue;
        }
        if (values.empty())
            values.push_back(kStartB);
        else if (in_c)
            values.push_back(kCodeB);
        in_c = false;
        values.push_back(text[i] - 32);
        ++i;
    }
    if (values.empty())
        values.push_back(kStartB);

    int sum = values.front();
    for (std::size_t k = 1; k < values.size(); ++k)
        sum += static_cast<int>(k) * values[k];
    values.push_back(sum % 103);
    return values;
}

void append(std::vector<bool>& modules, const char* widths)
{
    bool bar = true;
    for (const char* w = widths; *w; ++w, bar = !bar)
        modules.insert(modules.end(), static_cast<std::size_t>(*w - '0'), bar);
}

} // namespace

std::vector<bool> code128_modules(std::string_view text)
{
    std::vector<bool> modules;
    for (int v : symbol_values(text))
        append(modules, kSymbols[static_cast<std::size_t>(v)]);
    append(modules, kStop);
    return modules;
}

} // namespace kiosk::receipt
