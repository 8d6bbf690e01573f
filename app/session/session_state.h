#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "session/applicant.h"
#include "session/events.h"
#include "session/light_servo.h"
#include "session/session_settings.h"
#include "session/step.h"
#include "session/view_model.h"
#include "spec/document_spec.h"

namespace kiosk::session {

// What one citizen brought and got: personal data, wiped as a whole when the
// visit ends (ForgetCitizen), so nothing of one citizen reaches the next.
struct Visit {
    const spec::DocumentSpec* document = nullptr;
    bool resubmission = false;                 // a retake for a rejected receipt
    std::optional<std::string> checking_receipt; // asked the review centre about this number; no answer yet
    std::map<Field, std::string> typed;        // as typed, shown back on screen
    std::set<Field> left;                      // fields the citizen has moved away from: errors show
    std::map<Field, std::string> refused_edit; // an edit too long to keep: the error key, until the next edit
    std::optional<Field> focused;
    std::shared_ptr<const AcceptedPhoto> photo;
    int retakes_used = 0;
    std::string receipt_number;
    std::string status_url;
    bool acknowledged = false;
    bool upload_delayed = false;
    bool printed = false;
    std::optional<std::string> not_printed_reason; // catalog key
    SteadyClock::time_point queued_at;
};

// Where the pose step stands: guidance shown, hold and countdown progress.
struct PoseProgress {
    std::optional<PoseGuide> guide;
    std::optional<SteadyClock::time_point> hold_start;
    SteadyClock::time_point countdown_start;
    int countdown = 0;
};

// The devices as last reported by the runtime; all assumed usable until told otherwise.
struct Devices {
    bool camera = true;
    bool printer = true;
    bool controller = true;
    bool controller_answered = false; // the board has been ready once since start-up
    std::string camera_reason;  // catalog keys
    std::string printer_reason;
    std::optional<SteadyClock::time_point> seat_empty_since;
    std::optional<std::uint16_t> seat_mm;
    bool seat_moving = false;
    std::optional<SteadyClock::time_point> last_seat_command;
    std::optional<SteadyClock::time_point> last_lights_command;
    LightServoState lights;
};

// A technician at the kiosk, from the hidden gesture until they leave.
struct TechnicianVisit {
    std::string pin;                          // as typed, until it is sent to be checked
    bool checking = false;                    // CheckTechnicianPin sent, no answer yet
    std::optional<int> tries_left;            // after a wrong PIN
    std::optional<SteadyClock::time_point> locked_until;
    bool unavailable = false;                 // the kiosk has no technician PINs set up
    std::string technician;                   // once the PIN is accepted
    std::map<std::string, calibration::ProcedureReport> last; // per procedure
    std::optional<std::string> running;       // RunCalibration sent, no report yet
    std::optional<calibration::ProcedureProgress> progress; // of `running`, once it reports any
    bool stopping = false;                    // CancelCalibration sent for `running`
    bool rolling_back = false;                // RollbackCalibration sent, no answer yet
    std::optional<ProfileSummary> profile;    // the active calibration profile
};

// The state behind Session (session.h), shared with the view builder.
struct SessionState {
    SessionSettings settings;
    std::vector<spec::DocumentSpec> documents;
    SteadyClock::time_point now;

    Step step = Step::Attract;
    std::string locale;
    SteadyClock::time_point step_entered;
    SteadyClock::time_point last_activity;
    std::optional<std::string> notice; // catalog key shown on this step until it is left

    Visit visit;
    TechnicianVisit technician;
    PoseProgress pose;
    Devices devices;
};

} // namespace kiosk::session
