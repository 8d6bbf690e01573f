// The real kioskctl binary lists the devices it finds: once beside the
// light/seat board on an emulated USB bus (lightseat-sim), where the board is
// opened with the real libusb driver and reads as ready with its seat
// position, and once on an empty emulated bus (umockdev-run), where it finds
// nothing and says so with a non-zero exit. The camera needed is the one the
// kiosk profile names (--profile, as `kiosk --profile`).
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/json_file.h"
#include "core/paths.h"
#include "lightseat/lightseat_settings.h"
#include "support/faces.h"
#include "support/shell_command.h"
#include "unit/camera_test_folder.h"

namespace {

using kiosk::test::ShellRun;

class DevicesKioskctlTest : public testing::Test {
protected:
    // Runs `command` through the shell, stdin empty, and keeps both streams.
    ShellRun run(const std::string& command)
    {
        return kiosk::test::run_command_apart(command, scratch_.path() / "stderr.txt");
    }

    // A replay camera that can film (a generated grey frame, no person)
    // instead of the appliance profile's libcamera one, so that the only
    // missing device can be the board.
    std::string replay_options()
    {
        scratch_.write_grey("frame.png", 128);
        return " --camera replay --footage " + scratch_.path().string();
    }

    static nlohmann::json row_of_kind(const nlohmann::json& doc, const std::string& kind)
    {
        for (const auto& d : doc.at("devices"))
            if (d.at("kind") == kind && d.at("configured").get<bool>())
                return d;
        return {};
    }

    const std::string kioskctl_ = KIOSKCTL_BIN;
    const std::string on_board_bus_ = std::string(LIGHTSEAT_SIM_BIN) + " --log-level warn -- ";
    const std::string on_empty_bus_ = "umockdev-run -- ";
    kiosk::camera::test::ScratchFolder scratch_;
};

TEST_F(DevicesKioskctlTest, TheEmulatedBoardIsReadyWithItsSeatPosition)
{
    const auto board = kiosk::lightseat::BoardSettings::load(kiosk::config_dir() / "lightseat" / "board.json");
    const ShellRun json = run(on_board_bus_ + kioskctl_ + " devices --json" + replay_options());
    ASSERT_EQ(json.exit_code, 0) << json.out << json.err;
    const auto doc = nlohmann::json::parse(json.out);
    EXPECT_TRUE(doc.at("all_present").get<bool>());
    const auto controller = row_of_kind(doc, "light/seat");
    ASSERT_FALSE(controller.is_null()) << json.out;
    EXPECT_EQ(controller.at("state"), "ready");
    EXPECT_EQ(controller.at("backend"), "usb");
    EXPECT_EQ(controller.at("seat_mm").get<int>(), board.start_mm);
    EXPECT_NE(controller.at("id").get<std::string>().find("bus 001 address"), std::string::npos);
    const auto camera = row_of_kind(doc, "camera");
    EXPECT_EQ(camera.at("backend"), "replay");
    EXPECT_EQ(camera.at("state"), "ready");

    const ShellRun table = run(on_board_bus_ + kioskctl_ + " devices" + replay_options());
    EXPECT_EQ(table.exit_code, 0) << table.out << table.err;
    std::istringstream lines(table.out);
    std::string header;
    std::getline(lines, header);
    for (const char* column : {"kind", "id", "backend", "state", "detail"})
        EXPECT_NE(header.find(column), std::string::npos) << header;
    const std::string seat = "seat " + std::to_string(board.start_mm) + " mm";
    bool board_line = false;
    for (std::string line; std::getline(lines, line);)
        board_line = board_line || (line.find("light/seat") != std::string::npos &&
                                    line.find("ready") != std::string::npos && line.find(seat) != std::string::npos);
    EXPECT_TRUE(board_line) << table.out;
}

TEST_F(DevicesKioskctlTest, AnEmptyBusShowsNoBoardAndExitsNonZero)
{
    const ShellRun json = run(on_empty_bus_ + kioskctl_ + " devices --json" + replay_options());
    EXPECT_EQ(json.exit_code, 5) << json.out << json.err;
    const auto doc = nlohmann::json::parse(json.out);
    EXPECT_FALSE(doc.at("all_present").get<bool>());
    const auto controller = row_of_kind(doc, "light/seat");
    ASSERT_FALSE(controller.is_null()) << json.out;
    EXPECT_EQ(controller.at("state"), "none");
    EXPECT_FALSE(controller.at("present").get<bool>());
    EXPECT_NE(json.err.find("light/seat"), std::string::npos) << "stderr names what is missing: " << json.err;

    const ShellRun table = run(on_empty_bus_ + kioskctl_ + " devices" + replay_options());
    EXPECT_EQ(table.exit_code, 5);
    EXPECT_NE(table.out.find("no board"), std::string::npos) << table.out;
}

TEST_F(DevicesKioskctlTest, WithoutACameraLibcameraSaysWhy)
{
    // The emulated machine has no device nodes at all, so libcamera lists
    // nothing whatever this host has plugged in.
    const ShellRun json = run(on_empty_bus_ + kioskctl_ + " devices --json --camera libcamera");
    EXPECT_EQ(json.exit_code, 5) << json.out << json.err;
    const auto doc = nlohmann::json::parse(json.out);
    const auto camera = row_of_kind(doc, "camera");
    ASSERT_FALSE(camera.is_null()) << json.out;
    EXPECT_EQ(camera.at("backend"), "libcamera");
    EXPECT_EQ(camera.at("state"), "none");
    EXPECT_NE(camera.at("detail").get<std::string>().find("libcamera lists no camera"), std::string::npos)
        << camera.at("detail");
}

TEST_F(DevicesKioskctlTest, TheCameraNeededIsTheOneTheKioskProfileNames)
{
    KIOSK_REQUIRE_FACES(faces);
    const auto demo_profile = kiosk::load_json_file(kiosk::config_dir() / "kiosk" / "demo.json");
    const auto portrait = demo_profile.at("camera").at("footage").get<std::string>();
    const std::string with_faces = "KIOSK_FACES='" + faces.string() + "' ";

    const ShellRun demo = run(with_faces + on_board_bus_ + kioskctl_ + " devices --json --profile demo");
    ASSERT_EQ(demo.exit_code, 0) << demo.out << demo.err;
    const auto demo_doc = nlohmann::json::parse(demo.out);
    const auto replay = row_of_kind(demo_doc, "camera");
    ASSERT_FALSE(replay.is_null()) << demo.out;
    EXPECT_EQ(replay.at("backend"), "replay");
    EXPECT_EQ(replay.at("state"), "ready");
    EXPECT_NE(replay.at("detail").get<std::string>().find((faces / portrait).string()), std::string::npos)
        << "films the demo's portrait from the photo set: " << replay.at("detail");

    const ShellRun appliance = run(with_faces + on_empty_bus_ + kioskctl_ + " devices --json --profile kiosk");
    EXPECT_EQ(appliance.exit_code, 5) << appliance.out << appliance.err;
    const auto appliance_doc = nlohmann::json::parse(appliance.out);
    const auto libcamera = row_of_kind(appliance_doc, "camera");
    ASSERT_FALSE(libcamera.is_null()) << appliance.out;
    EXPECT_EQ(libcamera.at("backend"), "libcamera");
    EXPECT_EQ(libcamera.at("state"), "none");
    for (const auto& d : appliance_doc.at("devices")) {
        if (d.at("backend") == "replay") {
            EXPECT_FALSE(d.at("configured").get<bool>()) << "the appliance profile does not film footage";
        }
    }
    EXPECT_NE(appliance.err.find("camera (libcamera: none)"), std::string::npos) << appliance.err;
}

TEST_F(DevicesKioskctlTest, FootageMissingFromThePhotoSetNamesTheProfilesField)
{
    const ShellRun json = run("KIOSK_FACES='" + scratch_.path().string() + "' " + on_board_bus_ + kioskctl_ +
                                " devices --json --profile demo");
    EXPECT_EQ(json.exit_code, 5) << json.out << json.err;
    const auto replay = row_of_kind(nlohmann::json::parse(json.out), "camera");
    ASSERT_FALSE(replay.is_null()) << json.out;
    EXPECT_EQ(replay.at("state"), "unavailable");
    const auto detail = replay.at("detail").get<std::string>();
    EXPECT_NE(detail.find("demo.json.camera.footage"), std::string::npos) << detail;
    EXPECT_NE(detail.find("KIOSK_FACES"), std::string::npos) << "says how to point at the photo set: " << detail;
}

TEST_F(DevicesKioskctlTest, AProfileThatDoesNotExistIsAClearError)
{
    const ShellRun bad = run(on_empty_bus_ + kioskctl_ + " devices --profile kioks");
    EXPECT_EQ(bad.exit_code, 2) << bad.out << bad.err;
    EXPECT_TRUE(bad.out.empty()) << "no table for a profile that is not there: " << bad.out;
    EXPECT_NE(bad.err.find("no kiosk profile \"kioks\""), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("demo"), std::string::npos) << "lists the profiles there are: " << bad.err;
}

} // namespace
