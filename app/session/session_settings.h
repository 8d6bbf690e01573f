#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "session/applicant.h"
#include "session/light_servo.h"
#include "session/seat_servo.h"
#include "session/step.h"

namespace kiosk::session {

// One detail a document's application asks for.
struct FieldRule {
    Field field;
    bool optional = false;
};

// Limits on what the citizen types.
struct ApplicantLimits {
    int name_max_chars = 0;       // characters (code points), not bytes
    int max_input_bytes = 0;      // longer edits are refused whatever the field
};

struct CaptureSettings {
    std::chrono::milliseconds hold{0};            // every check passing this long starts the countdown
    int countdown_from = 0;                       // 3: "3, 2, 1"
    std::chrono::milliseconds countdown_step{0};  // time each number stays on screen
    std::chrono::milliseconds still_timeout{0};   // CaptureStill unanswered this long: try again
    int retake_limit = 0;
};

struct HandOverSettings {
    // Without an acknowledgement from the review centre this long after the
    // outbox took the photo, the receipt prints anyway: the outbox keeps sending.
    std::chrono::milliseconds acknowledgement_wait{0};
    // The outbox must confirm it holds the photo within this time.
    std::chrono::milliseconds queue_timeout{0};
    std::chrono::milliseconds print_timeout{0};
};

struct IdleSettings {
    // Steps that end the visit when the citizen does nothing this long; steps
    // not listed wait on the machine, not on the citizen.
    std::map<Step, std::chrono::milliseconds> timeout;
    std::chrono::milliseconds warning{0};          // the warning shows this long before
    std::chrono::milliseconds done_return{0};      // the done screen goes back to attract
    std::chrono::milliseconds person_left{0};      // the seat empty this long ends the visit
};

// config/session.json (and the seat's end stops from config/lightseat/controller.json).
// The technician's side of the screen.
struct TechnicianSettings {
    std::size_t max_pin_digits = 12;          // longer input is not kept
    std::vector<std::string> procedures;      // the calibration menu, in order
};

struct SessionSettings {
    std::vector<std::string> locales;              // the first is where every visit starts
    std::map<std::string, std::vector<FieldRule>> fields; // by spec id; "default" for the others
    ApplicantLimits applicant;
    IdleSettings idle;
    CaptureSettings capture;
    HandOverSettings hand_over;
    // Check ids, most important first: the one instruction shown is the advice
    // of the first check here that fails or cannot be judged.
    std::vector<std::string> guidance_priority;
    // Where the face guide sits (normalised) until a face is found.
    cv::Rect2f default_guide;
    SeatServoSettings seat;
    LightServoSettings lights;
    TechnicianSettings technician;

    // The details asked for `spec_id`.
    const std::vector<FieldRule>& fields_for(const std::string& spec_id) const;

    // Throws ConfigError naming the file and the field.
    static SessionSettings load(const std::filesystem::path& config_dir);
};

} // namespace kiosk::session
