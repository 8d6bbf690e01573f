// RuntimeConfig: a kiosk profile's wiring, its camera read by CameraChoice
// (the reader kioskctl uses too) and its errors naming file and field.
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "camera_test_folder.h"
#include "core/error.h"
#include "core/json_file.h"
#include "core/paths.h"
#include "kiosk/runtime_config.h"

namespace kiosk::runtime {
namespace {

using camera::CameraBackend;

TEST(RuntimeConfig, TheApplianceFilmsWithLibcameraAndTheDemoWithItsPortrait)
{
    const auto config = config_dir();
    const auto appliance = RuntimeConfig::load(config, "kiosk");
    EXPECT_EQ(appliance.camera.backend, CameraBackend::Libcamera);
    EXPECT_EQ(appliance.camera.settings, config / "camera" / "libcamera.json");
    EXPECT_EQ(appliance.controller_backend, "usb");

    const auto demo = RuntimeConfig::load(config, "demo");
    EXPECT_EQ(demo.camera.backend, CameraBackend::Replay);
    EXPECT_EQ(demo.camera.settings, config / "kiosk" / "walk-up-camera.json");
    EXPECT_EQ(demo.camera.footage, "frl-london/neutral/002_03.jpg");
    EXPECT_EQ(demo.controller_backend, "simulated");
    EXPECT_FALSE(demo.state_dir) << "the demo makes a fresh state folder";
}

// A copy of the shipped demo profile with its camera section replaced.
class RuntimeConfigOfACopy : public testing::Test {
protected:
    void SetUp() override
    {
        std::filesystem::create_directories(config() / "kiosk");
        std::filesystem::create_directories(config() / "camera");
        std::filesystem::copy_file(config_dir() / "camera" / "replay.json", config() / "camera" / "replay.json");
    }

    std::filesystem::path config() const { return scratch_.path() / "config"; }

    void write_with_camera(const nlohmann::json& camera) const
    {
        auto profile = load_json_file(config_dir() / "kiosk" / "demo.json");
        profile["camera"] = camera;
        std::ofstream(config() / "kiosk" / "copy.json") << profile.dump();
    }

    std::string load_error() const
    {
        try {
            RuntimeConfig::load(config(), "copy");
        } catch (const ConfigError& e) {
            return e.what();
        }
        ADD_FAILURE() << "the profile was accepted";
        return "";
    }

private:
    camera::test::ScratchFolder scratch_;
};

TEST_F(RuntimeConfigOfACopy, ItsCameraIsWhatCameraChoiceReads)
{
    write_with_camera({{"backend", "replay"}, {"settings", "camera/replay.json"}, {"footage", "/srv/booth.mp4"}});
    const auto settings = RuntimeConfig::load(config(), "copy");
    EXPECT_EQ(settings.camera.backend, CameraBackend::Replay);
    EXPECT_EQ(settings.camera.settings, config() / "camera" / "replay.json");
    EXPECT_EQ(settings.camera.footage, "/srv/booth.mp4");
}

TEST_F(RuntimeConfigOfACopy, ABadCameraSectionNamesTheProfileAndTheField)
{
    write_with_camera({{"backend", "usb"}, {"settings", "camera/replay.json"}});
    EXPECT_NE(load_error().find("copy.json.camera.backend"), std::string::npos);
    write_with_camera({{"backend", "replay"}, {"settings", "camera/missing.json"}, {"footage", "a.jpg"}});
    EXPECT_NE(load_error().find("copy.json.camera.settings"), std::string::npos);
    write_with_camera({{"backend", "replay"}, {"settings", "camera/replay.json"}});
    EXPECT_NE(load_error().find("copy.json.camera.footage"), std::string::npos);
    write_with_camera({{"settings", "camera/replay.json"}});
    EXPECT_NE(load_error().find("copy.json.camera.backend"), std::string::npos);
}

TEST_F(RuntimeConfigOfACopy, AnUnknownProfileIsAnInputErrorNamingIt)
{
    write_with_camera({{"backend", "libcamera"}, {"settings", "camera/replay.json"}});
    try {
        RuntimeConfig::load(config(), "coyp");
        FAIL() << "an unknown profile was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("\"coyp\""), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("copy"), std::string::npos) << "lists the profiles there: " << e.what();
    }
}

} // namespace
} // namespace kiosk::runtime
