#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/session_loop.h"
#include "session/preview_feed.h"

namespace kiosk::lightseat {
class SimulatedLightSeatController;
}

namespace kiosk::runtime {

// What the command line may change about a config/kiosk profile.
struct RuntimeOptions {
    std::string profile = "kiosk";                         // config/kiosk/<profile>.json
    std::optional<std::filesystem::path> state_dir;
    std::optional<std::filesystem::path> upload_config;    // a review service that knows this kiosk
    std::optional<std::string> printer;                    // config/printer/<name>.json
    // A printer config outside config/, in a folder named printer/ like
    // config's own (a test's temporary CUPS queue).
    std::optional<std::filesystem::path> printer_file;
    std::optional<std::filesystem::path> faces_dir;        // the replay camera's photo set
    // A health config outside config/ (its own port and token file), e.g.
    // one of several kiosks a test runs side by side.
    std::optional<std::filesystem::path> health_config;
};

// The kiosk's machine room: the camera and its thread, the vision worker,
// the io_context thread that runs the session, its timers and the upload
// watch, the blocking worker for stills, outbox writes and print jobs, the
// light/seat controller, the outbox's upload worker. Built from config; the
// screen (or a script) reads view() and posts events.
class Runtime {
public:
    // Loads every config and opens every device backend; devices that are
    // missing are states reported to the session, not errors here. Throws
    // ConfigError or InputError for a config or footage that cannot work.
    explicit Runtime(const RuntimeOptions& options);
    ~Runtime();
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    void start();
    // Stops every thread, waiting for a still, an outbox write or a print
    // job under way. Safe to call twice.
    void stop();

    SessionLoop& session();
    const session::PreviewFeed& preview() const;

    // The in-process board when the profile simulates one (the walk-up
    // script sits down on it); null with real hardware.
    lightseat::SimulatedLightSeatController* simulated_controller();

    const std::filesystem::path& state_dir() const;
    // Where the newest slip was written, when the printer writes files.
    std::optional<std::filesystem::path> last_printed_file() const;
    // One line for the operator: where submissions go.
    std::string upload_description() const;
    // One line for the operator: where the health endpoint listens and where its token is.
    std::string health_description() const;

private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

} // namespace kiosk::runtime
