#include "applicant_details.h"

#include <algorithm>
#include <vector>

#include "core/id_number.h"
#include "core/utf8.h"
#include "request_refused.h"

namespace kiosk::review {
namespace {

bool is_hanzi(char32_t c)
{
    // CJK Unified Ideographs, Extension A, Extension B, Compatibility Ideographs:
    // where every character of a mainland ID card's name is.
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0xF900 && c <= 0xFAFF);
}

bool is_name_character(char32_t c)
{
    constexpr char32_t interpunct = 0x00B7;   // 阿依古丽·买买提
    return is_hanzi(c) || c == interpunct || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ' ||
           c == '-' || c == '\'';
}

void check_name(const std::string& name, const ApplicantLimits& limits)
{
    std::vector<char32_t> points;
    if (!decode_utf8(name, points))
        throw RequestRefused(400, "applicant name is not valid UTF-8");
    if (points.size() > limits.max_name_chars)
        throw RequestRefused(400, "applicant name is longer than " + std::to_string(limits.max_name_chars) +
                                      " characters");
    // Control characters and markup never belong in a name, and the pages must never have to trust one.
    if (!std::all_of(points.begin(), points.end(), is_name_character))
        throw RequestRefused(400, "applicant name may hold only hanzi, '·', Latin letters, spaces, '-' and '''");
}

void check_id_number(const std::string& id)
{
    switch (kiosk::check_id_number(id)) {
    case IdNumberProblem::None:
        return;
    case IdNumberProblem::Length:
        throw RequestRefused(400, "applicant id_number must be 18 characters");
    case IdNumberProblem::Characters:
        throw RequestRefused(400, "applicant id_number must be 17 digits and a digit or 'X'");
    case IdNumberProblem::BirthDate:
        throw RequestRefused(400, "applicant id_number does not hold a valid birth date");
    case IdNumberProblem::CheckCharacter:
        throw RequestRefused(400, "applicant id_number has a wrong check character");
    }
}

void check_phone(const std::string& phone, const ApplicantLimits& limits)
{
    if (phone.size() > limits.max_phone_digits ||
        phone.find_first_not_of("0123456789") != std::string::npos)
        throw RequestRefused(400, "applicant phone must be 1.." + std::to_string(limits.max_phone_digits) + " digits");
}

} // namespace

void check_applicant(const nlohmann::json& applicant, const ApplicantLimits& limits)
{
    if (!applicant.is_object() || applicant.empty())
        throw RequestRefused(400, "field \"applicant\" must be an object with name, id_number or phone");
    for (const auto& [field, value] : applicant.items()) {
        if (field != "name" && field != "id_number" && field != "phone")
            throw RequestRefused(400, "applicant may hold only name, id_number and phone");
        if (!value.is_string() || value.get<std::string>().empty())
            throw RequestRefused(400, "applicant " + field + " must be non-empty text");
        const auto& typed = value.get_ref<const std::string&>();
        if (field == "name")
            check_name(typed, limits);
        else if (field == "id_number")
            check_id_number(typed);
        else
            check_phone(typed, limits);
    }
}

} // namespace kiosk::review
