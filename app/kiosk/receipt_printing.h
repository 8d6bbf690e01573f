#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "kiosk/turn_taking_printer.h"
#include "printer/printer.h"
#include "receipt/print_journal.h"
#include "receipt/receipt_config.h"
#include "receipt/slip_renderer.h"
#include "session/applicant.h"
#include "session/events.h"
#include "spec/document_spec.h"

namespace kiosk::runtime {

// The PrintReceipt command: lays out the slip with the accepted photo and
// prints it through the journal, so a slip never comes out twice. Blocks for
// the print job (CUPS follows it to the end), so it runs on the runtime's
// blocking worker.
class ReceiptPrinting {
public:
    ReceiptPrinting(std::unique_ptr<printer::Printer> printer, receipt::PrintJournal journal, int copies,
                    receipt::SlipRenderer renderer, double photo_aspect_tolerance, receipt::KioskIdentity kiosk,
                    receipt::CityTable cities);

    // ReceiptPrinted or ReceiptNotPrinted (reason_key names the printer's
    // problem for the done screen). Never throws.
    session::Event print(const std::string& receipt_number, const session::AcceptedPhoto& photo,
                         const spec::DocumentSpec& spec);
    // The same for a retake's photo sent again under a rejected receipt's
    // number: its slip replaces the one printed for the rejected photo.
    session::Event print_resubmission(const std::string& receipt_number, const session::AcceptedPhoto& photo,
                                      const spec::DocumentSpec& spec);

    // Whether the printer can take a slip now: DeviceChanged for the printer.
    session::DeviceChanged check();
    // The printer's most serious problem now (Unreachable when it cannot be
    // asked). The health survey calls this from its own thread while a job
    // may be printing: the two take turns on the printer.
    printer::Problem problem();

    // Where the file printer wrote the newest slip for this number; empty for CUPS.
    std::optional<std::filesystem::path> printed_file(const std::string& receipt_number) const;

    // The same printer for the technician's test slip, taking turns with the
    // slips and the status polls.
    printer::Printer& shared_printer() { return shared_; }

    // The folder the file printer writes into, when it is one.
    void set_file_folder(std::filesystem::path folder) { file_folder_ = std::move(folder); }

private:
    enum class SlipFor { NewApplication, Resubmission };
    session::Event print_slip(SlipFor purpose, const std::string& receipt_number,
                              const session::AcceptedPhoto& photo, const spec::DocumentSpec& spec);

    std::mutex printer_mutex_;   // a Printer serves one thread at a time
    std::unique_ptr<printer::Printer> printer_;
    TurnTakingPrinter shared_{*printer_, printer_mutex_};
    receipt::PrintJournal journal_;
    int copies_;
    receipt::SlipRenderer renderer_;
    double photo_aspect_tolerance_;
    receipt::KioskIdentity kiosk_;
    receipt::CityTable cities_;
    std::optional<std::filesystem::path> file_folder_;
};

// The catalog key that tells the citizen why no slip came out.
std::string printer_problem_key(printer::Problem problem);

} // namespace kiosk::runtime
