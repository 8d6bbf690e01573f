// `cpack -G DEB` on this build folder, and the package it makes read back
// with dpkg-deb: every part in its Debian place, the programs where the
// units run them, the config where the programs look for it; and its
// postinst run in a scratch root (DPKG_ROOT), making the users, the state
// folders and the services' private secrets.
#include <filesystem>
#include <memory>
#include <set>
#include <vector>
#include <sstream>

#include <unistd.h>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/durable_file.h"
#include "health/health_config.h"
#include "support/shell_command.h"
#include "support/test_folder.h"

namespace {

using kiosk::test::CommandResult;
using kiosk::test::have_program;
using kiosk::test::run_command;

class DebianPackage : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        scratch_ = std::make_unique<kiosk::test::TestFolder>("kiosk-deb");
        if (!have_program("cpack") || !have_program("dpkg-deb"))
            return;
        made_ = run_command("cpack -G DEB --config " KIOSK_BINARY_DIR "/CPackConfig.cmake -B " + scratch_->path().string());
        for (const auto& entry : std::filesystem::directory_iterator(scratch_->path())) {
            if (entry.path().extension() == ".deb")
                deb_ = entry.path();
        }
    }
    static void TearDownTestSuite() { scratch_.reset(); }

    void SetUp() override
    {
        if (!have_program("cpack") || !have_program("dpkg-deb"))
            GTEST_SKIP() << "cpack or dpkg-deb not installed";
        ASSERT_EQ(made_.status, 0) << made_.output;
        ASSERT_FALSE(deb_.empty()) << "no .deb made:\n" << made_.output;
    }

    // Paths in the package without the leading "./", folders with a trailing '/'.
    static std::set<std::string> contents()
    {
        const CommandResult listing = run_command("dpkg-deb --contents " + deb_.string());
        std::set<std::string> paths;
        std::istringstream lines(listing.output);
        std::string line;
        while (std::getline(lines, line)) {
            const auto at = line.find(" ./");
            if (at != std::string::npos)
                paths.insert(line.substr(at + 3));
        }
        return paths;
    }

    // One package for the whole suite: cpack takes a while.
    static std::unique_ptr<kiosk::test::TestFolder> scratch_;
    static std::filesystem::path deb_;
    static CommandResult made_;
};

std::unique_ptr<kiosk::test::TestFolder> DebianPackage::scratch_;
std::filesystem::path DebianPackage::deb_;
CommandResult DebianPackage::made_;

TEST_F(DebianPackage, EveryPartIsInItsDebianPlace)
{
    const auto paths = contents();
    const std::string config = std::string(KIOSK_INSTALL_CONFIG_DIR).substr(1);
    for (const std::string& expected : std::vector<std::string>{
             "usr/bin/kiosk",
             "usr/bin/kioskctl",
             "usr/bin/photo-check",
             "usr/bin/review-server",
             "usr/lib/systemd/system/kiosk.service",
             "usr/lib/systemd/system/review-server.service",
             "usr/lib/sysusers.d/kiosk.conf",
             "usr/lib/tmpfiles.d/kiosk.conf",
             "usr/lib/udev/rules.d/70-kiosk-lightseat.rules",
             "usr/share/doc/kiosk/README.md",
             // The config folder exactly where the programs were built to look for it.
             config + "/specs/defaults.json",
             config + "/text/zh-CN.json",
             config + "/health/health.json",
             config + "/monitoring/kiosk-alerts.yml",
         })
        EXPECT_TRUE(paths.count(expected)) << expected;

    for (const std::string& path : paths) {
        EXPECT_TRUE(path.rfind("usr/", 0) == 0) << path << " is outside /usr";
        EXPECT_EQ(path.find("-test"), std::string::npos) << "a test program is packaged: " << path;
        EXPECT_EQ(path.find("-bench"), std::string::npos) << "a benchmark is packaged: " << path;
    }
}

TEST_F(DebianPackage, ControlNamesTheLibrariesAndRunsTheSetUp)
{
    const CommandResult depends = run_command("dpkg-deb --field " + deb_.string() + " Depends");
    ASSERT_EQ(depends.status, 0) << depends.output;
    // Found by dpkg-shlibdeps in the programs, and the data named by hand.
    for (const char* package : {"libc6", "libopencv-core", "libsqlite3", "libusb-1.0-0", "libcups2", "libdlib-data", "systemd"})
        EXPECT_NE(depends.output.find(package), std::string::npos) << package << " missing from: " << depends.output;

    const auto control = scratch_->path() / "control";
    const CommandResult extracted = run_command("dpkg-deb --control " + deb_.string() + " " + control.string());
    ASSERT_EQ(extracted.status, 0) << extracted.output;
    ASSERT_TRUE(std::filesystem::exists(control / "postinst"));
    EXPECT_NE(std::filesystem::status(control / "postinst").permissions() & std::filesystem::perms::owner_exec,
              std::filesystem::perms::none);
    const CommandResult syntax = run_command("sh -n " + (control / "postinst").string());
    EXPECT_EQ(syntax.status, 0) << syntax.output;
}

TEST_F(DebianPackage, UnpackedUnitsVerifyAgainstThePackagedPrograms)
{
    if (!have_program("systemd-analyze"))
        GTEST_SKIP() << "systemd-analyze not installed";
    const auto root = scratch_->path() / "root";
    const CommandResult unpacked = run_command("dpkg-deb --extract " + deb_.string() + " " + root.string());
    ASSERT_EQ(unpacked.status, 0) << unpacked.output;
    EXPECT_NE(std::filesystem::status(root / "usr/bin/kiosk").permissions() & std::filesystem::perms::others_exec,
              std::filesystem::perms::none);
    // The units' dependencies (sysinit.target, ...) come from the host's
    // systemd, as they would on the kiosk; ExecStart= then finds the packaged programs.
    std::filesystem::create_directories(root / "lib/systemd");
    std::filesystem::copy("/lib/systemd/system", root / "lib/systemd/system",
                          std::filesystem::copy_options::recursive | std::filesystem::copy_options::copy_symlinks);
    const CommandResult verify =
        run_command("systemd-analyze verify --root=" + root.string() + " " + (root / "usr/lib/systemd/system/kiosk.service").string() +
            " " + (root / "usr/lib/systemd/system/review-server.service").string());
    EXPECT_EQ(verify.status, 0) << verify.output;
    EXPECT_EQ(verify.output, "");
}

// The uid a scratch root's passwd gives `user`, -1 when it has none.
long uid_in(const std::filesystem::path& root, const std::string& user)
{
    std::istringstream passwd(kiosk::read_whole_file(root / "etc/passwd"));
    for (std::string line; std::getline(passwd, line);)
        if (line.rfind(user + ":", 0) == 0) {
            std::istringstream fields(line);
            std::string field;
            for (int i = 0; i < 3; ++i)
                std::getline(fields, field, ':');
            return std::stol(field);
        }
    return -1;
}

TEST_F(DebianPackage, PostinstMakesTheUsersFoldersAndPrivateSecretsOnceInAScratchRoot)
{
    if (::geteuid() != 0)
        GTEST_SKIP() << "the postinst gives the secrets to the service users: that needs root";
    if (!have_program("systemd-sysusers") || !have_program("systemd-tmpfiles"))
        GTEST_SKIP() << "systemd-sysusers or systemd-tmpfiles not installed";
    const auto root = scratch_->path() / "installed";
    const auto control = scratch_->path() / "postinst-control";
    ASSERT_EQ(run_command("dpkg-deb --extract " + deb_.string() + " " + root.string()).status, 0);
    ASSERT_EQ(run_command("dpkg-deb --control " + deb_.string() + " " + control.string()).status, 0);
    // The package ships nothing under /etc; a system it lands on has one.
    std::filesystem::create_directories(root / "etc");
    const std::string postinst = "DPKG_ROOT=" + root.string() + " " + (control / "postinst").string() + " configure";
    const CommandResult first = run_command(postinst);
    ASSERT_EQ(first.status, 0) << first.output;

    const long kiosk_uid = uid_in(root, "kiosk");
    const long review_uid = uid_in(root, "review-server");
    ASSERT_GT(kiosk_uid, 0) << kiosk::read_whole_file(root / "etc/passwd");
    ASSERT_GT(review_uid, 0);
    struct stat state {};
    ASSERT_EQ(::stat((root / "var/lib/kiosk").c_str(), &state), 0);
    EXPECT_EQ(state.st_mode & 0777, 0700u);
    EXPECT_EQ(static_cast<long>(state.st_uid), kiosk_uid);

    const auto check_secret = [&](const std::filesystem::path& file, long owner) {
        struct stat info {};
        ASSERT_EQ(::stat(file.c_str(), &info), 0) << file;
        EXPECT_EQ(info.st_mode & 0777, 0600u) << file;
        EXPECT_EQ(static_cast<long>(info.st_uid), owner) << file;
    };
    const auto token_file = root / "etc/kiosk/health-token.json";
    const auto key_file = root / "etc/review-server/applicant-key.json";
    check_secret(token_file, kiosk_uid);
    check_secret(key_file, review_uid);
    // What the kiosk and the review service will read: a token the endpoint
    // accepts, a key of 32 bytes in hex.
    EXPECT_EQ(kiosk::health::load_bearer_token(token_file, 32).size(), 44u);
    const auto key = kiosk::read_whole_file(key_file);
    EXPECT_NE(key.find("\"applicant_key_hex\": \""), std::string::npos) << key;
    EXPECT_EQ(key.size(), std::string("{\"applicant_key_hex\": \"\"}\n").size() + 64) << key;

    // Upgrades run it again: the secrets stay as they were.
    const auto token_before = kiosk::read_whole_file(token_file);
    const CommandResult again = run_command(postinst);
    ASSERT_EQ(again.status, 0) << again.output;
    EXPECT_EQ(kiosk::read_whole_file(token_file), token_before);
    EXPECT_EQ(kiosk::read_whole_file(key_file), key);
}

} // namespace
