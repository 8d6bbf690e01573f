#include "receipt/receipt_issuer.h"

#include <filesystem>

namespace kiosk::receipt {
namespace {

std::filesystem::path counter_file(const KioskIdentity& kiosk)
{
    std::filesystem::create_directories(kiosk.state_dir);
    return kiosk.state_dir / "receipt-sequence.json";
}

} // namespace

ReceiptIssuer::ReceiptIssuer(const KioskIdentity& kiosk) : kiosk_id_(kiosk.kiosk_id), counter_(counter_file(kiosk)) {}

ReceiptNumber ReceiptIssuer::next(std::chrono::year_month_day today)
{
    return ReceiptNumber::issue(kiosk_id_, today, counter_.next(today));
}

} // namespace kiosk::receipt
