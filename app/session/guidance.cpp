#include "session/guidance.h"

#include <algorithm>

namespace kiosk::session {
namespace {

bool needs_fixing(const vision::CheckResult& check)
{
    return check.status != vision::CheckStatus::Pass && !check.advice.empty();
}

} // namespace

std::optional<std::string> pick_instruction(const vision::Assessment& assessment,
                                            const std::vector<std::string>& priority)
{
    for (const auto& id : priority) {
        const vision::CheckResult* check = assessment.find(id);
        if (check && needs_fixing(*check))
            return check->advice;
    }
    for (const auto& check : assessment.checks) {
        const bool ranked = std::find(priority.begin(), priority.end(), check.id) != priority.end();
        if (!ranked && needs_fixing(check))
            return check.advice;
    }
    return std::nullopt;
}

} // namespace kiosk::session
