#pragma once

#include <string>
#include <string_view>

namespace kiosk {

// Citizen identity numbers (公民身份号码) as GB 11643-1999 defines them:
// 6 digits of region, 8 of birth date (YYYYMMDD), 3 of sequence and one check
// character, ISO 7064 MOD 11-2 over the first 17 digits ('X' stands for 10).
enum class IdNumberProblem { None, Length, Characters, BirthDate, CheckCharacter };

// What is wrong with `id` (upper-case 'X' expected; see normalise_id_number).
IdNumberProblem check_id_number(std::string_view id);

// The check character for the first 17 digits; `digits17` must be 17 digits.
char id_check_character(std::string_view digits17);

// Spaces dropped and a lower-case 'x' raised, as people type it.
std::string normalise_id_number(std::string_view typed);

} // namespace kiosk
