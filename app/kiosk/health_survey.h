#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "kiosk/kiosk_health.h"
#include "kiosk/receipt_printing.h"
#include "kiosk/technician_desk.h"
#include "session/events.h"
#include "upload/outbox.h"

namespace kiosk::runtime {

// Looks at the parts that do not report by themselves (the printer, the
// outbox, the state folder's disk) every poll interval and tells
// KioskHealth. The timer runs on the io_context; the looking runs on a
// thread of its own, because a CUPS status request or an SQLite query may
// block and the session must never wait for them. A printer that changed is
// also news for the session (a new visit waits for a working printer).
class HealthSurvey {
public:
    using PrinterNews = std::function<void(session::DeviceChanged)>;

    // `technician`: where the active calibration profile's age comes from;
    // null on a kiosk without technician entry.
    HealthSurvey(boost::asio::io_context& io, KioskHealth& health, ReceiptPrinting& printing, upload::Outbox& outbox,
                 const TechnicianDesk* technician, std::filesystem::path state_dir, PrinterNews printer_news);
    ~HealthSurvey();
    HealthSurvey(const HealthSurvey&) = delete;
    HealthSurvey& operator=(const HealthSurvey&) = delete;

    // The first look now, then one every poll interval.
    void start();
    // Waits for a look under way; no new one starts.
    void stop();

private:
    void look();
    void schedule();

    boost::asio::io_context& io_;
    KioskHealth& health_;
    ReceiptPrinting& printing_;
    upload::Outbox& outbox_;
    const TechnicianDesk* technician_;
    std::filesystem::path state_dir_;
    PrinterNews printer_news_;
    boost::asio::steady_timer timer_;
    boost::asio::thread_pool looker_{1};
    std::atomic<bool> stopped_{false};
    std::optional<printer::Problem> last_printer_;   // the looker's thread only
    std::string last_calibration_problem_;           // the looker's thread only: said once, not every look
};

} // namespace kiosk::runtime
