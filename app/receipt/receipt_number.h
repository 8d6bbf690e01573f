#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace kiosk::receipt {

// A receipt number (回执号) the kiosk issues on its own, even offline.
// Fifteen characters from [0-9A-Z]: kiosk id (5), local date YYMMDD (6),
// sequence of the day in base 36 (3), ISO 7064 MOD 37,36 check character (1).
// The full scheme and why it looks like this: app/receipt/RECEIPT_NUMBER.md.
//
// A ReceiptNumber is always valid: the only ways to get one are issue() and
// parse(), and both refuse anything the review service would reject.
class ReceiptNumber {
public:
    static constexpr std::size_t kLength = 15;
    static constexpr std::size_t kKioskIdLength = 5;
    static constexpr int kMaxSequence = 36 * 36 * 36 - 1;

    // Throws InputError when the kiosk id is not 5 of [0-9A-Z], the date is
    // outside 2000-2099, or the sequence is outside 1..kMaxSequence.
    static ReceiptNumber issue(std::string_view kiosk_id, std::chrono::year_month_day date, int sequence);

    // Reads a number as a person may type it: lower case, spaces and hyphens
    // are accepted. Throws InputError saying what is wrong (length, a
    // character outside [0-9A-Z], an impossible date, a wrong check character).
    static ReceiptNumber parse(std::string_view typed);

    const std::string& str() const { return text_; }
    // Grouped for reading aloud and for large type: "GZ001 251125 00AK".
    std::string grouped() const;

    std::string kiosk_id() const { return text_.substr(0, kKioskIdLength); }
    std::chrono::year_month_day date() const;
    int sequence() const;

    friend bool operator==(const ReceiptNumber&, const ReceiptNumber&) = default;

private:
    explicit ReceiptNumber(std::string text) : text_(std::move(text)) {}
    std::string text_;
};

// True when `id` can be a kiosk id: exactly 5 characters of [0-9A-Z].
bool is_valid_kiosk_id(std::string_view id);

// ISO 7064 MOD 37,36 (hybrid system) check character over [0-9A-Z] text.
// It catches every single wrong character and almost every swap of two
// neighbours, the two mistakes people make when typing a number off a slip.
char mod37_36_check_character(std::string_view payload);

} // namespace kiosk::receipt
