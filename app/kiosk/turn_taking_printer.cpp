#include "kiosk/turn_taking_printer.h"

namespace kiosk::runtime {

printer::PrinterStatus TurnTakingPrinter::status()
{
    std::lock_guard lock(turn_);
    return printer_.status();
}

printer::PrintResult TurnTakingPrinter::print(const printer::PrintRequest& request)
{
    std::lock_guard lock(turn_);
    return printer_.print(request);
}

printer::JobState TurnTakingPrinter::job_state(int job_id)
{
    std::lock_guard lock(turn_);
    return printer_.job_state(job_id);
}

std::optional<int> TurnTakingPrinter::find_job(const std::string& title)
{
    std::lock_guard lock(turn_);
    return printer_.find_job(title);
}

} // namespace kiosk::runtime
