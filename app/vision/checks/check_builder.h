#pragma once

#include <string>
#include <string_view>

#include "vision/check_result.h"

namespace kiosk::vision {

// Small constructors so every check reports in the same shape.

inline CheckResult unknown_check(std::string_view id, std::string detail)
{
    CheckResult r;
    r.id = id;
    r.status = CheckStatus::Unknown;
    r.detail = std::move(detail);
    return r;
}

// Pass when `ok`, otherwise Fail with `advice` (a catalog key under "advice.").
inline CheckResult judged_check(std::string_view id, bool ok, CheckValue value, CheckLimit limit,
                                std::string advice, std::string detail = {})
{
    CheckResult r;
    r.id = id;
    r.status = ok ? CheckStatus::Pass : CheckStatus::Fail;
    r.value = value;
    r.limit = limit;
    if (!ok) {
        r.advice = std::move(advice);
        r.detail = std::move(detail);
    }
    return r;
}

} // namespace kiosk::vision
