// kioskctl fleet's inventory: the sample as shipped, and every bad entry
// refused with the file, the line and the kiosk it is about.
#include <filesystem>
#include <fstream>

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/paths.h"
#include "fleet_inventory.h"
#include "support/test_folder.h"

namespace kiosk::ctl {
namespace {

const std::string token = "fleet-inventory-token-0123456789abcdef";

class FleetInventoryTest : public testing::Test {
protected:
    void SetUp() override
    {
        std::filesystem::create_directories(folder_.path() / "tokens");
        write_token("tokens/k.json", 0600);
    }

    void write_token(const std::string& name, mode_t mode, const std::string& value = token) const
    {
        const auto file = folder_.path() / name;
        std::ofstream(file) << "{\"bearer_token\": \"" << value << "\"}\n";
        ::chmod(file.c_str(), mode);
    }

    std::filesystem::path write(const std::string& toml) const
    {
        const auto file = folder_.path() / "kiosks.toml";
        std::ofstream(file) << toml;
        return file;
    }

    // The message load_fleet_inventory refuses `toml` with.
    std::string refusal(const std::string& toml) const
    {
        try {
            load_fleet_inventory(write(toml), 32);
        } catch (const InputError& error) {
            return error.what();
        }
        return "accepted";
    }

    std::string at(int line) const { return (folder_.path() / "kiosks.toml").string() + ":" + std::to_string(line) + ": "; }

    kiosk::test::TestFolder folder_{"kiosk-fleet-inventory"};
};

const std::string good_kiosk = "[[kiosk]]\n"
                               "name = \"cy-01\"\n"
                               "hall = \"朝阳区政务服务中心\"\n"
                               "url = \"http://10.20.1.11:9470\"\n"
                               "token_file = \"tokens/k.json\"\n";

TEST_F(FleetInventoryTest, TheShippedSampleReads)
{
    std::filesystem::copy_file(config_dir() / "fleet" / "kiosks.sample.toml", folder_.path() / "kiosks.toml");
    for (const char* name : {"cy-01", "cy-02", "hd-01"})
        write_token(std::string("tokens/") + name + ".json", 0600);
    const auto kiosks = load_fleet_inventory(folder_.path() / "kiosks.toml", 32);
    ASSERT_EQ(kiosks.size(), 3u);
    EXPECT_EQ(kiosks[0].name, "cy-01");
    EXPECT_EQ(kiosks[0].hall, "朝阳区政务服务中心");
    EXPECT_EQ(kiosks[0].endpoint.host, "10.20.1.11");
    EXPECT_EQ(kiosks[0].endpoint.port, 9470);
    EXPECT_EQ(kiosks[0].bearer_token, token);
    EXPECT_EQ(kiosks[2].name, "hd-01");
    EXPECT_GT(kiosks[1].line, kiosks[0].line);
}

TEST_F(FleetInventoryTest, HealthUrls)
{
    const auto plain = parse_health_url("http://kiosk-7.hall.example:9470/");
    EXPECT_EQ(plain.host, "kiosk-7.hall.example");
    EXPECT_EQ(plain.port, 9470);
    EXPECT_EQ(plain.prefix, "");
    const auto v6 = parse_health_url("http://[fd00::7]:9470/proxy/k7");
    EXPECT_EQ(v6.host, "fd00::7");
    EXPECT_EQ(v6.prefix, "/proxy/k7");
    for (const char* bad : {"https://10.0.0.1:9470", "10.0.0.1:9470", "http://10.0.0.1", "http://:9470",
                            "http://10.0.0.1:0", "http://10.0.0.1:70000", "http://10.0.0.1:94x0",
                            "http://user:pw@10.0.0.1:9470", "http://[fd00::7:9470", "http://10.0.0.1:9470/x?y=1"})
        EXPECT_THROW(parse_health_url(bad), InputError) << bad;
}

TEST_F(FleetInventoryTest, BadEntriesNameTheLineAndTheKiosk)
{
    EXPECT_EQ(refusal(good_kiosk + "\n[[kiosk]]\nname = \"cy-02\"\nhall = \"A\"\ntoken_file = \"tokens/k.json\"\n"),
              at(7) + "kiosk 2 (cy-02): 'url' is missing");
    EXPECT_EQ(refusal(good_kiosk + "tokn_file = \"x\"\n"),
              at(6) + "kiosk 1 (cy-01): unknown key 'tokn_file' (expected name, hall, url, token_file)");
    EXPECT_EQ(refusal("[[kiosk]]\nname = 7\nhall = \"A\"\nurl = \"http://a:1\"\ntoken_file = \"tokens/k.json\"\n"),
              at(2) + "kiosk 1: 'name' must be a string");
    EXPECT_EQ(refusal("[[kiosk]]\nname = \"\"\nhall = \"A\"\nurl = \"http://a:1\"\ntoken_file = \"tokens/k.json\"\n"),
              at(2) + "kiosk 1: 'name' is empty");
    EXPECT_EQ(refusal("[[kiosk]]\nname = \"x\"\nhall = \"A\"\nurl = \"https://a:1\"\ntoken_file = \"tokens/k.json\"\n"),
              at(4) + "kiosk 1 (x): url 'https://a:1': the kiosk's health endpoint speaks plain http, not https");
    EXPECT_EQ(refusal(good_kiosk + "\n" + good_kiosk), at(8) + "kiosk 2 (cy-01): the name is already used at line 2");
    EXPECT_EQ(refusal("[fleet]\nname = \"x\"\n"),
              at(1) + "unknown top-level key 'fleet' (kiosks are [[kiosk]] tables)");
    EXPECT_EQ(refusal("# nothing yet\n"), (folder_.path() / "kiosks.toml").string() + ": names no kiosk (add a [[kiosk]] table per kiosk)");
    EXPECT_EQ(refusal("kiosk = 3\n"), (folder_.path() / "kiosks.toml").string() + ": names no kiosk (add a [[kiosk]] table per kiosk)");

    const std::string not_toml = refusal(good_kiosk + "url = \n");
    EXPECT_EQ(not_toml.rfind(at(6) + "not valid TOML: ", 0), 0u) << not_toml;

    EXPECT_THROW(load_fleet_inventory(folder_.path() / "missing.toml", 32), InputError);
}

TEST_F(FleetInventoryTest, TokenFilesMustBePrivateAndLongEnough)
{
    write_token("tokens/open.json", 0644);
    write_token("tokens/short.json", 0600, "short");
    const std::string open = refusal("[[kiosk]]\nname = \"x\"\nhall = \"A\"\nurl = \"http://a:1\"\ntoken_file = \"tokens/open.json\"\n");
    EXPECT_EQ(open.rfind(at(5) + "kiosk 1 (x): token_file: ", 0), 0u) << open;
    EXPECT_NE(open.find("chmod 600"), std::string::npos) << open;
    const std::string short_token = refusal("[[kiosk]]\nname = \"x\"\nhall = \"A\"\nurl = \"http://a:1\"\ntoken_file = \"tokens/short.json\"\n");
    EXPECT_NE(short_token.find("shorter than 32"), std::string::npos) << short_token;
    EXPECT_EQ(short_token.find("short\""), std::string::npos) << "the token itself is never echoed";
    const std::string missing = refusal("[[kiosk]]\nname = \"x\"\nhall = \"A\"\nurl = \"http://a:1\"\ntoken_file = \"tokens/none.json\"\n");
    EXPECT_EQ(missing.rfind(at(5) + "kiosk 1 (x): token_file: ", 0), 0u) << missing;
}

} // namespace
} // namespace kiosk::ctl
