// kioskctl printer: the technician's view of the receipt printer and the
// slips kept for reprint.
//   kioskctl printer status            state, reasons and what the kiosk would do
//   kioskctl printer list [--last N]   the newest kept slips and their state
//   kioskctl printer reprint NUMBER... or --last N
//   kioskctl printer recover           settle slips a crash left in flight
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "core/error.h"
#include "core/paths.h"
#include "printer/printer_config.h"
#include "receipt/receipt_config.h"
#include "receipt/receipt_printer.h"

namespace kiosk::ctl {
namespace {

struct PrinterOptions {
    std::string printer;        // config/printer/<name>.json; default from kiosk.json
    std::string journal;        // default <state_dir>/slips
    std::size_t last = 0;
    std::vector<std::string> numbers;
};

// Everything a printer subcommand works on, built from the options.
struct PrinterSetup {
    printer::PrinterConfig config;
    std::unique_ptr<printer::Printer> device;
    std::unique_ptr<receipt::PrintJournal> journal;
};

PrinterSetup set_up(const PrinterOptions& o)
{
    const auto config = config_dir();
    const auto kiosk = receipt::load_kiosk_identity(config);
    PrinterSetup s;
    s.config = printer::load_printer_config(config, o.printer.empty() ? kiosk.printer : o.printer);
    s.device = printer::make_printer(s.config);
    const std::filesystem::path journal =
        o.journal.empty() ? kiosk.state_dir / "slips" : std::filesystem::path(o.journal);
    s.journal = std::make_unique<receipt::PrintJournal>(journal, kiosk.keep_slips);
    return s;
}

std::string local_time(std::int64_t ms)
{
    const std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm local{};
    localtime_r(&t, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
    return text;
}

void print_entry(const receipt::JournalEntry& e)
{
    std::printf("%s  %-11s  prints %d  job %d  %s  (%s)\n", e.number.c_str(), receipt::to_string(e.state), e.prints,
                e.job_id, e.problem.c_str(), local_time(e.created_ms).c_str());
}

void status(const PrinterOptions& o)
{
    auto s = set_up(o);
    const auto st = s.device->status();
    std::string reasons;
    for (const auto& r : st.reasons)
        reasons += (reasons.empty() ? "" : ",") + r;
    std::printf("printer %s (%s)\nproblem %s\nreasons %s\nmessage %s\n", s.config.name.c_str(),
                s.config.backend.c_str(), printer::to_string(st.problem()), reasons.empty() ? "none" : reasons.c_str(),
                st.message.empty() ? "-" : st.message.c_str());
    const auto doubtful = s.journal->in_doubt();
    if (!doubtful.empty())
        std::printf("%zu slip(s) in doubt: run `kioskctl printer recover`\n", doubtful.size());
    const auto p = st.problem();
    if (p != printer::Problem::None && p != printer::Problem::PaperLow)
        throw CommandFailed(kExitPrinterProblem, std::string("the printer cannot print: ") + printer::to_string(p));
}

void list(const PrinterOptions& o)
{
    auto s = set_up(o);
    for (const auto& e : s.journal->latest(o.last == 0 ? 10 : o.last))
        print_entry(e);
}

void reprint(const PrinterOptions& o)
{
    auto s = set_up(o);
    std::vector<receipt::ReceiptNumber> numbers;
    for (const auto& typed : o.numbers)
        numbers.push_back(receipt::ReceiptNumber::parse(typed));
    if (o.last > 0) {
        // Oldest first, so the slips come out in the order they were issued.
        const auto latest = s.journal->latest(o.last);
        for (auto it = latest.rbegin(); it != latest.rend(); ++it)
            numbers.push_back(receipt::ReceiptNumber::parse(it->number));
    }
    if (numbers.empty())
        throw InputError("name the receipts to reprint, or --last N");
    receipt::ReceiptPrinter receipts(*s.device, *s.journal, s.config.copies);
    int failures = 0;
    for (const auto& n : numbers) {
        const auto outcome = receipts.reprint(n);
        if (outcome.printed) {
            std::printf("%s reprinted (job %d)\n", n.str().c_str(), outcome.job_id);
            continue;
        }
        ++failures;
        std::fprintf(stderr, "%s not printed: %s %s\n", n.str().c_str(),
                     outcome.refused ? "refused:" : printer::to_string(outcome.problem), outcome.detail.c_str());
    }
    if (failures > 0)
        throw CommandFailed(kExitPrinterProblem, std::to_string(failures) + " slip(s) not reprinted");
}

void recover(const PrinterOptions& o)
{
    auto s = set_up(o);
    receipt::ReceiptPrinter receipts(*s.device, *s.journal, s.config.copies);
    const auto settled = receipts.recover();
    if (settled.empty())
        std::printf("nothing in doubt\n");
    for (const auto& e : settled)
        print_entry(e);
}

} // namespace

void add_printer_command(CLI::App& app)
{
    auto options = std::make_shared<PrinterOptions>();
    CLI::App* cmd = app.add_subcommand("printer", "Receipt printer status, kept slips and reprints");
    cmd->require_subcommand(1);
    cmd->add_option("--printer", options->printer, "Printer config name (config/printer/NAME.json)");
    cmd->add_option("--journal", options->journal, "Folder of kept slips (default: STATE_DIR/slips)");

    cmd->add_subcommand("status", "Show the printer's state and what the kiosk would do")
        ->callback([options] { status(*options); });
    auto* list_cmd = cmd->add_subcommand("list", "List the newest kept slips");
    list_cmd->add_option("--last", options->last, "How many (default 10)");
    list_cmd->callback([options] { list(*options); });
    auto* reprint_cmd = cmd->add_subcommand("reprint", "Print kept slips again");
    reprint_cmd->add_option("numbers", options->numbers, "Receipt numbers");
    reprint_cmd->add_option("--last", options->last, "Reprint the newest N kept slips");
    reprint_cmd->callback([options] { reprint(*options); });
    cmd->add_subcommand("recover", "Settle slips a crash left in flight (never prints)")
        ->callback([options] { recover(*options); });
}

} // namespace kiosk::ctl
