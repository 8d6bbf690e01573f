// systemd/: the units pass `systemd-analyze verify`, the users and state
// folders come out right in a scratch root made by systemd's own tools, and
// the udev rule and folders agree with the config they serve.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "core/json_file.h"
#include "support/shell_command.h"
#include "support/test_folder.h"

namespace {

using kiosk::test::CommandResult;
using kiosk::test::have_program;
using kiosk::test::read_text_file;
using kiosk::test::run_command;

const std::filesystem::path source_dir = KIOSK_SOURCE_DIR;
const std::filesystem::path units_dir = source_dir / "systemd";

// Key=value lines of a unit's [Service] section (the last one of a repeated key).
std::map<std::string, std::string> service_settings(const std::filesystem::path& unit)
{
    std::map<std::string, std::string> settings;
    std::istringstream lines(read_text_file(unit));
    std::string line;
    bool in_service = false;
    while (std::getline(lines, line)) {
        if (!line.empty() && line[0] == '[')
            in_service = line == "[Service]";
        const auto equals = line.find('=');
        if (in_service && equals != std::string::npos && line[0] != '#')
            settings[line.substr(0, equals)] = line.substr(equals + 1);
    }
    return settings;
}

TEST(SystemdUnits, VerifyAcceptsBothServices)
{
    if (!have_program("systemd-analyze"))
        GTEST_SKIP() << "systemd-analyze not installed";
    // verify insists that ExecStart's program exists; the programs are not
    // installed here, so the copies point at stand-ins. Everything else is as shipped.
    const kiosk::test::TestFolder scratch("kiosk-units");
    std::filesystem::create_directories(scratch.path() / "bin");
    std::string units;
    for (const std::string name : {"kiosk", "review-server"}) {
        std::filesystem::create_symlink("/bin/true", scratch.path() / "bin" / name);
        std::string text = read_text_file(units_dir / (name + ".service"));
        const std::string exec = "ExecStart=/usr/bin/" + name;
        ASSERT_NE(text.find(exec), std::string::npos) << name;
        text.replace(text.find(exec), exec.size(), "ExecStart=" + (scratch.path() / "bin" / name).string());
        std::ofstream(scratch.path() / (name + ".service")) << text;
        units += " " + (scratch.path() / (name + ".service")).string();
    }
    const CommandResult verify = run_command("systemd-analyze verify" + units);
    EXPECT_EQ(verify.status, 0) << verify.output;
    EXPECT_EQ(verify.output, "");
}

TEST(SystemdUnits, KioskServiceIsANotifyServiceWithWatchdogAndHardening)
{
    const auto kiosk = service_settings(units_dir / "kiosk.service");
    EXPECT_EQ(kiosk.at("Type"), "notify");
    EXPECT_FALSE(kiosk.at("WatchdogSec").empty());
    EXPECT_EQ(kiosk.at("Restart"), "on-failure");
    EXPECT_EQ(kiosk.at("User"), "kiosk");
    EXPECT_EQ(kiosk.at("NoNewPrivileges"), "yes");
    EXPECT_EQ(kiosk.at("ProtectSystem"), "strict");
    EXPECT_EQ(kiosk.at("PrivateTmp"), "yes");
    EXPECT_EQ(kiosk.at("UMask"), "0077");
    // The one folder it may write under ProtectSystem=strict is the state folder its config names.
    const auto config = kiosk::load_json_file(source_dir / "config/kiosk/kiosk.json");
    EXPECT_EQ(kiosk.at("ReadWritePaths"), config.at("state_dir").get<std::string>());

    const auto review = service_settings(units_dir / "review-server.service");
    EXPECT_EQ(review.at("User"), "review-server");
    EXPECT_EQ(review.at("ProtectSystem"), "strict");
    const auto server = kiosk::load_json_file(source_dir / "config/review-server/server.json");
    EXPECT_EQ(review.at("ReadWritePaths"), server.at("data_dir").get<std::string>());
}

TEST(SystemdUnits, UsersAndStateFoldersInAScratchRoot)
{
    if (!have_program("systemd-sysusers") || !have_program("systemd-tmpfiles"))
        GTEST_SKIP() << "systemd-sysusers or systemd-tmpfiles not installed";
    const kiosk::test::TestFolder root("kiosk-units");
    std::filesystem::create_directories(root.path() / "etc");
    const std::string at = " --root=" + root.path().string() + " ";
    const CommandResult users = run_command("systemd-sysusers" + at + (units_dir / "kiosk.sysusers").string());
    ASSERT_EQ(users.status, 0) << users.output;
    const CommandResult folders = run_command("systemd-tmpfiles --create" + at + (units_dir / "kiosk.tmpfiles").string());
    ASSERT_EQ(folders.status, 0) << folders.output;

    // The scratch root's own users, as systemd made them.
    std::map<std::string, uid_t> uids;
    std::istringstream passwd(read_text_file(root.path() / "etc/passwd"));
    std::string line;
    while (std::getline(passwd, line)) {
        const auto first = line.find(':');
        const auto second = line.find(':', first + 1);
        uids[line.substr(0, first)] = static_cast<uid_t>(std::stoul(line.substr(second + 1)));
    }
    ASSERT_TRUE(uids.count("kiosk") && uids.count("review-server")) << read_text_file(root.path() / "etc/passwd");

    const auto expect_private = [&](const std::string& folder, const std::string& owner) {
        struct stat info {};
        ASSERT_EQ(::stat((root.path().string() + folder).c_str(), &info), 0) << folder;
        EXPECT_EQ(info.st_mode & 07777, 0700u) << folder;
        EXPECT_EQ(info.st_uid, uids.at(owner)) << folder;
    };
    // Every state folder a config names: the kiosk's, its receipts', its outbox, the review service's.
    expect_private(kiosk::load_json_file(source_dir / "config/kiosk/kiosk.json").at("state_dir"), "kiosk");
    expect_private(kiosk::load_json_file(source_dir / "config/receipt/kiosk.json").at("state_dir"), "kiosk");
    expect_private(kiosk::load_json_file(source_dir / "config/upload/upload.json").at("outbox").at("spool_dir"),
                   "kiosk");
    expect_private(kiosk::load_json_file(source_dir / "config/review-server/server.json").at("data_dir"),
                   "review-server");
}

TEST(SystemdUnits, UdevRuleNamesTheControllerOfTheConfig)
{
    const auto usb = kiosk::load_json_file(source_dir / "config/lightseat/controller.json").at("usb");
    // "0x1209" in the config, "1209" in sysfs.
    const auto sysfs_id = [](const nlohmann::json& id) { return id.get<std::string>().substr(2); };
    const std::string rule = read_text_file(units_dir / "70-kiosk-lightseat.rules");
    EXPECT_NE(rule.find("ATTR{idVendor}==\"" + sysfs_id(usb.at("vendor_id")) + "\""), std::string::npos) << rule;
    EXPECT_NE(rule.find("ATTR{idProduct}==\"" + sysfs_id(usb.at("product_id")) + "\""), std::string::npos) << rule;
    EXPECT_NE(rule.find("GROUP=\"kiosk\""), std::string::npos);
    EXPECT_NE(rule.find("MODE=\"0660\""), std::string::npos);
}

} // namespace
