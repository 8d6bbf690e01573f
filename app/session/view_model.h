#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "session/applicant.h"
#include "session/events.h"
#include "session/step.h"

namespace kiosk::session {

// Everything kiosk-ui needs to draw the current screen, and nothing it would
// have to work out itself: the UI looks words up in the catalog of `locale`,
// lays out, draws, and turns touches back into events. A new ViewModel is
// published (shared_ptr<const>) after every event the session handles.

// A catalog key and the values for its {placeholders}.
struct Text {
    std::string key;
    std::map<std::string, std::string> args;
};

struct Button {
    Action action;
    Text label;
    bool primary = false; // the one the citizen most likely wants: drawn largest
    bool enabled = true;
};

// One document on the choose-document screen.
struct DocumentCard {
    std::string spec_id;
    Text name;                    // e.g. "出入境证件" / "Exit-entry documents"
    Text purpose;                 // what it is for: passport, HK/Macau permit...
    int width_px = 0, height_px = 0; // the document photo's size, for a proportional sample frame
    cv::Scalar background_bgr;    // the colour the photo's background will be
};

enum class Keyboard { Digits, IdNumber /* digits and X */, Latin, Pinyin };

struct FormField {
    Field field;
    Text label;
    std::string value;        // as typed; shown on screen, never logged
    Keyboard keyboard = Keyboard::Digits;
    bool optional = false;
    bool valid = false;
    std::optional<Text> error; // why the value is not accepted yet (shown once the field is left)
};

// What to draw over the live, mirrored preview.
struct PoseGuide {
    // Where the face should be, in preview coordinates normalised to 0..1
    // (already mirrored, as the citizen sees it).
    cv::Rect2f target;
    // Where the face is now, when one is found (normalised, mirrored).
    std::optional<cv::Rect2f> face;
    // One instruction at a time, the most important first; none when all is well.
    std::optional<Text> instruction;
    bool all_checks_pass = false;
    // 0..1 of the hold time before auto-capture has elapsed.
    double hold_progress = 0;
    // Timestamp of the camera frame this guidance was computed from, for the
    // frame-to-guidance latency measurement.
    SteadyClock::time_point frame_time;
    std::uint64_t frame_sequence = 0;
};

// One line of the technician's calibration menu.
struct ProcedureRow {
    std::string procedure;                    // "background_plate", ...
    Text name;                                // "calibration.procedure.<procedure>"
    std::optional<calibration::ProcedureReport> last;
    bool running = false;
    std::optional<calibration::ProcedureProgress> progress; // while running, once the procedure reports any
};

struct ViewModel {
    Step step = Step::Attract;
    std::string locale = "zh-CN";
    Text title;
    std::optional<Text> subtitle;
    std::vector<Button> buttons;

    std::vector<DocumentCard> documents;     // ChooseDocument
    std::vector<FormField> fields;           // ApplicantDetails, EnterReceiptNumber
    std::optional<Field> focused_field;

    bool show_preview = false;               // SeatAndPose, Countdown: draw the live frame, mirrored
    std::optional<PoseGuide> guide;
    int countdown = 0;                       // Countdown: the number on screen

    std::shared_ptr<const AcceptedPhoto> review_photo; // Review: drawn as is, never mirrored
    int retakes_left = 0;

    std::optional<double> progress;          // Uploading, Printing: 0..1 when known

    std::string receipt_number;              // Done
    std::string receipt_qr_text;             // Done: shown as a QR code when the slip did not print
    bool receipt_printed = false;

    std::optional<std::size_t> pin_digits;   // TechnicianPin: how many digits typed (drawn as dots)
    std::vector<ProcedureRow> procedures;    // TechnicianMenu
    std::optional<ProfileSummary> profile;   // TechnicianMenu: the active calibration profile, if any

    std::optional<Text> notice;              // e.g. out-of-service reason, "upload will continue"
    // Seconds before the screen gives up on an idle citizen, when close
    // enough to warn; empty otherwise.
    std::optional<int> idle_warning_seconds;
};

} // namespace kiosk::session
