// `kioskctl receipt` as a technician runs it: a slip on success, a clear
// message and no file at all on bad input.
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <sys/wait.h>

#include "core/paths.h"
#include "support/slip_reading.h"
#include "support/synthetic_portrait.h"
#include "support/test_folder.h"

namespace {

class KioskctlReceipt : public ::testing::Test {
protected:
    void SetUp() override
    {
        cv::imwrite((dir_.path() / "photo.jpg").string(), kiosk::test::synthetic_portrait(358, 441));
    }

    // Runs kioskctl with `args`; returns the exit code, stderr in err_.
    int run(const std::string& args, const std::string& env = "")
    {
        const std::string cmd = env + " '" + std::string(KIOSKCTL_BIN) + "' receipt " + args + " 2>'" +
                                (dir_.path() / "stderr").string() + "' >/dev/null";
        const int status = std::system(cmd.c_str());
        std::ifstream in(dir_.path() / "stderr");
        err_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    std::string args(const std::string& number, const std::string& photo, const std::string& spec,
                     const std::string& city, const std::string& date = "2025-11-25") const
    {
        return "--number '" + number + "' --photo '" + photo + "' --spec '" + spec + "' --city '" + city +
               "' --out '" + (dir_.path() / "slip.pdf").string() + "' --date '" + date + "'";
    }

    std::string photo() const { return (dir_.path() / "photo.jpg").string(); }
    bool no_output() const { return !std::filesystem::exists(dir_.path() / "slip.pdf"); }

    kiosk::test::TestFolder dir_{"kiosk-ctl"};
    std::string err_;
};

TEST_F(KioskctlReceipt, RendersASlipWithTheNumber)
{
    const auto raster = dir_.path() / "slip.png";
    ASSERT_EQ(run(args("gz001-251125-0160", photo(), "resident-id", "shenzhen") + " --paper 58mm --raster '" +
                  raster.string() + "'"),
              0)
        << err_;
    const cv::Mat dots = cv::imread(raster.string(), cv::IMREAD_GRAYSCALE);
    ASSERT_FALSE(dots.empty());
    EXPECT_NEAR(dots.cols, 58 / 25.4 * 203, 1.0);
    const auto qr = kiosk::test::texts_of(kiosk::test::decode_codes(dots), "QRCode");
    ASSERT_EQ(qr.size(), 1u);
    EXPECT_TRUE(qr[0].ends_with("/GZ0012511250160")) << "the status page of the slip's own number: " << qr[0];
    const std::string text = kiosk::test::pdf_text(dir_.path() / "slip.pdf");
    EXPECT_NE(text.find("GZ001 251125 0160"), std::string::npos) << text;
    EXPECT_NE(text.find("深圳市"), std::string::npos);
    EXPECT_NE(text.find("2026-05-23"), std::string::npos) << "Shenzhen's 180-day resident-id validity";
}

TEST_F(KioskctlReceipt, BadInputIsExplainedAndWritesNothing)
{
    struct Case {
        std::string args;
        std::string says;
    };
    const std::string good = "GZ0012511250160";
    const std::vector<Case> cases = {
        {args("GZ0012511250161", photo(), "resident-id", "guangzhou"), "check character"},
        {args("回执号", photo(), "resident-id", "guangzhou"), "0-9 and A-Z"},
        {args(good, (dir_.path() / "absent.jpg").string(), "resident-id", "guangzhou"), "does not exist"},
        {args(good, photo(), "passport-of-mars", "guangzhou"), "unknown spec"},
        {args(good, photo(), "身份证", "guangzhou"), "unknown spec"},
        {args(good, photo(), "resident-id", "atlantis"), "unknown city"},
        {args(good, photo(), "resident-id", std::string(300, 'x')), "unknown city"},
        {args(good, photo(), "resident-id", "广州"), "unknown city"},
        {args(good, photo(), "driver-licence", "guangzhou"), "not the photo made for this document"},
        {args(good, photo(), "resident-id", "guangzhou") + " --paper 110mm", "unknown paper"},
        {args(good, photo(), "resident-id", "guangzhou", "2025-02-30"), "not a real day"},
        {args(good, photo(), "resident-id", "guangzhou", "25/11/2025"), "YYYY-MM-DD"},
        {args(good, photo(), "resident-id", "guangzhou") + " --raster '" + (dir_.path() / "slip.xyz").string() + "'",
         "use a .png"},
    };
    for (const auto& c : cases) {
        EXPECT_NE(run(c.args), 0) << c.args;
        EXPECT_NE(err_.find(c.says), std::string::npos) << c.args << "\n" << err_;
        EXPECT_TRUE(no_output()) << c.args;
        EXPECT_FALSE(std::filesystem::exists(dir_.path() / "slip.xyz"));
    }
}

TEST_F(KioskctlReceipt, OverlongCityNameInConfigIsRefusedAndWritesNothing)
{
    // A city table edited with a name too long for the slip's two lines.
    const auto config = dir_.path() / "config";
    std::filesystem::copy(kiosk::config_dir(), config, std::filesystem::copy_options::recursive);
    std::string name;
    for (int i = 0; i < 80; ++i)
        name += "长";
    std::ofstream(config / "receipt/cities.json")
        << R"({"cities": {"long": {"name": {"zh-CN": ")" << name << R"(", "en": "Long"}, "validity_days": {}}}})";
    EXPECT_EQ(run(args("GZ0012511250160", photo(), "resident-id", "long"), "KIOSK_CONFIG_DIR='" + config.string() + "'"),
              2);
    EXPECT_NE(err_.find("the city name needs"), std::string::npos) << err_;
    EXPECT_TRUE(no_output());
}

} // namespace
