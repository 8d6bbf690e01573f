#include "receipt/print_journal.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "core/error.h"
#include "core/json_file.h"
#include "core/durable_file.h"

namespace kiosk::receipt {
namespace {

using nlohmann::json;

constexpr SlipState kStates[] = {SlipState::Rendered, SlipState::Submitting, SlipState::Submitted,
                                 SlipState::Printed, SlipState::NotPrinted};

std::int64_t now_ms()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

SlipState state_named(const std::string& name)
{
    for (SlipState s : kStates)
        if (name == to_string(s))
            return s;
    throw ConfigError("unknown slip state \"" + name + "\"");
}

json to_json(const JournalEntry& e)
{
    return {{"number", e.number},       {"state", to_string(e.state)}, {"job_id", e.job_id},
            {"prints", e.prints},       {"problem", e.problem},        {"width_mm", e.width_mm},
            {"length_mm", e.length_mm}, {"created_ms", e.created_ms},  {"updated_ms", e.updated_ms}};
}

JournalEntry from_json(const json& j)
{
    JournalEntry e;
    e.number = j.at("number").get<std::string>();
    e.state = state_named(j.at("state").get<std::string>());
    e.job_id = j.at("job_id").get<int>();
    e.prints = j.at("prints").get<int>();
    e.problem = j.at("problem").get<std::string>();
    e.width_mm = j.at("width_mm").get<double>();
    e.length_mm = j.at("length_mm").get<double>();
    e.created_ms = j.at("created_ms").get<std::int64_t>();
    e.updated_ms = j.at("updated_ms").get<std::int64_t>();
    return e;
}

} // namespace

const char* to_string(SlipState state)
{
    switch (state) {
    case SlipState::Rendered: return "rendered";
    case SlipState::Submitting: return "submitting";
    case SlipState::Submitted: return "submitted";
    case SlipState::Printed: return "printed";
    case SlipState::NotPrinted: return "not-printed";
    }
    return "unknown";
}

PrintJournal::PrintJournal(std::filesystem::path dir, int keep) : dir_(std::move(dir)), keep_(keep)
{
    if (keep_ <= 0)
        throw ConfigError("the print journal must keep at least one slip");
    std::filesystem::create_directories(dir_);
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
}

std::filesystem::path PrintJournal::entry_file(const std::string& number) const { return dir_ / (number + ".json"); }
std::filesystem::path PrintJournal::pdf_file(const std::string& number) const { return dir_ / (number + ".pdf"); }

void PrintJournal::add(const ReceiptNumber& number, const SlipPdf& slip)
{
    if (std::filesystem::exists(entry_file(number.str())))
        throw InputError("receipt " + number.str() + " is already in the print journal");
    store(number, slip);
}

void PrintJournal::replace(const ReceiptNumber& number, const SlipPdf& slip)
{
    if (const auto existing = find(number); existing && existing->in_doubt())
        throw InputError("receipt " + number.str() + " may still be in the printer (" +
                         to_string(existing->state) + "); its slip cannot be replaced yet");
    store(number, slip);
}

void PrintJournal::store(const ReceiptNumber& number, const SlipPdf& slip)
{
    // The PDF first: an entry never points at a slip that is not on disk.
    // Written over a replaced slip's PDF by rename, so the old photo is gone
    // at once and a crash leaves the old slip or the new one, never neither.
    write_file_durably(pdf_file(number.str()), slip.bytes);
    JournalEntry e;
    e.number = number.str();
    e.problem = "none";
    e.width_mm = slip.width_mm;
    e.length_mm = slip.length_mm;
    e.created_ms = e.updated_ms = now_ms();
    write_file_durably(entry_file(e.number), to_json(e).dump(2) + "\n");
    prune();
}

std::optional<JournalEntry> PrintJournal::find(const ReceiptNumber& number) const
{
    const auto file = entry_file(number.str());
    if (!std::filesystem::exists(file))
        return std::nullopt;
    try {
        return from_json(load_json_file(file));
    } catch (const std::exception& e) {
        throw ConfigError(file.string() + ": unreadable journal entry: " + e.what());
    }
}

std::string PrintJournal::pdf(const ReceiptNumber& number) const
{
    std::ifstream in(pdf_file(number.str()), std::ios::binary);
    if (!in)
        throw InputError("the slip of receipt " + number.str() + " is no longer kept");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

void PrintJournal::update(const JournalEntry& entry)
{
    JournalEntry e = entry;
    e.updated_ms = now_ms();
    write_file_durably(entry_file(e.number), to_json(e).dump(2) + "\n");
}

std::vector<JournalEntry> PrintJournal::all() const
{
    std::vector<JournalEntry> entries;
    for (const auto& file : std::filesystem::directory_iterator(dir_)) {
        if (file.path().extension() != ".json")
            continue;
        try {
            entries.push_back(from_json(load_json_file(file.path())));
        } catch (const std::exception& e) {
            // Left in place for a technician; one bad entry must not hide the rest.
            spdlog::warn("print journal: skipping {}: {}", file.path().filename().string(), e.what());
        }
    }
    std::sort(entries.begin(), entries.end(), [](const JournalEntry& a, const JournalEntry& b) {
        return a.created_ms != b.created_ms ? a.created_ms > b.created_ms : a.number > b.number;
    });
    return entries;
}

std::vector<JournalEntry> PrintJournal::latest(std::size_t n) const
{
    auto entries = all();
    if (entries.size() > n)
        entries.resize(n);
    return entries;
}

std::vector<JournalEntry> PrintJournal::in_doubt() const
{
    auto entries = all();
    std::erase_if(entries, [](const JournalEntry& e) { return !e.in_doubt(); });
    return entries;
}

void PrintJournal::prune()
{
    const auto entries = all();
    for (std::size_t i = static_cast<std::size_t>(keep_); i < entries.size(); ++i) {
        if (entries[i].in_doubt())
            continue;
        // The photo-bearing PDF goes first; a lone entry is harmless.
        std::filesystem::remove(pdf_file(entries[i].number));
        std::filesystem::remove(entry_file(entries[i].number));
    }
}

} // namespace kiosk::receipt
