// config/session.json: the shipped file loads, and a bad value is refused
// with the file and field named.
#include <filesystem>
#include <fstream>
#include <functional>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/json_file.h"
#include "core/paths.h"
#include "session/session_settings.h"
#include "support/test_folder.h"

namespace {

using namespace kiosk;
using namespace kiosk::session;

TEST(SessionSettings, TheShippedFileLoads)
{
    const SessionSettings s = SessionSettings::load(config_dir());
    EXPECT_EQ(s.locales.front(), "zh-CN");
    EXPECT_EQ(s.capture.countdown_from, 3);
    EXPECT_EQ(s.guidance_priority.size(), 24u) << "every check ranked";
    EXPECT_TRUE(s.idle.timeout.contains(Step::ApplicantDetails));
    EXPECT_FALSE(s.idle.timeout.contains(Step::Uploading)) << "the machine's own steps do not wait on the citizen";
    EXPECT_EQ(s.seat.travel.min_mm, 380) << "end stops from the controller's config";
    EXPECT_EQ(s.seat.travel.max_mm, 620);
    const auto& resident = s.fields_for("resident-id");
    ASSERT_EQ(resident.size(), 3u);
    EXPECT_TRUE(resident[2].optional);
    EXPECT_EQ(&s.fields_for("no-such-spec"), &s.fields.at("default"));
}

// A config folder holding the shipped files with one change to session.json.
class BrokenSettings : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::filesystem::create_directories(dir_.path() / "lightseat");
        std::filesystem::copy_file(config_dir() / "lightseat" / "controller.json",
                                   dir_.path() / "lightseat" / "controller.json");
        shipped_ = load_json_file(config_dir() / "session.json");
    }

    void expect_refused(const std::function<void(nlohmann::json&)>& change, const std::string& mentions)
    {
        nlohmann::json broken = shipped_;
        change(broken);
        std::ofstream(dir_.path() / "session.json") << broken.dump();
        try {
            SessionSettings::load(dir_.path());
            ADD_FAILURE() << "accepted, expected an error mentioning " << mentions;
        } catch (const ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find(mentions), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("session.json"), std::string::npos) << e.what();
        }
    }

    kiosk::test::TestFolder dir_{"session-settings"};
    nlohmann::json shipped_;
};

TEST_F(BrokenSettings, EveryBadValueIsNamed)
{
    expect_refused([](auto& j) { j["locales"] = {"fr"}; }, "locales");
    expect_refused([](auto& j) { j["fields"].erase("default"); }, "default");
    expect_refused([](auto& j) { j["fields"]["resident-id"][0]["field"] = "shoe_size"; }, "shoe_size");
    expect_refused([](auto& j) { j["fields"]["resident-id"][1]["field"] = "name"; }, "twice");
    expect_refused([](auto& j) { j["fields"]["resident-id"][2]["optional"] = "yes"; }, "optional");
    expect_refused([](auto& j) { j["idle"]["timeout_ms"]["lunch"] = 1000; }, "lunch");
    expect_refused([](auto& j) { j["idle"]["timeout_ms"]["review"] = 1000; }, "warning_ms");
    expect_refused([](auto& j) { j["capture"]["countdown_from"] = 0; }, "countdown_from");
    expect_refused([](auto& j) { j["capture"].erase("hold_ms"); }, "hold_ms");
    expect_refused([](auto& j) { j["guidance"]["priority"].push_back("aura"); }, "aura");
    expect_refused([](auto& j) { j["guidance"]["priority"].push_back("yaw"); }, "twice");
    expect_refused([](auto& j) { j["guidance"]["default_guide"] = {0.8, 0.1, 0.4, 0.4}; }, "default_guide");
    expect_refused([](auto& j) { j["seat"]["max_step_mm"] = 2; }, "max_step_mm");
    expect_refused([](auto& j) { j["seat"]["mm_per_frame_height"] = -5; }, "mm_per_frame_height");
    expect_refused([](auto& j) { j["lights"]["dead_band_ratio"] = 0.9; }, "dead_band_ratio");
    expect_refused([](auto& j) { j["lights"]["start"]["key_left"] = 1200; }, "key_left");
    expect_refused([](auto& j) { j["lights"]["min_step"] = 500; }, "min_step");
}

} // namespace
