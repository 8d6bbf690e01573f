#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/paths.h"
#include "receipt/receipt_config.h"
#include "receipt/receipt_number.h"
#include "support/test_folder.h"

namespace {

using namespace kiosk::receipt;
using namespace std::chrono;

TEST(ReceiptConfig, ShippedFilesLoad)
{
    const auto config = kiosk::config_dir();
    const auto kiosk = load_kiosk_identity(config);
    EXPECT_TRUE(is_valid_kiosk_id(kiosk.kiosk_id));
    const auto cities = load_city_table(config);
    EXPECT_NO_THROW(cities.find(kiosk.default_city));
    EXPECT_EQ(slip_layout_ids(config), (std::vector<std::string>{"58mm", "80mm"}));
    for (const auto& id : slip_layout_ids(config)) {
        const auto layout = load_slip_layout(config, id);
        EXPECT_EQ(layout.dpi, 203);
        EXPECT_LT(layout.printable_width_mm, layout.paper_width_mm);
    }
    const auto text = load_slip_text(config);
    EXPECT_EQ(text.labels.size(), 6u);
}

TEST(ReceiptConfig, UnknownNamesAreClearErrors)
{
    const auto config = kiosk::config_dir();
    try {
        load_city_table(config).find("atlantis");
        FAIL() << "accepted an unknown city";
    } catch (const kiosk::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("guangzhou"), std::string::npos) << "lists the known cities";
    }
    EXPECT_THROW(load_slip_layout(config, "110mm"), kiosk::InputError);
    EXPECT_THROW(load_slip_layout(config, "../specs/resident-id"), kiosk::InputError);
}

TEST(ReceiptConfig, ValidUntilCountsTheDayTakenAsDayOne)
{
    const City plain{"x", {"甲", "X"}, {}};
    EXPECT_EQ(valid_until(year{2025} / March / 1, 60, plain, "resident-id"), year{2025} / April / 29);
    EXPECT_EQ(valid_until(year{2025} / March / 1, 1, plain, "resident-id"), year{2025} / March / 1);
    EXPECT_EQ(valid_until(year{2024} / December / 31, 2, plain, "resident-id"), year{2025} / January / 1);
}

TEST(ReceiptConfig, CityOverrideWinsOverTheSpecDefault)
{
    const City longer{"sz", {"深圳市", "Shenzhen"}, {{"resident-id", 180}}};
    EXPECT_EQ(valid_until(year{2025} / November / 25, 60, longer, "resident-id"),
              year_month_day{sys_days(year{2025} / November / 25) + days(179)});
    EXPECT_EQ(valid_until(year{2025} / November / 25, 60, longer, "driver-licence"), year{2026} / January / 23);
    EXPECT_EQ(iso_date(year{2026} / January / 3), "2026-01-03");
}

// The slip's QR code is the receipt's status page: the address comes from
// config/receipt/kiosk.json and must say where the number goes.
TEST(ReceiptConfig, StatusUrlHoldsTheNumberOnce)
{
    const auto shipped = load_kiosk_identity(kiosk::config_dir());
    const auto number = ReceiptNumber::issue(shipped.kiosk_id, year{2025} / November / 25, 42);
    const auto url = status_url_of(shipped, number);
    EXPECT_EQ(url.find("{number}"), std::string::npos) << url;
    EXPECT_TRUE(url.ends_with("/" + number.str())) << url;

    const kiosk::test::TestFolder folder("kiosk-status-url");
    std::filesystem::create_directories(folder.path() / "receipt");
    auto json = nlohmann::json::parse(std::ifstream(kiosk::config_dir() / "receipt" / "kiosk.json"));
    for (const std::string bad : {"https://review.example.cn/status/", "https://x/{number}/{number}",
                                  "javascript:{number}"}) {
        json["status_url"] = bad;
        std::ofstream(folder.path() / "receipt" / "kiosk.json") << json.dump();
        try {
            load_kiosk_identity(folder.path());
            ADD_FAILURE() << bad << " was accepted";
        } catch (const kiosk::ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find("status_url"), std::string::npos) << e.what();
        }
    }
}

} // namespace
