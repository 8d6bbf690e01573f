#include "kiosk/assessment_summary.h"

namespace kiosk::runtime {

namespace {

nlohmann::json value_json(const vision::CheckValue& value)
{
    if (const double* number = std::get_if<double>(&value))
        return *number;
    if (const bool* flag = std::get_if<bool>(&value))
        return *flag;
    return nullptr;
}

nlohmann::json bound(const std::optional<double>& end)
{
    return end ? nlohmann::json(*end) : nlohmann::json(nullptr);
}

std::string verdict_name(vision::CheckStatus status)
{
    switch (status) {
    case vision::CheckStatus::Pass: return "pass";
    case vision::CheckStatus::Fail: return "fail";
    case vision::CheckStatus::Unknown: break;
    }
    return "unknown";
}

} // namespace

nlohmann::json summarise_assessment(const vision::Assessment& assessment, bool background_replaced)
{
    nlohmann::json checks = nlohmann::json::array();
    for (const auto& check : assessment.checks)
        checks.push_back({{"id", check.id},
                          {"status", verdict_name(check.status)},
                          {"value", value_json(check.value)},
                          {"limit", {{"min", bound(check.limit.min)}, {"max", bound(check.limit.max)}}},
                          {"detail", check.detail}});
    nlohmann::json pose = nullptr;
    if (assessment.face)
        pose = {{"yaw", assessment.face->pose.yaw}, {"pitch", assessment.face->pose.pitch},
                {"roll", assessment.face->pose.roll}};
    return {{"spec", assessment.spec_id},
            {"verdict", verdict_name(assessment.verdict())},
            {"faces", assessment.faces_found},
            {"pose", pose},
            {"background_replaced", background_replaced},
            {"checks", checks}};
}

} // namespace kiosk::runtime
