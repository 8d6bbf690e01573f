#include "receipt/receipt_number.h"

#include <cstdio>

#include "core/error.h"

namespace kiosk::receipt {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr int kModulus = 36;

int value_of(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return -1;
}

bool all_digits(std::string_view s)
{
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

int decimal(std::string_view s)
{
    int v = 0;
    for (char c : s)
        v = v * 10 + (c - '0');
    return v;
}

std::string base36(int value, int width)
{
    std::string out(static_cast<std::size_t>(width), '0');
    for (int i = width - 1; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = kAlphabet[static_cast<std::size_t>(value % kModulus)];
        value /= kModulus;
    }
    return out;
}

std::chrono::year_month_day date_of(std::string_view yymmdd)
{
    using namespace std::chrono;
    return year_month_day{year{2000 + decimal(yymmdd.substr(0, 2))}, month{static_cast<unsigned>(decimal(yymmdd.substr(2, 2)))},
                          day{static_cast<unsigned>(decimal(yymmdd.substr(4, 2)))}};
}

} // namespace

bool is_valid_kiosk_id(std::string_view id)
{
    if (id.size() != ReceiptNumber::kKioskIdLength)
        return false;
    for (char c : id)
        if (value_of(c) < 0)
            return false;
    return true;
}

char mod37_36_check_character(std::string_view payload)
{
    int p = kModulus;
    for (char c : payload) {
        const int v = value_of(c);
        if (v < 0)
            throw InputError(std::string("character '") + c + "' is not one of 0-9 A-Z");
        int s = (p + v) % kModulus;
        if (s == 0)
            s = kModulus;
        p = (2 * s) % (kModulus + 1);
    }
    // Chosen so that running the same step over payload + check leaves 1.
    return kAlphabet[static_cast<std::size_t>((kModulus + 1 - p) % kModulus)];
}

ReceiptNumber ReceiptNumber::issue(std::string_view kiosk_id, std::chrono::year_month_day date, int sequence)
{
    if (!is_valid_kiosk_id(kiosk_id))
        throw InputError("kiosk id must be 5 characters of 0-9 A-Z, not \"" + std::string(kiosk_id) + "\"");
    const int y = static_cast<int>(date.year());
    if (!date.ok() || y < 2000 || y > 2099)
        throw InputError("a receipt date must be a real day in 2000-2099");
    if (sequence < 1 || sequence > kMaxSequence)
        throw InputError("sequence " + std::to_string(sequence) + " is outside 1.." + std::to_string(kMaxSequence));

    char yymmdd[7];
    std::snprintf(yymmdd, sizeof yymmdd, "%02d%02u%02u", y % 100, static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()));
    std::string text = std::string(kiosk_id) + yymmdd + base36(sequence, 3);
    text += mod37_36_check_character(text);
    return ReceiptNumber(std::move(text));
}

ReceiptNumber ReceiptNumber::parse(std::string_view typed)
{
    std::string text;
    for (char c : typed) {
        if (c == ' ' || c == '-')
            continue;
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        if (value_of(c) < 0)
            throw InputError("a receipt number holds only 0-9 and A-Z; it has another character");
        text += c;
    }
    if (text.size() != kLength)
        throw InputError("a receipt number has " + std::to_string(kLength) + " characters, this one has " +
                         std::to_string(text.size()));
    const std::string_view yymmdd = std::string_view(text).substr(kKioskIdLength, 6);
    if (!all_digits(yymmdd) || !date_of(yymmdd).ok())
        throw InputError("receipt number " + text + ": characters 6-11 are not a date YYMMDD");
    if (mod37_36_check_character(std::string_view(text).substr(0, kLength - 1)) != text.back())
        throw InputError("receipt number " + text + " has a wrong check character: it was mistyped");
    if (ReceiptNumber(text).sequence() == 0)
        throw InputError("receipt number " + text + ": sequence 000 is never issued");
    return ReceiptNumber(std::move(text));
}

std::string ReceiptNumber::grouped() const
{
    return text_.substr(0, 5) + ' ' + text_.substr(5, 6) + ' ' + text_.substr(11);
}

std::chrono::year_month_day ReceiptNumber::date() const
{
    return date_of(std::string_view(text_).substr(kKioskIdLength, 6));
}

int ReceiptNumber::sequence() const
{
    int v = 0;
    for (char c : std::string_view(text_).substr(11, 3))
        v = v * kModulus + value_of(c);
    return v;
}

} // namespace kiosk::receipt
