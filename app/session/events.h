#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "calibration/calibration_report.h"
#include "lightseat/lightseat_settings.h"
#include "lightseat/messages.h"
#include "session/applicant.h"
#include "vision/assessment.h"

namespace kiosk::session {

using SteadyClock = std::chrono::steady_clock;

// ---- From the citizen: kiosk-ui turns touches into these. ----------------

// The buttons a screen can offer (ViewModel::buttons says which, per step).
enum class Action {
    Start,            // attract -> choose document
    ResubmitRejected, // "my photo was rejected": enter the receipt number
    ToggleLanguage,   // 中文 <-> English, on every screen
    Next,             // leave a form screen once it is valid
    Back,
    Skip,             // an optional detail left empty
    Accept,           // the reviewed photo is good
    Retake,           // take the photo again (counts against the retake limit)
    Cancel,           // give up: back to attract, everything forgotten
    Finish,           // leave the done screen now instead of waiting
    // A technician's, on the calibration menu:
    RollbackProfile,  // go back to the previous calibration profile (a second touch comes forward again)
    StopProcedure,    // stop the procedure that is running; the booth keeps the active profile
};

struct ActionTouched {
    Action action;
};
struct DocumentChosen {
    std::string spec_id;
};
// The full new value of one field after an edit on the on-screen keyboard
// (pinyin composition already turned into hanzi by the UI's input engine).
struct FieldEdited {
    Field field;
    std::string value;
};
struct FieldFocused {
    Field field;
};

// ---- From a technician. --------------------------------------------------

// The hidden gesture (config/ui: where and how long to press). Honoured only
// while nobody is being served, so it never opens over a citizen's details.
struct TechnicianGesture {};
// The whole PIN as typed so far; the screen shows only how many digits.
struct TechnicianPinEdited {
    std::string pin;
};
// One of the calibration menu's procedures touched.
struct ProcedureChosen {
    std::string procedure;
};

// ---- From the machine: the runtime turns device news into these. --------

// Sent by the runtime a few times a second; drives timeouts, the hold before
// auto-capture and the countdown. The session never reads a clock itself.
struct Tick {
    SteadyClock::time_point now;
};

// The newest live judgement of the camera frame taken at `frame_time`.
struct LiveAssessment {
    std::shared_ptr<const vision::Assessment> assessment;
    SteadyClock::time_point frame_time;
    std::uint64_t frame_sequence = 0;
};

// The still was taken, judged and rendered to the document's file.
struct PhotoReady {
    std::shared_ptr<const AcceptedPhoto> photo;
};
// The still could not be used: it failed a check (advice says what to fix)
// or the camera did not deliver.
struct PhotoRejected {
    std::string advice_key; // "advice.<...>" catalog key for the citizen
    std::string detail;     // technical, for the log (never personal data)
};

// What the review centre says about the receipt number entered for a retake
// (the answer to CheckRejectedReceipt).
enum class ReceiptCheck {
    Rejected,    // the photo was rejected: a retake is what the receipt needs
    Pending,     // still waiting for a reviewer
    Approved,    // accepted: nothing to retake
    Unknown,     // the service holds no photo under the number
    Unreachable, // the service could not be asked
};
struct ReceiptChecked {
    std::string receipt_number;
    ReceiptCheck outcome = ReceiptCheck::Unreachable;
};

// The submission is durably in the outbox under this receipt number.
struct SubmissionQueued {
    std::string receipt_number;
    std::string status_url; // what the slip's QR code encodes
};
// The review centre acknowledged it.
struct SubmissionAcknowledged {
    std::string receipt_number;
};
// The upload did not get through this time; the outbox keeps retrying.
struct SubmissionDelayed {
    std::string reason; // technical, for the log
};

// The answer to CheckTechnicianPin.
enum class PinVerdict {
    Accepted,
    Wrong,
    Locked,       // refused without looking: too many wrong PINs before
    Unavailable,  // this kiosk has no technician entry set up (no PINs, no calibration state)
};
struct TechnicianPinChecked {
    PinVerdict verdict = PinVerdict::Wrong;
    std::string technician;                 // Accepted: whose PIN it was
    int tries_left = 0;                     // Wrong: before entry locks
    std::chrono::seconds locked_for{0};     // Locked, or the Wrong try that locked it
};
// The active calibration profile as the technician's menu names it.
struct ProfileSummary {
    std::string id;
    int version = 0;
    std::string technician;            // who made it
    std::string created_local;         // "2026-11-25 21:30", the kiosk's local time
    bool can_roll_back = false;        // a readable previous profile exists
};
// Reports of calibration procedures: the active profile's (the answer to
// LoadCalibrationReports and RollbackCalibration) or a run's (the answer to
// RunCalibration), with the profile active afterwards.
struct CalibrationReports {
    std::vector<calibration::ProcedureReport> reports;
    std::optional<ProfileSummary> profile;   // empty: this kiosk was never calibrated
};
// Where the running procedure has got to, for the menu's progress line.
struct CalibrationProgress {
    calibration::ProcedureProgress progress;
};
// What the active calibration profile measured of the booth, in the servos'
// own terms: sent at start-up and after every saved procedure or rollback.
// The session's seat and light servos start from it from the next visit on;
// a part left empty keeps config/session.json's figure.
struct BoothCalibrated {
    std::optional<lightseat::LightLevels> lights;     // the balanced key and background levels
    std::optional<lightseat::SeatTravel> seat_travel; // the measured end stops
    std::optional<double> seat_mm_per_frame_height;   // from the measured eye-line map
};

struct ReceiptPrinted {
    std::string receipt_number;
};
struct ReceiptNotPrinted {
    std::string receipt_number;
    std::string reason_key; // catalog key, e.g. "printer.out_of_paper"
};

enum class Device { Camera, Printer, Controller };

std::string_view to_string(Device device);

struct DeviceChanged {
    Device device;
    bool usable = false;
    std::string reason_key; // catalog key for the out-of-service screen; empty when usable
};

struct SeatChanged {
    std::uint16_t position_mm = 0;
    bool moving = false;
};
struct OccupancyChanged {
    bool occupied = false;
};

using Event = std::variant<ActionTouched, DocumentChosen, FieldEdited, FieldFocused, Tick, LiveAssessment,
                           PhotoReady, PhotoRejected, ReceiptChecked, SubmissionQueued, SubmissionAcknowledged,
                           SubmissionDelayed, ReceiptPrinted, ReceiptNotPrinted, DeviceChanged, SeatChanged,
                           OccupancyChanged, TechnicianGesture, TechnicianPinEdited, ProcedureChosen,
                           TechnicianPinChecked, CalibrationReports, CalibrationProgress, BoothCalibrated>;

} // namespace kiosk::session
