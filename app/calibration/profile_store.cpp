#include "calibration/profile_store.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "calibration/profile_store_json.h"
#include "core/durable_file.h"
#include "core/error.h"
#include "core/file_lock.h"
#include "core/json_fields.h"
#include "core/json_file.h"

namespace kiosk::calibration {
namespace {

namespace fs = std::filesystem;

constexpr const char* kProfileFile = "profile.json";
constexpr const char* kPlateFile = "background.png";
constexpr const char* kCurrentFile = "current.json";
constexpr const char* kTempSuffix = ".tmp";

struct Pointer {
    std::string active;
    std::string previous;
};

// Profile ids: "<UTC time>-<version>", sortable by time. Version numbers are
// what orders them, though: two saves in one second, or a clock set back,
// must not confuse which one is newer.
std::string profile_id(std::chrono::system_clock::time_point created, int version)
{
    const auto stamp = utc_timestamp(created); // 2026-11-25T18:30:05.123Z
    std::string compact;
    for (const char c : stamp.substr(0, 19))
        if (c != '-' && c != ':')
            compact += c;
    return compact + "Z-" + std::to_string(version);
}

int version_of(const std::string& id)
{
    const auto dash = id.rfind("Z-");
    if (dash == std::string::npos)
        return 0;
    try {
        return std::stoi(id.substr(dash + 2));
    } catch (const std::exception&) {
        return 0;
    }
}

bool is_png(const fs::path& file)
{
    std::FILE* in = std::fopen(file.c_str(), "rb");
    if (in == nullptr)
        return false;
    unsigned char head[8] = {};
    const bool whole = std::fread(head, 1, sizeof head, in) == sizeof head;
    std::fclose(in);
    static constexpr unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    return whole && std::equal(head, head + 8, kSignature);
}

// A profile folder that is not there at all (pruned by a writer since the
// reader looked), as against one that is there but damaged.
class ProfileGone : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

CalibrationProfile load_profile(const fs::path& profiles, const std::string& id)
{
    const auto folder = profiles / id;
    const auto file = folder / kProfileFile;
    if (!fs::exists(folder))
        throw ProfileGone(folder.string() + " is not there");
    nlohmann::json json;
    try {
        json = load_json_file(file);
    } catch (const ConfigError&) {
        // Pruned while this reader was on its way: not damage, just gone.
        if (!fs::exists(folder))
            throw ProfileGone(folder.string() + " is not there");
        throw;
    }
    const auto profile = profile_from_json(json, folder, file.string());
    if (profile.id != id)
        throw ConfigError(file.string() + ": id " + profile.id + " does not match its folder");
    if (profile.background_plate && !is_png(*profile.background_plate))
        throw ConfigError(profile.background_plate->string() + " is missing or not a PNG");
    return profile;
}

std::optional<Pointer> read_pointer(const fs::path& profiles, std::string& problem)
{
    const auto file = profiles / kCurrentFile;
    if (!fs::exists(file))
        return std::nullopt;
    try {
        const auto json = load_json_file(file);
        const JsonFields fields(file.string(), json);
        Pointer pointer{fields.text("active"), ""};
        if (fields.find("previous"))
            pointer.previous = fields.text("previous");
        return pointer;
    } catch (const ConfigError& e) {
        problem = e.what();
        return std::nullopt;
    }
}

void write_pointer(const fs::path& profiles, const Pointer& pointer)
{
    nlohmann::json json = {{"active", pointer.active}};
    if (!pointer.previous.empty())
        json["previous"] = pointer.previous;
    write_file_durably(profiles / kCurrentFile, json.dump(2) + "\n");
}

// Stored profile ids, newest (highest version) first; leftovers of a crash excluded.
std::vector<std::string> list_ids(const fs::path& profiles)
{
    std::vector<std::string> ids;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(profiles, error)) {
        const auto name = entry.path().filename().string();
        if (entry.is_directory() && !name.ends_with(kTempSuffix) && version_of(name) > 0)
            ids.push_back(name);
    }
    std::sort(ids.begin(), ids.end(), [](const auto& a, const auto& b) { return version_of(a) > version_of(b); });
    return ids;
}

// Copies the plate in and flushes it, so the rename that publishes the
// folder never publishes a plate still in the page cache.
void copy_plate(const fs::path& from, const fs::path& to)
{
    if (!is_png(from))
        throw InputError("the background plate " + from.string() + " is missing or not a PNG");
    write_file_durably(to, read_whole_file(from));
}

std::chrono::seconds age_of(const CalibrationProfile& profile, std::chrono::system_clock::time_point now)
{
    return std::max(std::chrono::floor<std::chrono::seconds>(now - profile.created), std::chrono::seconds(0));
}

} // namespace

ProfileStoreConfig load_profile_store_config(const fs::path& calibration_json)
{
    const auto json = load_json_file(calibration_json);
    const JsonFields profile = JsonFields(calibration_json.string(), json).child("profile");
    // Two at least: the active one and the one a rollback returns to.
    return {profile.whole_number("keep_profiles", 2, 100)};
}

ProfileStore::ProfileStore(fs::path state_dir, ProfileStoreConfig config, AuditLog& audit)
    : folder_(state_dir / "calibration" / "profiles"), config_(config), audit_(audit)
{
}

ProfileLookup ProfileStore::active(std::chrono::system_clock::time_point now) const
{
    ProfileLookup lookup;
    std::optional<Pointer> pointer;
    // A writer may prune the folder this reader was about to open; a fresh
    // look at current.json then names one that is there.
    for (int look = 0; look < 3; ++look) {
        lookup.problem.clear();
        pointer = read_pointer(folder_, lookup.problem);
        if (!pointer)
            break;
        try {
            lookup.profile = load_profile(folder_, pointer->active);
            lookup.age = age_of(*lookup.profile, now);
            return lookup;
        } catch (const ProfileGone& e) {
            lookup.problem = e.what();
        } catch (const std::exception& e) {
            lookup.problem = e.what();
            break;
        }
    }
    if (!pointer && lookup.problem.empty() && list_ids(folder_).empty())
        return lookup; // never calibrated
    // The active profile (or the pointer to it) is damaged: fall back to
    // the previous one, else the newest that reads.
    std::vector<std::string> candidates;
    if (pointer && !pointer->previous.empty())
        candidates.push_back(pointer->previous);
    for (const auto& id : list_ids(folder_))
        if (!pointer || id != pointer->active)
            candidates.push_back(id);
    for (const auto& id : candidates) {
        try {
            lookup.profile = load_profile(folder_, id);
            lookup.age = age_of(*lookup.profile, now);
            return lookup;
        } catch (const std::exception&) {
            continue;
        }
    }
    return lookup;
}

std::optional<CalibrationProfile> ProfileStore::previous() const
{
    std::string problem;
    const auto pointer = read_pointer(folder_, problem);
    if (!pointer || pointer->previous.empty())
        return std::nullopt;
    try {
        return load_profile(folder_, pointer->previous);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

CalibrationProfile ProfileStore::draft() const
{
    CalibrationProfile draft;
    if (const auto current = active().profile) {
        draft.camera = current->camera;
        draft.lights = current->lights;
        draft.seat = current->seat;
        draft.background_plate = current->background_plate;
        draft.reports = current->reports;
    }
    return draft;
}

CalibrationProfile ProfileStore::save(CalibrationProfile draft, const std::string& technician,
                                      std::chrono::system_clock::time_point now)
{
    fs::create_directories(folder_);
    const FileLock lock(folder_ / "store.lock");

    // What a crash left half-made is never pointed at: clear it.
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(folder_))
        if (entry.path().filename().string().ends_with(kTempSuffix))
            fs::remove_all(entry.path(), ignored);

    const auto ids = list_ids(folder_);
    const auto current = active(now);
    draft.version = (ids.empty() ? 0 : version_of(ids.front())) + 1;
    draft.created = std::chrono::floor<std::chrono::milliseconds>(now);
    draft.id = profile_id(draft.created, draft.version);
    draft.technician = technician;

    const auto staging = folder_ / (draft.id + kTempSuffix);
    fs::create_directories(staging);
    try {
        if (draft.background_plate) {
            copy_plate(*draft.background_plate, staging / kPlateFile);
            draft.background_plate = folder_ / draft.id / kPlateFile;
        }
        write_file_durably(staging / kProfileFile, profile_to_json(draft).dump(2) + "\n");
        fs::rename(staging, folder_ / draft.id);
    } catch (...) {
        fs::remove_all(staging, ignored);
        throw;
    }
    sync_folder(folder_);

    write_pointer(folder_, {draft.id, current.profile ? current.profile->id : ""});

    // Older profiles beyond the configured count go; the two a rollback
    // moves between stay whatever their age.
    int kept = 0;
    bool pruned = false;
    for (const auto& id : list_ids(folder_)) {
        if (id == draft.id || (current.profile && id == current.profile->id) || ++kept <= config_.keep_profiles - 2)
            continue;
        // Renamed out of the way first, so a reader finds the folder whole or
        // not at all, never half deleted.
        const auto doomed = folder_ / (id + ".pruned" + kTempSuffix);
        fs::rename(folder_ / id, doomed, ignored);
        fs::remove_all(doomed, ignored);
        pruned = true;
    }
    if (pruned)
        sync_folder(folder_);

    audit_.append(AuditEvent::ProfileSaved, technician, "ok", draft.id, now);
    return draft;
}

CalibrationProfile ProfileStore::rollback(const std::string& technician, std::chrono::system_clock::time_point now)
{
    fs::create_directories(folder_);
    const FileLock lock(folder_ / "store.lock");
    std::string problem;
    const auto pointer = read_pointer(folder_, problem);
    if (!pointer || pointer->previous.empty())
        throw InputError("there is no previous calibration profile to go back to");
    CalibrationProfile back;
    try {
        back = load_profile(folder_, pointer->previous);
    } catch (const std::exception& e) {
        throw InputError(std::string("the previous calibration profile cannot be used: ") + e.what());
    }
    write_pointer(folder_, {pointer->previous, pointer->active});
    audit_.append(AuditEvent::ProfileRollback, technician, "ok", "to " + back.id + " from " + pointer->active, now);
    return back;
}

std::vector<std::string> ProfileStore::stored_ids() const
{
    return list_ids(folder_);
}

} // namespace kiosk::calibration
