#pragma once

#include <chrono>

#include "receipt/receipt_config.h"
#include "receipt/receipt_number.h"
#include "receipt/sequence_counter.h"

namespace kiosk::receipt {

// Issues this kiosk's next receipt number: its kiosk id, the given local
// date, and the day's next sequence from <state_dir>/receipt-sequence.json.
// Works offline; see RECEIPT_NUMBER.md for why the numbers are unique.
class ReceiptIssuer {
public:
    // Creates the state folder when missing.
    explicit ReceiptIssuer(const KioskIdentity& kiosk);

    ReceiptNumber next(std::chrono::year_month_day today);

private:
    std::string kiosk_id_;
    SequenceCounter counter_;
};

} // namespace kiosk::receipt
