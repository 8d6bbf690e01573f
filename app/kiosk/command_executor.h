#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "kiosk/receipt_printing.h"
#include "kiosk/still_capture.h"
#include "kiosk/submission_desk.h"
#include "kiosk/technician_desk.h"
#include "kiosk/vision_worker.h"
#include "lightseat/lightseat_controller.h"
#include "session/commands.h"
#include "spec/document_spec.h"

namespace kiosk::runtime {

// Carries out what the session decides. Called on the io thread (the
// session's); anything that blocks (the still, the outbox's fsync, a print
// job) goes to one blocking worker thread and its answer comes back as an
// event. The only copies of a citizen's photo and details the runtime keeps
// are here, and ForgetCitizen drops them.
class CommandExecutor {
public:
    using EventSink = std::function<void(session::Event)>;

    struct Parts {
        std::map<std::string, spec::DocumentSpec> specs;   // by id
        VisionWorker& vision;
        StillCapture& still;
        lightseat::LightSeatController* controller;        // null: no seat or light help
        SubmissionDesk& submissions;
        ReceiptPrinting& printing;
        std::function<std::string(const std::string&)> status_url;   // receipt number -> its public status page
        std::chrono::milliseconds upload_poll;
        TechnicianDesk* technician = nullptr;              // null: no technician entry on this kiosk
    };

    CommandExecutor(boost::asio::io_context& io, Parts parts, EventSink post);
    ~CommandExecutor();

    void execute(const session::Command& command);

    // Asks the board where the seat is (once it is ready): the seat servo
    // starts from the position, and the board only reports it after a move.
    void read_seat_position();

    // Waits for the blocking work under way (at shutdown).
    void drain();

    // Where the newest slip went when the printer writes files (the demo says so).
    std::optional<std::filesystem::path> last_printed_file() const;

private:
    void run(const session::UseSpec& command);
    void run(const session::CaptureStill& command);
    void run(const session::MoveSeat& command);
    void run(const session::SetLights& command);
    void run(const session::CheckRejectedReceipt& command);
    void run(const session::SubmitApplication& command);
    void run(const session::PrintReceipt& command);
    void run(const session::ForgetCitizen& command);
    void run(const session::CheckTechnicianPin& command);
    void run(const session::LoadCalibrationReports& command);
    void run(const session::RunCalibration& command);
    void run(const session::RollbackCalibration& command);
    void run(const session::CancelCalibration& command);

    const spec::DocumentSpec* find_spec(const std::string& id) const;
    void watch_upload(std::string receipt_number, bool delay_reported);

    boost::asio::io_context& io_;
    Parts parts_;
    EventSink post_;
    boost::asio::thread_pool blocking_{1};
    boost::asio::steady_timer upload_timer_;

    // The visit's photo, kept from submission to the printed slip.
    std::shared_ptr<const session::AcceptedPhoto> photo_;
    // Whether that photo was sent again under a rejected receipt's number:
    // its slip then replaces the one the kiosk printed for the rejected photo.
    bool resubmission_ = false;
    std::optional<std::string> watched_receipt_;
    mutable std::mutex printed_mutex_;
    std::optional<std::filesystem::path> last_printed_file_;
};

} // namespace kiosk::runtime
