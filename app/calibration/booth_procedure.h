#pragma once

#include <functional>
#include <optional>
#include <stop_token>
#include <string>

#include "calibration/calibration_report.h"

namespace kiosk::calibration {

// What the camera procedures (background plate, exposure, light balance)
// share: a progress handler for the screen, and figures written the same way.
using ProgressHandler = std::function<void(const ProcedureProgress&)>;

inline Figure judged(std::string name, double value, double limit, std::string comparison, std::string unit = "")
{
    return {std::move(name), value, limit, std::move(comparison), std::move(unit)};
}

inline Figure measured(std::string name, double value, std::string unit = "")
{
    return {std::move(name), value, std::nullopt, "", std::move(unit)};
}

inline bool passes(const Figure& f)
{
    if (!f.limit)
        return true;
    return f.comparison == "<=" ? f.value <= *f.limit : f.value >= *f.limit;
}

// A report that could not run, with the reason for the terminal and the
// technician's advice key.
inline ProcedureReport error_report(std::string procedure, std::string advice_key, std::string detail)
{
    ProcedureReport r;
    r.procedure = std::move(procedure);
    r.outcome = Outcome::Error;
    r.advice_key = std::move(advice_key);
    r.detail = std::move(detail);
    return r;
}

} // namespace kiosk::calibration
