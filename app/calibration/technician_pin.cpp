#include "calibration/technician_pin.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fstream>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/durable_file.h"
#include "core/error.h"
#include "core/file_lock.h"
#include "core/json_file.h"
#include "core/password_hash.h"

namespace kiosk::calibration {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

class SystemAccessClock final : public AccessClock {
public:
    std::chrono::system_clock::time_point wall() const override { return std::chrono::system_clock::now(); }

    milliseconds since_boot() const override
    {
        timespec now{};
        ::clock_gettime(CLOCK_BOOTTIME, &now);
        return milliseconds(static_cast<std::int64_t>(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000);
    }

    std::string boot_id() const override
    {
        std::ifstream in("/proc/sys/kernel/random/boot_id");
        std::string id;
        std::getline(in, id);
        return id;
    }
};

// One read-change-write of the PIN file at a time, so the kiosk and kioskctl
// never lose each other's changes and two screens cannot race the counter.
FileLock lock_pin_file(const std::filesystem::path& folder)
{
    std::filesystem::create_directories(folder);
    return FileLock(folder / "technicians.lock");
}

struct Technician {
    std::string id;
    std::string pin_hash;
    std::chrono::system_clock::time_point pin_set;
};

// The lock is timed on two clocks. Within one boot only the boot clock
// counts: it cannot be set, so moving the wall clock either way neither ends
// a lock early nor stretches it. The boot clock restarts at a reboot,
// so across one the wall clock is all there is: the time left is the wall
// deadline minus now, but never more than the lock's whole length (a clock
// set back cannot lengthen it without end), and it is then re-anchored on the
// new boot's clock. What this cannot catch is a reboot together with a
// clock moved forwards: that needs hands on the machine, not just the screen.
struct LockState {
    int wrong_tries = 0;
    int locks_in_a_row = 0;
    bool locked = false;
    std::string boot_id;
    milliseconds until_since_boot{0};
    std::chrono::system_clock::time_point until_wall;
    milliseconds length{0};
};

struct PinFile {
    std::vector<Technician> technicians;
    LockState lock;
};

std::filesystem::path pin_file_path(const std::filesystem::path& folder)
{
    return folder / "technicians.json";
}

std::chrono::system_clock::time_point time_field(const nlohmann::json& object, const char* name,
                                                 const std::filesystem::path& file)
{
    const auto it = object.find(name);
    const auto time = it != object.end() && it->is_string() ? parse_utc_timestamp(*it) : std::nullopt;
    if (!time)
        throw ConfigError(file.string() + ": \"" + name + "\" is not a UTC time");
    return *time;
}

PinFile load(const std::filesystem::path& folder)
{
    const auto path = pin_file_path(folder);
    PinFile file;
    if (!std::filesystem::exists(path))
        return file;
    const auto json = load_private_json_file(path);
    try {
        for (const auto& entry : json.at("technicians"))
            file.technicians.push_back(
                {entry.at("id").get<std::string>(), entry.at("pin_hash").get<std::string>(),
                 time_field(entry, "pin_set", path)});
        const auto& lock = json.at("lock");
        file.lock.wrong_tries = lock.at("wrong_tries").get<int>();
        file.lock.locks_in_a_row = lock.at("locks_in_a_row").get<int>();
        file.lock.locked = lock.at("locked").get<bool>();
        if (file.lock.locked) {
            file.lock.boot_id = lock.at("boot_id").get<std::string>();
            file.lock.until_since_boot = milliseconds(lock.at("until_since_boot_ms").get<std::int64_t>());
            file.lock.until_wall = time_field(lock, "until_wall", path);
            file.lock.length = milliseconds(lock.at("length_ms").get<std::int64_t>());
        }
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(path.string() + " is damaged (" + e.what() +
                          "); set the technicians' PINs again with kioskctl calibrate pin set");
    }
    return file;
}

void save(const std::filesystem::path& folder, const PinFile& file)
{
    nlohmann::json technicians = nlohmann::json::array();
    for (const auto& t : file.technicians)
        technicians.push_back({{"id", t.id}, {"pin_hash", t.pin_hash}, {"pin_set", utc_timestamp(t.pin_set)}});
    nlohmann::json lock = {{"wrong_tries", file.lock.wrong_tries},
                           {"locks_in_a_row", file.lock.locks_in_a_row},
                           {"locked", file.lock.locked}};
    if (file.lock.locked) {
        lock["boot_id"] = file.lock.boot_id;
        lock["until_since_boot_ms"] = file.lock.until_since_boot.count();
        lock["until_wall"] = utc_timestamp(file.lock.until_wall);
        lock["length_ms"] = file.lock.length.count();
    }
    const nlohmann::json json = {{"technicians", technicians}, {"lock", lock}};
    write_file_durably(pin_file_path(folder), json.dump(2) + "\n");
}

// How long the lock has left; re-anchors it on this boot's clock after a
// reboot and ends it when it has run out. True in `changed` when the state
// needs saving.
milliseconds time_left(LockState& lock, const AccessClock& clock, bool& changed)
{
    if (!lock.locked)
        return milliseconds(0);
    const auto boot = clock.boot_id();
    const auto since_boot = clock.since_boot();
    milliseconds left{};
    if (lock.boot_id == boot) {
        left = lock.until_since_boot - since_boot;
    } else {
        const auto wall = clock.wall();
        left = std::min(std::chrono::duration_cast<milliseconds>(lock.until_wall - wall), lock.length);
        lock.boot_id = boot;
        lock.until_since_boot = since_boot + std::max(left, milliseconds(0));
        lock.until_wall = wall + std::max(left, milliseconds(0));
        changed = true;
    }
    if (left <= milliseconds(0)) {
        lock.locked = false;
        changed = true;
        return milliseconds(0);
    }
    return left;
}

milliseconds lock_length(const TechnicianPinConfig& config, int locks_before)
{
    const double grown = std::chrono::duration<double>(config.first_lock).count() *
                         std::pow(config.lock_growth, static_cast<double>(locks_before));
    const double capped = std::min(grown, std::chrono::duration<double>(config.max_lock).count());
    return milliseconds(std::llround(capped * 1000.0));
}

seconds whole_seconds_up(milliseconds left)
{
    return std::chrono::ceil<seconds>(left);
}

bool is_valid_id(std::string_view id, std::size_t max_chars)
{
    return !id.empty() && id.size() <= max_chars &&
           id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") == std::string_view::npos;
}

bool is_valid_pin(std::string_view pin, const TechnicianPinConfig& config)
{
    return pin.size() >= config.min_pin_digits && pin.size() <= config.max_pin_digits &&
           pin.find_first_not_of("0123456789") == std::string_view::npos;
}

} // namespace

const AccessClock& system_access_clock()
{
    static const SystemAccessClock clock;
    return clock;
}

TechnicianPins::TechnicianPins(std::filesystem::path state_dir, TechnicianPinConfig config, AuditLog& audit,
                               const AccessClock& clock)
    : folder_(state_dir / "calibration"), config_(config), audit_(audit), clock_(clock)
{
}

void TechnicianPins::set_pin(std::string_view technician, std::string_view pin)
{
    if (!is_valid_id(technician, config_.max_technician_id_chars))
        throw InputError("a technician id is 1.." + std::to_string(config_.max_technician_id_chars) +
                         " characters of a-z, 0-9, '.', '_' and '-'");
    if (!is_valid_pin(pin, config_))
        throw InputError("a PIN is " + std::to_string(config_.min_pin_digits) + ".." +
                         std::to_string(config_.max_pin_digits) + " digits");
    const auto guard = lock_pin_file(folder_);
    auto file = load(folder_);
    for (const auto& other : file.technicians)
        if (other.id != technician && secret_matches(other.pin_hash, pin))
            throw InputError("another technician has this PIN; choose a different one");
    Technician updated{std::string(technician), hash_secret(pin, config_.kdf), clock_.wall()};
    const auto existing = std::find_if(file.technicians.begin(), file.technicians.end(),
                                       [&](const Technician& t) { return t.id == technician; });
    if (existing != file.technicians.end())
        *existing = std::move(updated);
    else
        file.technicians.push_back(std::move(updated));
    save(folder_, file);
    audit_.append(AuditEvent::PinSet, std::string(technician), "ok", "", clock_.wall());
}

bool TechnicianPins::remove(std::string_view technician)
{
    const auto guard = lock_pin_file(folder_);
    auto file = load(folder_);
    const auto removed = std::erase_if(file.technicians, [&](const Technician& t) { return t.id == technician; });
    if (removed == 0)
        return false;
    save(folder_, file);
    audit_.append(AuditEvent::PinRemoved, std::string(technician), "ok", "", clock_.wall());
    return true;
}

PinCheck TechnicianPins::check(std::string_view pin)
{
    const auto guard = lock_pin_file(folder_);
    auto file = load(folder_);
    bool changed = false;
    const auto left = time_left(file.lock, clock_, changed);
    if (left > milliseconds(0)) {
        if (changed)
            save(folder_, file);
        const auto wait = whole_seconds_up(left);
        audit_.append(AuditEvent::Entry, "", "locked", std::to_string(wait.count()) + " s left", clock_.wall());
        return {PinOutcome::Locked, "", 0, wait};
    }

    Technician* match = nullptr;
    for (auto& technician : file.technicians)
        if (secret_matches(technician.pin_hash, pin) && match == nullptr)
            match = &technician;

    if (match != nullptr) {
        file.lock = LockState{};
        // A cost raised in the config reaches each PIN the next time it is used.
        if (hash_needs_new_cost(match->pin_hash, config_.kdf))
            match->pin_hash = hash_secret(pin, config_.kdf);
        save(folder_, file);
        audit_.append(AuditEvent::Entry, match->id, "ok", "", clock_.wall());
        return {PinOutcome::Accepted, match->id, 0, seconds(0)};
    }

    PinCheck result{PinOutcome::Wrong, "", 0, seconds(0)};
    auto& lock = file.lock;
    ++lock.wrong_tries;
    std::string detail;
    if (lock.wrong_tries >= config_.wrong_tries_before_lock) {
        lock.length = lock_length(config_, lock.locks_in_a_row);
        ++lock.locks_in_a_row;
        lock.wrong_tries = 0;
        lock.locked = true;
        lock.boot_id = clock_.boot_id();
        lock.until_since_boot = clock_.since_boot() + lock.length;
        lock.until_wall = clock_.wall() + lock.length;
        result.locked_for = whole_seconds_up(lock.length);
        detail = "locked for " + std::to_string(result.locked_for.count()) + " s";
    } else {
        result.tries_left = config_.wrong_tries_before_lock - lock.wrong_tries;
    }
    save(folder_, file);
    audit_.append(AuditEvent::Entry, "", "wrong", detail, clock_.wall());
    return result;
}

AccessStatus TechnicianPins::status() const
{
    const auto guard = lock_pin_file(folder_);
    auto file = load(folder_);
    AccessStatus status;
    for (const auto& t : file.technicians)
        status.technicians.push_back({t.id, t.pin_set});
    bool changed = false;
    status.locked_for = whole_seconds_up(time_left(file.lock, clock_, changed));
    if (changed)
        save(folder_, file);
    status.wrong_tries = file.lock.wrong_tries;
    status.locks_in_a_row = file.lock.locks_in_a_row;
    return status;
}

} // namespace kiosk::calibration
