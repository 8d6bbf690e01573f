#include "calibrate_output.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace kiosk::ctl {

namespace {

using calibration::Figure;

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

std::string limit_text(const Figure& f)
{
    return f.limit ? f.comparison + " " + number(*f.limit) : "";
}

// "ok" or "OUT" for a judged figure, empty for one that is only reported.
std::string judged(const Figure& f)
{
    if (!f.limit)
        return "";
    const bool ok = f.comparison == "<=" ? f.value <= *f.limit : f.value >= *f.limit;
    return ok ? "ok" : "OUT";
}

void print_columns(const std::vector<std::vector<std::string>>& lines)
{
    std::vector<std::size_t> width(lines.front().size(), 0);
    for (const auto& line : lines)
        for (std::size_t c = 0; c < line.size(); ++c)
            width[c] = std::max(width[c], line[c].size());
    for (const auto& line : lines) {
        for (std::size_t c = 0; c + 1 < line.size(); ++c)
            std::printf("%-*s  ", static_cast<int>(width[c]), line[c].c_str());
        std::printf("%s\n", line.back().c_str());
    }
}

nlohmann::json figure_json(const Figure& f)
{
    nlohmann::json j{{"name", f.name}, {"value", f.value}, {"unit", f.unit}};
    if (f.limit) {
        j["limit"] = *f.limit;
        j["comparison"] = f.comparison;
    }
    return j;
}

} // namespace

const char* outcome_name(calibration::Outcome outcome)
{
    switch (outcome) {
    case calibration::Outcome::Pass: return "pass";
    case calibration::Outcome::Fail: return "fail";
    case calibration::Outcome::Error: return "error";
    }
    return "error";
}

void print_progress(const calibration::ProcedureProgress& progress)
{
    std::string figures;
    for (const auto& f : progress.figures)
        figures += " " + f.name + "=" + number(f.value);
    std::fprintf(stderr, "%s: step %d of %d%s\n", progress.procedure.c_str(), progress.step, progress.of,
                 figures.c_str());
}

void print_report_table(const calibration::ProcedureReport& report)
{
    std::printf("%s: %s\n%s\nadvice: %s\n\n", report.procedure.c_str(), outcome_name(report.outcome),
                report.detail.c_str(), report.advice_key.c_str());
    std::vector<std::vector<std::string>> lines{{"figure", "value", "unit", "limit", "judged"}};
    for (const auto& f : report.figures)
        lines.push_back({f.name, number(f.value), f.unit, limit_text(f), judged(f)});
    print_columns(lines);
}

void print_self_test_table(const std::vector<calibration::SelfTestRow>& rows)
{
    std::vector<std::vector<std::string>> lines{{"device", "result", "figures", "detail"}};
    for (const auto& r : rows) {
        std::string figures;
        for (const auto& f : r.figures)
            figures += (figures.empty() ? "" : ", ") + f.name + " " + number(f.value) + (f.unit.empty() ? "" : " ") +
                       f.unit;
        lines.push_back({r.device, outcome_name(r.outcome), figures.empty() ? "-" : figures, r.detail});
    }
    print_columns(lines);
}

nlohmann::json report_json(const calibration::ProcedureReport& report)
{
    nlohmann::json figures = nlohmann::json::array();
    for (const auto& f : report.figures)
        figures.push_back(figure_json(f));
    return {{"procedure", report.procedure},
            {"outcome", outcome_name(report.outcome)},
            {"advice", report.advice_key},
            {"detail", report.detail},
            {"figures", figures}};
}

nlohmann::json self_test_rows_json(const std::vector<calibration::SelfTestRow>& rows)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rows) {
        nlohmann::json figures = nlohmann::json::array();
        for (const auto& f : r.figures)
            figures.push_back(figure_json(f));
        out.push_back({{"device", r.device},
                       {"outcome", outcome_name(r.outcome)},
                       {"advice", r.advice_key},
                       {"detail", r.detail},
                       {"figures", figures}});
    }
    return out;
}

} // namespace kiosk::ctl
