#pragma once

#include <string_view>

namespace kiosk::session {

// The screens of one citizen's visit, in the order they usually come.
enum class Step {
    OutOfService,       // camera (or printer, at the start of a visit) missing: nothing can be served
    Attract,            // nobody there: what the machine does, "touch to start"
    ChooseDocument,     // which document the photo is for (one spec each)
    EnterReceiptNumber, // a retake for a rejected receipt: its number, typed or scanned
    ApplicantDetails,   // name, ID number, phone, as the chosen document needs them
    SeatAndPose,        // live mirrored preview, one instruction at a time, seat and lights adjusting
    Countdown,          // every check has held for a moment: 3, 2, 1
    Capturing,          // the still is being taken and judged
    Review,             // the cropped document photo (not mirrored): accept or retake
    Uploading,          // handed to the outbox, progress of the upload to the review centre
    Printing,           // the receipt slip is printing
    Done,               // the receipt number (and a QR code when the slip could not print)
    // A technician's, never a citizen's: reached only from Attract or OutOfService.
    TechnicianPin,      // the PIN, typed on digits and shown masked
    TechnicianMenu,     // the calibration procedures with their last results
};

std::string_view to_string(Step step);

} // namespace kiosk::session
