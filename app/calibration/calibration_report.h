#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kiosk::calibration {

// One number behind a verdict, as the technician's screen and
// `kioskctl calibrate` show it: "left/right balance 0.97 (>= 0.95)".
struct Figure {
    std::string name;                 // stable id, e.g. "uniformity_stddev"
    double value = 0.0;
    std::optional<double> limit;      // from config/calibration, when the figure is judged
    std::string comparison;           // "<=" or ">=" when judged, empty otherwise
    std::string unit;                 // "", "%", "mm", "px", "ms", ...
};

enum class Outcome {
    Pass,
    Fail,   // it ran and the booth is not right; the figures say how far off
    Error,  // it could not run (device missing, cancelled); detail says why
};

// What a procedure ends with, whichever front end ran it.
struct ProcedureReport {
    std::string procedure;            // "background_plate", "exposure", "light_balance", "seat", "printer", "self_test"
    Outcome outcome = Outcome::Error;
    std::vector<Figure> figures;
    // Technician text, a key under "calibration" in config/text/*.json, so the
    // screen speaks the technician's language; never personal data.
    std::string advice_key;
    std::string detail;               // English, for the terminal and the log
};

// Where a long procedure has got to, for a screen that shows progress while
// it runs (on the procedure's own thread; the handler must be quick).
struct ProcedureProgress {
    std::string procedure;
    int step = 0;
    int of = 0;
    std::vector<Figure> figures;      // the latest measurement, if any
};

} // namespace kiosk::calibration
