#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "calibration/calibration_report.h"
#include "calibration/self_test.h"

namespace kiosk::ctl {

const char* outcome_name(calibration::Outcome outcome);

// One progress line on stderr, so stdout stays the report alone.
void print_progress(const calibration::ProcedureProgress& progress);

// The report as a table of its figures: name, value, unit, limit, judged.
void print_report_table(const calibration::ProcedureReport& report);
// The self-test's table: one row per device.
void print_self_test_table(const std::vector<calibration::SelfTestRow>& rows);

nlohmann::json report_json(const calibration::ProcedureReport& report);
nlohmann::json self_test_rows_json(const std::vector<calibration::SelfTestRow>& rows);

} // namespace kiosk::ctl
