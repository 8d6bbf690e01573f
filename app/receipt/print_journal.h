#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "receipt/receipt_number.h"
#include "receipt/slip_renderer.h"

namespace kiosk::receipt {

// Where a slip is in its life. Written to disk at every step, so after a
// crash the kiosk knows whether a job may already be in the printer.
enum class SlipState {
    Rendered,     // stored, never sent
    Submitting,   // about to be sent: a job may or may not exist
    Submitted,    // the printer accepted job `job_id`; its end is not known
    Printed,      // the job completed
    NotPrinted,   // refused, failed or cancelled: nothing is in the printer
};

const char* to_string(SlipState state);

struct JournalEntry {
    std::string number;
    SlipState state = SlipState::Rendered;
    int job_id = 0;
    int prints = 0;                 // completed prints, reprints included
    std::string problem;            // last printer problem, "none" when printed
    double width_mm = 0;
    double length_mm = 0;
    std::int64_t created_ms = 0;    // ordering: newest first in latest()
    std::int64_t updated_ms = 0;

    bool in_doubt() const { return state == SlipState::Submitting || state == SlipState::Submitted; }
};

// The kiosk's record of the slips it printed recently: for each receipt a
// small JSON entry and the slip PDF, in one private folder. Only the newest
// `keep` slips are kept (they hold a citizen's photo); older ones are deleted
// as new ones arrive, except a slip whose job is in doubt.
class PrintJournal {
public:
    // Creates the folder (mode 0700) when missing.
    PrintJournal(std::filesystem::path dir, int keep);

    // Stores a new slip as Rendered. Throws InputError when the number is
    // already in the journal.
    void add(const ReceiptNumber& number, const SlipPdf& slip);

    // Stores a resubmission's slip as Rendered in place of the number's
    // settled entry (as a new entry when none is kept): the old slip PDF is
    // overwritten, since it holds the rejected photo. Throws InputError while
    // the entry is in doubt: its job may still print the old slip.
    void replace(const ReceiptNumber& number, const SlipPdf& slip);

    std::optional<JournalEntry> find(const ReceiptNumber& number) const;
    std::string pdf(const ReceiptNumber& number) const;   // throws InputError when gone

    // Every entry change is flushed to disk before it returns.
    void update(const JournalEntry& entry);

    // The newest `n` entries, newest first.
    std::vector<JournalEntry> latest(std::size_t n) const;
    std::vector<JournalEntry> in_doubt() const;

private:
    std::vector<JournalEntry> all() const;
    void prune();
    void store(const ReceiptNumber& number, const SlipPdf& slip);
    std::filesystem::path entry_file(const std::string& number) const;
    std::filesystem::path pdf_file(const std::string& number) const;

    std::filesystem::path dir_;
    int keep_;
};

} // namespace kiosk::receipt
