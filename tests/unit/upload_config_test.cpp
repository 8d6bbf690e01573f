// Upload settings and the kiosk's protected secrets: the shipped file loads,
// and every bad value is refused with the field named.
#include <fstream>
#include <functional>

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/paths.h"
#include "support/test_folder.h"
#include "upload/backoff_policy.h"
#include "upload/upload_config.h"

namespace {

using namespace kiosk;
using namespace kiosk::upload;
using namespace std::chrono;

const std::string kHex32(64, 'a');

std::filesystem::path write(const std::filesystem::path& path, const std::string& text,
                            std::filesystem::perms mode = std::filesystem::perms::owner_read |
                                                          std::filesystem::perms::owner_write)
{
    std::ofstream(path) << text;
    std::filesystem::permissions(path, mode);
    return path;
}

std::string config_text(const std::string& backoff)
{
    return R"({"service": {"host": "127.0.0.1", "port": 8470, "connect_timeout_ms": 100, "request_timeout_ms": 200},
               "outbox": {"spool_dir": "spool", "retention_hours": 1, "housekeeping_interval_ms": 500, "backoff": )" +
           backoff + R"(}, "secrets_file": "secrets.json"})";
}

void expect_config_error(const std::function<void()>& load, const std::string& mentions)
{
    try {
        load();
        ADD_FAILURE() << "accepted, expected an error mentioning " << mentions;
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find(mentions), std::string::npos) << e.what();
    }
}

TEST(UploadConfig, TheShippedFileLoads)
{
    const auto config = load_upload_config(config_dir() / "upload" / "upload.json");
    EXPECT_FALSE(config.service.host.empty());
    EXPECT_GT(config.service.port, 0);
    EXPECT_TRUE(config.spool_dir.is_absolute());
    EXPECT_LE(config.backoff.initial, config.backoff.max);
}

TEST(UploadConfig, RelativePathsAreBesideTheFile)
{
    kiosk::test::TestFolder folder{"kiosk-upload"};
    const auto file = write(folder.path() / "upload.json",
                            config_text(R"({"initial_ms": 10, "max_ms": 100, "multiplier": 2, "jitter": 0.1})"));
    const auto config = load_upload_config(file);
    EXPECT_EQ(config.spool_dir, folder.path() / "spool");
    EXPECT_EQ(config.secrets_file, folder.path() / "secrets.json");
    EXPECT_EQ(config.backoff.initial, milliseconds(10));
    EXPECT_EQ(config.retention, hours(1));
    EXPECT_EQ(config.housekeeping_interval, milliseconds(500));
}

TEST(UploadConfig, BadBackoffIsRefusedByName)
{
    kiosk::test::TestFolder folder{"kiosk-upload"};
    const auto file = folder.path() / "upload.json";
    write(file, config_text(R"({"initial_ms": 100, "max_ms": 10, "multiplier": 2, "jitter": 0.1})"));
    expect_config_error([&] { load_upload_config(file); }, "max_ms");
    write(file, config_text(R"({"initial_ms": 10, "max_ms": 100, "multiplier": 2, "jitter": 1.5})"));
    expect_config_error([&] { load_upload_config(file); }, "jitter");
    write(file, config_text(R"({"initial_ms": 10, "max_ms": 100, "multiplier": 0.5, "jitter": 0})"));
    expect_config_error([&] { load_upload_config(file); }, "multiplier");
    write(file, config_text(R"({"initial_ms": "soon", "max_ms": 100, "multiplier": 2, "jitter": 0})"));
    expect_config_error([&] { load_upload_config(file); }, "initial_ms");
    write(file, config_text(R"({"max_ms": 100, "multiplier": 2, "jitter": 0})"));
    expect_config_error([&] { load_upload_config(file); }, "initial_ms");
}

TEST(UploadConfig, RetentionTakesFractionsOfAnHourAndRefusesNegatives)
{
    kiosk::test::TestFolder folder{"kiosk-upload"};
    const auto file = folder.path() / "upload.json";
    const auto with_retention = [](const std::string& hours_text) {
        auto text = config_text(R"({"initial_ms": 10, "max_ms": 100, "multiplier": 2, "jitter": 0.1})");
        return text.replace(text.find("\"retention_hours\": 1"), 20, "\"retention_hours\": " + hours_text);
    };
    write(file, with_retention("0.01"));
    EXPECT_EQ(load_upload_config(file).retention, seconds(36));
    write(file, with_retention("-1"));
    expect_config_error([&] { load_upload_config(file); }, "retention_hours");
    write(file, with_retention("\"3 days\""));
    expect_config_error([&] { load_upload_config(file); }, "retention_hours");
}

TEST(KioskSecrets, LoadsAnOwnerOnlyFile)
{
    kiosk::test::TestFolder folder{"kiosk-upload"};
    const auto file = write(folder.path() / "secrets.json",
                            R"({"kiosk_id": "GZ001", "at_rest_key_hex": ")" + kHex32 +
                                R"(", "signing_key_hex": ")" + kHex32 + R"("})");
    const auto secrets = load_kiosk_secrets(file);
    EXPECT_EQ(secrets.kiosk_id, "GZ001");
    EXPECT_EQ(secrets.at_rest_key[0], 0xaa);
    EXPECT_EQ(secrets.signing_key, std::string(32, '\xaa'));
}

TEST(KioskSecrets, RefusesAFileOthersCanRead)
{
    kiosk::test::TestFolder folder{"kiosk-upload"};
    const auto file = write(folder.path() / "secrets.json",
                            R"({"kiosk_id": "GZ001", "at_rest_key_hex": ")" + kHex32 +
                                R"(", "signing_key_hex": ")" + kHex32 + R"("})",
                            std::filesystem::perms::owner_read | std::filesystem::perms::group_read);
    expect_config_error([&] { load_kiosk_secrets(file); }, "chmod 600");
}

TEST(KioskSecrets, RefusesKeysOfTheWrongSizeOrNotHex)
{
    kiosk::test::TestFolder folder{"kiosk-upload"};
    const auto file = folder.path() / "secrets.json";
    write(file, R"({"kiosk_id": "GZ001", "at_rest_key_hex": "abcd", "signing_key_hex": ")" + kHex32 + R"("})");
    expect_config_error([&] { load_kiosk_secrets(file); }, "at_rest_key_hex");
    write(file, R"({"kiosk_id": "GZ001", "at_rest_key_hex": ")" + kHex32 + R"(", "signing_key_hex": "zz"})");
    expect_config_error([&] { load_kiosk_secrets(file); }, "signing_key_hex");
    write(file, R"({"kiosk_id": "GZ001", "at_rest_key_hex": ")" + kHex32 + R"(", "signing_key_hex": "abcd"})");
    expect_config_error([&] { load_kiosk_secrets(file); }, "at least 32 bytes");
}

TEST(BackoffPolicy, GrowsToItsCapAndNeverOverflows)
{
    const BackoffPolicy policy{milliseconds(1000), milliseconds(60000), 2.0, 0.25};
    EXPECT_EQ(policy.delay_after(1, 0.0), milliseconds(1000));
    EXPECT_EQ(policy.delay_after(2, 0.0), milliseconds(2000));
    EXPECT_EQ(policy.delay_after(3, 0.0), milliseconds(4000));
    EXPECT_EQ(policy.delay_after(3, 1.0), milliseconds(3000)) << "jitter takes off up to a quarter";
    EXPECT_EQ(policy.delay_after(7, 0.0), milliseconds(60000));
    EXPECT_EQ(policy.delay_after(100000, 0.0), milliseconds(60000));
    EXPECT_EQ(policy.delay_after(100000, 0.999), milliseconds(45015));
}

} // namespace
