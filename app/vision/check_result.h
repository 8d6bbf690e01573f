#pragma once

#include <optional>
#include <string>
#include <variant>

namespace kiosk::vision {

enum class CheckStatus { Pass, Fail, Unknown };

const char* to_string(CheckStatus s);

// A check's measured value: a number, a yes/no (e.g. glasses worn), or none
// when it could not be measured.
using CheckValue = std::variant<std::monostate, double, bool>;

// The limit a value was compared against; either end may be open.
struct CheckLimit {
    std::optional<double> min;
    std::optional<double> max;
};

struct CheckResult {
    std::string id;        // one of check_ids.h
    CheckStatus status = CheckStatus::Unknown;
    CheckValue value;
    CheckLimit limit;
    // Key into the text catalogs (config/text/*.json, "advice.<key>") telling the
    // citizen what to do; empty when the check passes.
    std::string advice;
    // Short technical reason for unknown/fail, for technicians and logs (never personal data).
    std::string detail;
};

} // namespace kiosk::vision
