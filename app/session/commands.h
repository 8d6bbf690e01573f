#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "lightseat/messages.h"
#include "session/applicant.h"

namespace kiosk::session {

// What the session asks the machine to do. The session only decides; the
// runtime carries these out and answers with events (events.h).

// Judge live frames against this document's spec from now on (and forget the
// tracked face of the previous citizen).
struct UseSpec {
    std::string spec_id;
};
// Take the still, judge it, cut and encode the document photo: answered by
// PhotoReady or PhotoRejected.
struct CaptureStill {
    std::string spec_id;
};
struct MoveSeat {
    std::uint16_t target_mm = 0;
};
struct SetLights {
    lightseat::LightLevels levels;
};
// Ask the review centre whether this receipt (canonical form) was rejected,
// the only kind a retake may keep: answered by ReceiptChecked.
struct CheckRejectedReceipt {
    std::string receipt_number;
};
// Issue a receipt number (or keep the given one, for a retake of a rejected
// receipt), put the photo and details in the outbox: answered by
// SubmissionQueued, then SubmissionAcknowledged or SubmissionDelayed.
struct SubmitApplication {
    std::shared_ptr<const AcceptedPhoto> photo;
    Applicant applicant;
    std::optional<std::string> resubmitted_receipt;
};
// Answered by ReceiptPrinted or ReceiptNotPrinted.
struct PrintReceipt {
    std::string receipt_number;
};
// Check a technician's PIN (Argon2id against every technician's hash: keep
// it off the session's thread): answered by TechnicianPinChecked. The
// session forgets the PIN once this is sent.
struct CheckTechnicianPin {
    std::string pin;
};
// The active calibration profile's reports, for the menu: answered by CalibrationReports.
struct LoadCalibrationReports {};
// Run one calibration procedure for this technician: answered by
// CalibrationReports with its report.
struct RunCalibration {
    std::string procedure;
    std::string technician;
};
// Make the previous calibration profile the active one again (the active one
// becoming the previous): answered by CalibrationReports and BoothCalibrated.
struct RollbackCalibration {
    std::string technician;
};
// Stop the running procedure: it answers with its report (an error, "stopped")
// and the active profile stays as it was.
struct CancelCalibration {};
// The visit is over: drop every copy of the citizen's photo and details that
// the runtime holds (stills, encoded files, the preview of the review screen).
struct ForgetCitizen {};

using Command = std::variant<UseSpec, CaptureStill, MoveSeat, SetLights, CheckRejectedReceipt, SubmitApplication,
                             PrintReceipt, ForgetCitizen, CheckTechnicianPin, LoadCalibrationReports, RunCalibration,
                             RollbackCalibration, CancelCalibration>;

} // namespace kiosk::session
