// `kioskctl calibrate pin|profile|log` as a technician runs it over SSH,
// against a state folder the kiosk itself would use, its log rotated.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <sys/wait.h>

#include "calibration/audit_log_rotation.h"
#include "calibration/profile_store.h"
#include "calibration/technician_pin.h"
#include "support/shell_command.h"
#include "support/test_folder.h"

namespace {

using namespace kiosk::calibration;
using kiosk::test::run_command;

class KioskctlCalibrate : public ::testing::Test {
protected:
    void SetUp() override
    {
        // The real settings but the cheapest KDF, so the test checks the rules, not the cost.
        settings_ = folder_.path() / "calibration.json";
        std::ofstream(settings_) << R"({
          "access": {"min_pin_digits": 6, "max_pin_digits": 12, "max_technician_id_chars": 32,
                     "kdf_ops_limit": )" << crypto_pwhash_OPSLIMIT_MIN
                                 << R"(, "kdf_mem_limit_kib": )" << crypto_pwhash_MEMLIMIT_MIN / 1024 << R"(,
                     "wrong_tries_before_lock": 5, "first_lock_s": 60, "lock_growth": 2.0, "max_lock_s": 3600},
          "profile": {"keep_profiles": 5},
          "audit_log": {"max_file_bytes": 4096, "rotated_files_kept": 3}})";
        state_ = folder_.path() / "state";
    }

    kiosk::test::CommandResult ctl(const std::string& args, const std::string& stdin_text = "")
    {
        const std::string input = stdin_text.empty() ? "</dev/null" : "<<< '" + stdin_text + "'";
        auto result = run_command("bash -c \"'" + std::string(KIOSKCTL_BIN) + "' calibrate " + args +
                                  " --state-dir '" + state_.string() + "' --settings '" + settings_.string() + "' " +
                                  input + "\"");
        result.status = WIFEXITED(result.status) ? WEXITSTATUS(result.status) : -1;
        return result;
    }

    TechnicianPinConfig pin_config() const { return load_technician_pin_config(settings_); }

    kiosk::test::TestFolder folder_{"kiosk-calibration"};
    std::filesystem::path settings_, state_;
};

TEST_F(KioskctlCalibrate, PinSetFromStandardInputNeverEchoed)
{
    const auto set = ctl("pin set li.wei", "246810");
    ASSERT_EQ(set.status, 0) << set.output;
    EXPECT_EQ(set.output.find("246810"), std::string::npos) << set.output;

    AuditLog audit(state_);
    TechnicianPins pins(state_, pin_config(), audit);
    EXPECT_EQ(pins.check("246810").technician, "li.wei");

    const auto status = ctl("pin status");
    ASSERT_EQ(status.status, 0) << status.output;
    EXPECT_NE(status.output.find("li.wei"), std::string::npos) << status.output;
    EXPECT_NE(status.output.find("not locked"), std::string::npos) << status.output;
}

TEST_F(KioskctlCalibrate, BadPinsAndIdsAreBadInput)
{
    EXPECT_EQ(ctl("pin set li.wei", "12ab56").status, 2);
    EXPECT_EQ(ctl("pin set 'Li Wei'", "246810").status, 2);
    EXPECT_EQ(ctl("pin remove nobody").status, 2);
    EXPECT_EQ(ctl("pin frobnicate").status, 2);
    { std::ofstream(settings_, std::ios::trunc) << R"({"access": {}})"; }
    const auto broken = ctl("pin set li.wei", "246810");
    EXPECT_EQ(broken.status, 3) << broken.output;
    EXPECT_NE(broken.output.find("min_pin_digits"), std::string::npos) << broken.output;
}

TEST_F(KioskctlCalibrate, StatusShowsTheLockTheKioskSet)
{
    ASSERT_EQ(ctl("pin set li.wei", "246810").status, 0);
    AuditLog audit(state_);
    TechnicianPins pins(state_, pin_config(), audit);
    for (int i = 0; i < 5; ++i)
        pins.check("000000");
    const auto status = ctl("pin status");
    // The lock counts down while kioskctl starts: a loaded machine may take a second.
    EXPECT_TRUE(status.output.find("locked for 60 s more") != std::string::npos ||
                status.output.find("locked for 59 s more") != std::string::npos)
        << status.output;
    EXPECT_NE(status.output.find("locks in a row 1"), std::string::npos) << status.output;
}

TEST_F(KioskctlCalibrate, ProfileShowAndRollbackAndTheLogOfIt)
{
    ASSERT_EQ(ctl("pin set li.wei", "246810").status, 0);
    EXPECT_NE(ctl("profile show").output.find("no calibration profile"), std::string::npos);
    EXPECT_EQ(ctl("profile rollback --technician li.wei").status, 2);

    AuditLog audit(state_);
    ProfileStore store(state_, load_profile_store_config(settings_), audit);
    CalibrationProfile draft;
    draft.lights = kiosk::lightseat::LightLevels{400, 410, 300};
    const auto first = store.save(draft, "li.wei");
    draft.lights->key_left = 600;
    const auto second = store.save(draft, "li.wei");

    const auto show = ctl("profile show");
    ASSERT_EQ(show.status, 0) << show.output;
    EXPECT_NE(show.output.find("active   " + second.id), std::string::npos) << show.output;
    EXPECT_NE(show.output.find("key left 600"), std::string::npos) << show.output;
    EXPECT_NE(show.output.find("previous " + first.id), std::string::npos) << show.output;

    EXPECT_EQ(ctl("profile rollback --technician somebody").status, 2);
    const auto back = ctl("profile rollback --technician li.wei");
    ASSERT_EQ(back.status, 0) << back.output;
    EXPECT_EQ(store.active().profile->id, first.id);

    const auto json = ctl("profile show --json");
    ASSERT_EQ(json.status, 0) << json.output;
    const auto shown = nlohmann::json::parse(json.output);
    EXPECT_EQ(shown["active"]["id"], first.id);
    EXPECT_EQ(shown["previous"]["id"], second.id);

    const auto log = ctl("log --jsonl --last 2");
    ASSERT_EQ(log.status, 0) << log.output;
    const auto last_line = log.output.substr(log.output.rfind('{'));
    const auto entry = nlohmann::json::parse(last_line);
    EXPECT_EQ(entry["event"], "profile_rollback");
    EXPECT_EQ(entry["technician"], "li.wei");
    EXPECT_EQ(std::count(log.output.begin(), log.output.end(), '\n'), 2);
    EXPECT_EQ(ctl("log --last 0").output.find("246810"), std::string::npos);
}

TEST_F(KioskctlCalibrate, TheLogIsReadAcrossItsRotatedFilesAndKioskctlRotatesIt)
{
    // As the kiosk writes it: files of 4 KiB, some 40 entries each, three kept.
    AuditLog kiosk(state_, load_audit_log_rotation(settings_));
    for (int i = 0; i < 200; ++i)
        kiosk.append(AuditEvent::Entry, "li.wei", i % 2 ? "ok" : "wrong", "try " + std::to_string(i));
    ASSERT_EQ(kiosk.files().size(), 4u) << "three rotated files and the current one";

    const auto all = ctl("log --jsonl --last 0");
    ASSERT_EQ(all.status, 0) << all.output;
    std::istringstream lines(all.output);
    std::string line;
    const int first = 200 - static_cast<int>(kiosk.read().entries.size());
    EXPECT_GT(first, 0) << "the oldest files were dropped";
    EXPECT_GT(200 - first, 3 * 30) << "three rotated files were kept";
    int expected = first;
    while (std::getline(lines, line))
        EXPECT_EQ(nlohmann::json::parse(line)["detail"], "try " + std::to_string(expected++)) << line;
    EXPECT_EQ(expected, 200) << "oldest first, through to the newest";

    const auto last = ctl("log --jsonl --last 40");
    ASSERT_EQ(last.status, 0) << last.output;
    EXPECT_EQ(std::count(last.output.begin(), last.output.end(), '\n'), 40);
    EXPECT_EQ(nlohmann::json::parse(last.output.substr(0, last.output.find('\n')))["detail"], "try 160")
        << "the 40 newest reach back into a rotated file";

    // kioskctl's own entries go through the same rotation.
    for (int i = 0; i < 30; ++i) {
        const auto set = ctl("pin set tech" + std::to_string(i), std::to_string(613570 + i * 1013));
        ASSERT_EQ(set.status, 0) << set.output; // each their own PIN: a shared one is refused
    }
    EXPECT_EQ(kiosk.files().size(), 4u) << "still three rotated files beside the current one";
    for (const auto& file : kiosk.files())
        EXPECT_LE(std::filesystem::file_size(file), 4096u) << file;
}

} // namespace
