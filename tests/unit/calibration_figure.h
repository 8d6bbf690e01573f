#pragma once

#include <string>

#include <gtest/gtest.h>

#include "calibration/calibration_report.h"

namespace kiosk::calibration::test {

// The value of the figure `name` in a procedure's report; a missing figure
// fails the test, naming the procedure, and reads as -1.
inline double figure(const ProcedureReport& report, const std::string& name)
{
    for (const auto& f : report.figures)
        if (f.name == name)
            return f.value;
    ADD_FAILURE() << "no figure " << name << " in the " << report.procedure << " report";
    return -1;
}

} // namespace kiosk::calibration::test
