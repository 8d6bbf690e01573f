#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/session_loop.h"
#include "lightseat/simulated_lightseat_controller.h"
#include "session/applicant.h"

namespace kiosk::runtime {

// config/kiosk/walk-up-citizen.json.
struct WalkupCitizen {
    std::string document;
    session::Applicant details;
    std::chrono::milliseconds look{0};   // at the review photo, and at the done screen
    std::chrono::seconds time_limit{60};
    // Set: the citizen comes back to retake the photo of this receipt, which
    // the review centre rejected, and types its number.
    std::optional<std::string> rejected_receipt;

    static WalkupCitizen load(const std::filesystem::path& config_dir);
};

struct StepTime {
    session::Step step;
    std::chrono::steady_clock::duration duration;
};

struct WalkupReport {
    std::vector<StepTime> steps;                     // from the first touch, in order
    std::chrono::steady_clock::duration total{};     // first touch to the done screen
    std::chrono::steady_clock::duration posing{};    // seat-and-pose until every check first passed
    std::chrono::steady_clock::duration countdown{};
    std::chrono::steady_clock::duration looking{};   // the citizen looking at the review photo
    // total - posing - countdown - looking: what the machine itself took
    // (forms are typed instantly by the script).
    std::chrono::steady_clock::duration machine() const { return total - posing - countdown - looking; }
    std::string receipt_number;
    bool receipt_printed = false;
};

// A citizen played by the program: reads the screen (the published
// ViewModel) and answers it as a person would, through the same events the
// touch screen posts: Start, the document, the details, sitting down on the
// (simulated) seat, holding still while the replay camera's subject settles,
// Accept. Runs on the caller's thread.
class WalkupScript {
public:
    WalkupScript(SessionLoop& loop, lightseat::SimulatedLightSeatController* seat, WalkupCitizen citizen);

    // Throws std::runtime_error naming the step it was stuck in (and the
    // instruction on screen) when the visit does not reach Done in time.
    WalkupReport run();

private:
    void answer(const session::ViewModel& view);
    void sit(bool occupied);

    SessionLoop& loop_;
    lightseat::SimulatedLightSeatController* seat_;
    WalkupCitizen citizen_;
    bool details_typed_ = false;
};

} // namespace kiosk::runtime
