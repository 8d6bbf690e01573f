#include "receipt/sequence_counter.h"

#include <string>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/file_lock.h"
#include "core/json_file.h"
#include "core/durable_file.h"
#include "receipt/receipt_config.h"
#include "receipt/receipt_number.h"

namespace kiosk::receipt {

SequenceCounter::SequenceCounter(std::filesystem::path file) : file_(std::move(file)) {}

int SequenceCounter::next(std::chrono::year_month_day date)
{
    const FileLock lock(file_.string() + ".lock");
    const std::string today = iso_date(date);
    int last = 0;
    if (std::filesystem::exists(file_)) {
        const nlohmann::json state = load_json_file(file_);
        if (!state.is_object() || !state.contains("date") || !state["date"].is_string() || !state.contains("last") ||
            !state["last"].is_number_integer())
            throw ConfigError(file_.string() + ": must be {\"date\": \"YYYY-MM-DD\", \"last\": N}");
        if (state["date"].get<std::string>() == today)
            last = state["last"].get<int>();
    }
    if (last >= ReceiptNumber::kMaxSequence)
        throw InputError("all " + std::to_string(ReceiptNumber::kMaxSequence) + " receipt numbers of " + today +
                         " are used");
    const int sequence = last + 1;
    write_file_durably(file_, nlohmann::json{{"date", today}, {"last", sequence}}.dump() + "\n");
    return sequence;
}

} // namespace kiosk::receipt
