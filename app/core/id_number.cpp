#include "core/id_number.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>

namespace kiosk {
namespace {

bool all_digits(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

int number_at(std::string_view s, std::size_t pos, std::size_t len)
{
    int n = 0;
    for (std::size_t i = pos; i < pos + len; ++i)
        n = n * 10 + (s[i] - '0');
    return n;
}

bool valid_birth_date(std::string_view yyyymmdd)
{
    // Nobody alive was born before 1900; the scheme itself dates from 1999.
    const int year = number_at(yyyymmdd, 0, 4);
    if (year < 1900 || year > 2099)
        return false;
    const std::chrono::year_month_day date{std::chrono::year{year},
                                           std::chrono::month{static_cast<unsigned>(number_at(yyyymmdd, 4, 2))},
                                           std::chrono::day{static_cast<unsigned>(number_at(yyyymmdd, 6, 2))}};
    return date.ok();
}

} // namespace

char id_check_character(std::string_view digits17)
{
    // Weight of position i is 2^(17-i) mod 11 (ISO 7064 MOD 11-2).
    static constexpr std::array<int, 17> weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr std::string_view check_of_remainder = "10X98765432";
    int sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i)
        sum += (digits17[i] - '0') * weights[i];
    return check_of_remainder[static_cast<std::size_t>(sum % 11)];
}

IdNumberProblem check_id_number(std::string_view id)
{
    if (id.size() != 18)
        return IdNumberProblem::Length;
    const std::string_view body = id.substr(0, 17);
    const char last = id[17];
    if (!all_digits(body) || !(std::isdigit(static_cast<unsigned char>(last)) || last == 'X'))
        return IdNumberProblem::Characters;
    if (!valid_birth_date(id.substr(6, 8)))
        return IdNumberProblem::BirthDate;
    if (id_check_character(body) != last)
        return IdNumberProblem::CheckCharacter;
    return IdNumberProblem::None;
}

std::string normalise_id_number(std::string_view typed)
{
    std::string id;
    for (const char c : typed) {
        if (c == ' ')
            continue;
        id.push_back(c == 'x' ? 'X' : c);
    }
    return id;
}

} // namespace kiosk
