#include "vision/assessment.h"

namespace kiosk::vision {

const char* to_string(CheckStatus s)
{
    switch (s) {
    case CheckStatus::Pass:
        return "pass";
    case CheckStatus::Fail:
        return "fail";
    case CheckStatus::Unknown:
        return "unknown";
    }
    return "unknown";
}

const CheckResult* Assessment::find(std::string_view id) const
{
    for (const auto& c : checks)
        if (c.id == id)
            return &c;
    return nullptr;
}

CheckStatus Assessment::verdict() const
{
    bool unknown = checks.empty();
    for (const auto& c : checks) {
        if (c.status == CheckStatus::Fail)
            return CheckStatus::Fail;
        if (c.status == CheckStatus::Unknown)
            unknown = true;
    }
    return unknown ? CheckStatus::Unknown : CheckStatus::Pass;
}

std::vector<const CheckResult*> Assessment::failures() const
{
    std::vector<const CheckResult*> out;
    for (const auto& c : checks)
        if (c.status == CheckStatus::Fail)
            out.push_back(&c);
    return out;
}

} // namespace kiosk::vision
