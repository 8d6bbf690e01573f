#include "kiosk/command_executor.h"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

namespace kiosk::runtime {

CommandExecutor::CommandExecutor(boost::asio::io_context& io, Parts parts, EventSink post)
    : io_(io), parts_(std::move(parts)), post_(std::move(post)), upload_timer_(io)
{
}

CommandExecutor::~CommandExecutor()
{
    drain();
}

void CommandExecutor::drain()
{
    blocking_.join();
}

void CommandExecutor::read_seat_position()
{
    if (!parts_.controller)
        return;
    boost::asio::post(blocking_, [this] {
        const auto status = parts_.controller->read_status().get();
        if (!status)
            return;
        post_(session::SeatChanged{status->seat_mm, status->motion != lightseat::SeatMotion::Idle});
        // A board that powered up (or lost its position in a stall) refuses
        // every seat move until it is homed; homing now, while nobody is
        // being served, keeps the seat servo working. SeatHomed follows.
        if (status->motion == lightseat::SeatMotion::NotHomed) {
            const auto outcome = parts_.controller->home_seat().get();
            if (outcome != lightseat::CommandOutcome::Done)
                spdlog::warn("runtime: homing the seat: {}", lightseat::to_string(outcome));
        }
    });
}

void CommandExecutor::execute(const session::Command& command)
{
    std::visit([this](const auto& c) { run(c); }, command);
}

const spec::DocumentSpec* CommandExecutor::find_spec(const std::string& id) const
{
    const auto it = parts_.specs.find(id);
    if (it == parts_.specs.end()) {
        spdlog::error("runtime: the session asked for unknown spec {}", id);
        return nullptr;
    }
    return &it->second;
}

void CommandExecutor::run(const session::UseSpec& command)
{
    if (const auto* spec = find_spec(command.spec_id))
        parts_.vision.use_spec(*spec);
}

void CommandExecutor::run(const session::CaptureStill& command)
{
    const auto* spec = find_spec(command.spec_id);
    if (!spec) {
        post_(session::PhotoRejected{"advice.hold_still", "unknown spec " + command.spec_id});
        return;
    }
    boost::asio::post(blocking_, [this, spec] { post_(parts_.still.capture(*spec)); });
}

void CommandExecutor::run(const session::MoveSeat& command)
{
    if (!parts_.controller)
        return;
    // The outcome is not awaited: SeatReached (or its absence) is the answer
    // that matters, and a refused move is logged by the driver.
    parts_.controller->move_seat(command.target_mm);
    post_(session::SeatChanged{command.target_mm, true});
}

void CommandExecutor::run(const session::SetLights& command)
{
    if (parts_.controller)
        parts_.controller->set_lights(command.levels);
}

void CommandExecutor::run(const session::CheckRejectedReceipt& command)
{
    boost::asio::post(blocking_, [this, number = command.receipt_number] { post_(parts_.submissions.check_receipt(number)); });
}

void CommandExecutor::run(const session::SubmitApplication& command)
{
    photo_ = command.photo;
    resubmission_ = command.resubmitted_receipt.has_value();
    boost::asio::post(blocking_, [this, command] {
        std::string number;
        try {
            number = parts_.submissions.submit(command);
        } catch (const std::exception& e) {
            // Nothing was queued: no SubmissionQueued, so the session gives
            // up by its own timeout and no receipt is printed for a photo the
            // kiosk does not hold.
            spdlog::error("runtime: the outbox did not take the submission: {}", e.what());
            return;
        }
        post_(session::SubmissionQueued{number, parts_.status_url(number)});
        boost::asio::post(io_, [this, number] {
            watched_receipt_ = number;
            watch_upload(number, false);
        });
    });
}

void CommandExecutor::watch_upload(std::string receipt_number, bool delay_reported)
{
    if (watched_receipt_ != receipt_number)
        return;   // the visit ended or moved on
    std::optional<upload::SubmissionProgress> progress;
    try {
        progress = parts_.submissions.progress(receipt_number);
    } catch (const std::exception& e) {
        spdlog::warn("runtime: outbox progress of {}: {}", receipt_number, e.what());
    }
    if (progress && progress->acknowledged) {
        post_(session::SubmissionAcknowledged{receipt_number});
        watched_receipt_.reset();
        return;
    }
    if (progress && progress->failures > 0 && !delay_reported) {
        post_(session::SubmissionDelayed{progress->last_error});
        delay_reported = true;
    }
    upload_timer_.expires_after(parts_.upload_poll);
    upload_timer_.async_wait([this, receipt_number, delay_reported](const boost::system::error_code& error) {
        if (!error)
            watch_upload(receipt_number, delay_reported);
    });
}

void CommandExecutor::run(const session::PrintReceipt& command)
{
    if (!photo_) {
        post_(session::ReceiptNotPrinted{command.receipt_number, "device.printer_unavailable"});
        spdlog::error("runtime: no accepted photo to print receipt {}", command.receipt_number);
        return;
    }
    const auto* spec = find_spec(photo_->spec_id);
    if (!spec) {
        post_(session::ReceiptNotPrinted{command.receipt_number, "device.printer_unavailable"});
        return;
    }
    boost::asio::post(blocking_, [this, photo = photo_, spec, number = command.receipt_number,
                                  resubmission = resubmission_] {
        auto outcome = resubmission ? parts_.printing.print_resubmission(number, *photo, *spec)
                                    : parts_.printing.print(number, *photo, *spec);
        if (auto file = parts_.printing.printed_file(number)) {
            std::lock_guard lock(printed_mutex_);
            last_printed_file_ = std::move(file);
        }
        post_(std::move(outcome));
    });
}

void CommandExecutor::run(const session::ForgetCitizen&)
{
    photo_.reset();
    resubmission_ = false;
    watched_receipt_.reset();
    upload_timer_.cancel();
    parts_.vision.forget();
}

std::optional<std::filesystem::path> CommandExecutor::last_printed_file() const
{
    std::lock_guard lock(printed_mutex_);
    return last_printed_file_;
}

void CommandExecutor::run(const session::CheckTechnicianPin& command)
{
    if (!parts_.technician) {
        post_(session::TechnicianPinChecked{session::PinVerdict::Unavailable, "", 0, {}});
        return;
    }
    boost::asio::post(blocking_, [this, pin = command.pin] { post_(parts_.technician->check_pin(pin)); });
}

void CommandExecutor::run(const session::LoadCalibrationReports&)
{
    if (parts_.technician)
        boost::asio::post(blocking_, [this] { post_(parts_.technician->active_reports()); });
}

void CommandExecutor::run(const session::RunCalibration& command)
{
    if (!parts_.technician)
        return;
    // The token is taken here, in the order the session sends its commands,
    // so that a stop sent while the run still waits for the worker stops it.
    boost::asio::post(blocking_, [this, command, cancel = parts_.technician->next_run()] {
        post_(parts_.technician->run(command.procedure, command.technician, cancel));
    });
}

void CommandExecutor::run(const session::RollbackCalibration& command)
{
    if (parts_.technician)
        boost::asio::post(blocking_, [this, command] { post_(parts_.technician->rollback(command.technician)); });
}

void CommandExecutor::run(const session::CancelCalibration&)
{
    // Not on the blocking worker: the procedure to stop is what keeps it busy.
    if (parts_.technician)
        parts_.technician->cancel();
}

} // namespace kiosk::runtime
