#pragma once

#include <chrono>
#include <filesystem>

namespace kiosk::receipt {

// The kiosk's durable count of receipts issued today, so numbers are unique
// without asking the network. The new value is on disk before next() returns:
// a crash can skip a number, never hand the same one out twice.
// Several processes may share the file; an flock serialises them.
class SequenceCounter {
public:
    // `file` is created on first use; its folder must exist.
    explicit SequenceCounter(std::filesystem::path file);

    // The next sequence for `date` (1 on the first call of a day). Throws
    // InputError when the day's numbers are used up and ConfigError when the
    // file is unreadable or corrupt (it is then left as it is for a technician).
    int next(std::chrono::year_month_day date);

private:
    std::filesystem::path file_;
};

} // namespace kiosk::receipt
