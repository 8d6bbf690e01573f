#include "receipt/sequence_counter.h"

#include <cerrno>
#include <string>
#include <system_error>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/json_file.h"
#include "core/durable_file.h"
#include "receipt/receipt_config.h"
#include "receipt/receipt_number.h"

namespace kiosk::receipt {
namespace {

// Holds an exclusive flock on a lock file beside the counter; the counter
// itself is replaced by rename, so it cannot carry the lock.
class FileLock {
public:
    explicit FileLock(const std::filesystem::path& path)
        : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600))
    {
        if (fd_ < 0)
            throw std::system_error(errno, std::generic_category(), "cannot open " + path.string());
        while (::flock(fd_, LOCK_EX) != 0) {
            if (errno != EINTR) {
                ::close(fd_);
                throw std::system_error(errno, std::generic_category(), "cannot lock " + path.string());
            }
        }
    }
    ~FileLock() { ::close(fd_); }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int fd_;
};

} // namespace

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
