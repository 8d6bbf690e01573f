#include "kiosk/health_survey.h"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

namespace kiosk::runtime {

HealthSurvey::HealthSurvey(boost::asio::io_context& io, KioskHealth& health, ReceiptPrinting& printing,
                           upload::Outbox& outbox, const TechnicianDesk* technician, std::filesystem::path state_dir,
                           PrinterNews printer_news)
    : io_(io), health_(health), printing_(printing), outbox_(outbox), technician_(technician),
      state_dir_(std::move(state_dir)),
      printer_news_(std::move(printer_news)), timer_(io)
{
}

HealthSurvey::~HealthSurvey()
{
    stop();
}

void HealthSurvey::start()
{
    stopped_ = false;
    boost::asio::post(looker_, [this] { look(); });
}

void HealthSurvey::stop()
{
    if (stopped_.exchange(true))
        return;
    boost::asio::post(io_, [this] { timer_.cancel(); });
    looker_.join();
}

void HealthSurvey::look()
{
    if (stopped_)
        return;
    const auto problem = printing_.problem();
    health_.printer(problem);
    if (problem != last_printer_) {
        last_printer_ = problem;
        const auto key = printer_problem_key(problem);
        printer_news_(session::DeviceChanged{session::Device::Printer, key.empty(), key});
    }
    try {
        health_.outbox(outbox_.status(upload::WallClock::now()));
    } catch (const std::exception& e) {
        spdlog::warn("health: outbox status: {}", e.what());
    }
    std::error_code error;
    const auto space = std::filesystem::space(state_dir_, error);
    if (error)
        spdlog::warn("health: free space of the state folder: {}", error.message());
    else
        health_.disk_free(space.available);
    if (technician_) {
        const auto lookup = technician_->active_profile();
        if (!lookup.problem.empty() && lookup.problem != last_calibration_problem_)
            spdlog::warn("health: calibration profile: {}", lookup.problem);
        last_calibration_problem_ = lookup.problem;
        health_.calibration_age(lookup.profile ? std::optional(lookup.age) : std::nullopt);
    }
    boost::asio::post(io_, [this] { schedule(); });
}

void HealthSurvey::schedule()
{
    if (stopped_)
        return;
    timer_.expires_after(health_.limits().poll_interval);
    timer_.async_wait([this](const boost::system::error_code& error) {
        if (!error && !stopped_)
            boost::asio::post(looker_, [this] { look(); });
    });
}

} // namespace kiosk::runtime
