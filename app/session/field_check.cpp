#include "session/field_check.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/error.h"
#include "core/utf8.h"
#include "receipt/receipt_number.h"
#include "core/id_number.h"

namespace kiosk::session {
namespace {

bool is_hanzi(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0xF900 && c <= 0xFAFF);
}

bool is_latin_letter(char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Interpunct between the parts of a transliterated minority or foreign name (阿依古丽·买买提).
constexpr char32_t name_separator = 0x00B7;

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return s;
}

std::optional<std::string> name_error(std::string_view name, const ApplicantLimits& limits)
{
    std::vector<char32_t> points;
    if (!decode_utf8(name, points))
        return "field.error.name_characters";
    if (static_cast<int>(points.size()) > limits.name_max_chars)
        return "field.error.too_long";
    // A name is written either in hanzi (with the interpunct) or, on a
    // foreigner's permit, in Latin letters; a mix is a typing slip.
    const bool hanzi = std::any_of(points.begin(), points.end(), is_hanzi);
    const bool latin = std::any_of(points.begin(), points.end(), is_latin_letter);
    if (hanzi == latin)
        return "field.error.name_characters";
    for (const char32_t c : points) {
        const bool fits = hanzi ? (is_hanzi(c) || c == name_separator)
                                : (is_latin_letter(c) || c == ' ' || c == '-' || c == '\'');
        if (!fits)
            return "field.error.name_characters";
    }
    return std::nullopt;
}

std::optional<std::string> id_number_error(const std::string& id)
{
    switch (check_id_number(id)) {
    case IdNumberProblem::None:
        return std::nullopt;
    case IdNumberProblem::Length:
        return "field.error.id_length";
    case IdNumberProblem::Characters:
        return "field.error.id_characters";
    case IdNumberProblem::BirthDate:
        return "field.error.id_birth_date";
    case IdNumberProblem::CheckCharacter:
        return "field.error.id_check_character";
    }
    return "field.error.id_characters";
}

std::string without_separators(std::string_view typed)
{
    std::string out;
    std::copy_if(typed.begin(), typed.end(), std::back_inserter(out), [](char c) { return c != ' ' && c != '-'; });
    return out;
}

std::optional<std::string> phone_error(const std::string& phone)
{
    // Mainland mobile numbers: 11 digits, 1 then 3-9 (the carriers' prefixes).
    const bool digits =
        std::all_of(phone.begin(), phone.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
    if (phone.size() != 11 || !digits || phone[0] != '1' || phone[1] < '3')
        return "field.error.phone_number";
    return std::nullopt;
}

} // namespace

FieldVerdict check_field(Field field, std::string_view typed, const ApplicantLimits& limits)
{
    if (static_cast<int>(typed.size()) > limits.max_input_bytes)
        return {std::string(typed.substr(0, static_cast<std::size_t>(limits.max_input_bytes))),
                "field.error.too_long"};
    FieldVerdict verdict;
    switch (field) {
    case Field::Name:
        verdict.value = std::string(trimmed(typed));
        if (!verdict.value.empty())
            verdict.error = name_error(verdict.value, limits);
        break;
    case Field::IdNumber:
        verdict.value = normalise_id_number(typed);
        if (!verdict.value.empty())
            verdict.error = id_number_error(verdict.value);
        break;
    case Field::Phone:
        verdict.value = without_separators(typed);
        if (!verdict.value.empty())
            verdict.error = phone_error(verdict.value);
        break;
    case Field::ReceiptNumber:
        try {
            verdict.value = receipt::ReceiptNumber::parse(typed).str();
        } catch (const InputError&) {
            verdict.value = std::string(trimmed(typed));
            if (!verdict.value.empty())
                verdict.error = "field.error.receipt_number";
        }
        break;
    }
    if (verdict.value.empty())
        verdict.error = "field.error.required";
    return verdict;
}

} // namespace kiosk::session
