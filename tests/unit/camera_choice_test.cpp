// CameraChoice: the camera a kiosk profile names, as the kiosk program and
// kioskctl both read it, with kioskctl's overrides and every way a profile's
// camera can be wrong; and the chosen replay camera filming one portrait.
#include <fstream>
#include <functional>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "camera/camera_choice.h"
#include "camera/chosen_camera.h"
#include "camera_test_folder.h"
#include "core/error.h"
#include "core/paths.h"

namespace kiosk::camera {
namespace {

using namespace std::chrono_literals;
using test::ScratchFolder;

// A config folder of its own: profiles written by the test, the backends'
// standard settings files present (their contents are not read here).
class ProfileFolder {
public:
    ProfileFolder()
    {
        std::filesystem::create_directories(config() / "kiosk");
        std::filesystem::create_directories(config() / "camera");
        std::ofstream(config() / "camera" / "libcamera.json") << "{}";
        std::ofstream(config() / "camera" / "replay.json") << "{}";
        std::ofstream(config() / "kiosk" / "booth-camera.json") << "{}";
    }

    std::filesystem::path config() const { return scratch_.path() / "config"; }
    std::filesystem::path faces() const { return scratch_.path() / "faces"; }
    const ScratchFolder& scratch() const { return scratch_; }

    // config/kiosk/<name>.json holding `camera` as its camera section.
    void write_profile(const std::string& name, const nlohmann::json& camera) const
    {
        std::ofstream(config() / "kiosk" / (name + ".json")) << nlohmann::json{{"camera", camera}}.dump();
    }

private:
    ScratchFolder scratch_;
};

// The message of the error `load` throws, checked to be of type E.
template <typename E>
std::string error_of(const std::function<void()>& load)
{
    try {
        load();
    } catch (const E& e) {
        return e.what();
    } catch (const std::exception& e) {
        ADD_FAILURE() << "the wrong kind of error: " << e.what();
        return "";
    }
    ADD_FAILURE() << "no error";
    return "";
}

TEST(CameraChoice, TheShippedProfilesNameTheirCameras)
{
    const auto config = kiosk::config_dir();
    const auto appliance = CameraChoice::load(config, "kiosk");
    EXPECT_EQ(appliance.backend, CameraBackend::Libcamera);
    EXPECT_EQ(appliance.settings, config / "camera" / "libcamera.json");
    EXPECT_TRUE(appliance.footage.empty());

    const auto demo = CameraChoice::load(config, "demo");
    EXPECT_EQ(demo.backend, CameraBackend::Replay);
    EXPECT_EQ(demo.settings, config / "kiosk" / "walk-up-camera.json");
    EXPECT_EQ(demo.footage, "frl-london/neutral/002_03.jpg") << "footage as written, relative to the photo set";
    EXPECT_FALSE(std::filesystem::exists(config / "camera" / "camera.json")) << "the profile is the one place";
}

TEST(CameraChoice, ReplayFootageIsFoundInThePhotoSetUnlessAbsolute)
{
    const ProfileFolder folder;
    std::filesystem::create_directories(folder.faces() / "set");
    const auto portrait = folder.faces() / "set" / "one.png";
    std::ofstream(portrait) << "a portrait";
    folder.write_profile("relative", {{"backend", "replay"}, {"settings", "kiosk/booth-camera.json"},
                                      {"footage", "set/one.png"}});
    const auto relative = CameraChoice::load(folder.config(), "relative");
    EXPECT_EQ(relative.settings, folder.config() / "kiosk" / "booth-camera.json");
    EXPECT_EQ(relative.footage_path(folder.faces()), portrait);

    folder.write_profile("absolute", {{"backend", "replay"}, {"settings", "camera/replay.json"},
                                      {"footage", portrait.string()}});
    EXPECT_EQ(CameraChoice::load(folder.config(), "absolute").footage_path("/nowhere"), portrait);
}

TEST(CameraChoice, AnUnknownBackendNamesTheFileAndField)
{
    const ProfileFolder folder;
    folder.write_profile("odd", {{"backend", "webcam"}, {"settings", "camera/libcamera.json"}});
    const auto message = error_of<ConfigError>([&] { CameraChoice::load(folder.config(), "odd"); });
    EXPECT_NE(message.find("odd.json.camera.backend"), std::string::npos) << message;
    EXPECT_NE(message.find("webcam"), std::string::npos) << message;
}

TEST(CameraChoice, AMissingSettingsFileNamesTheFieldAndThePath)
{
    const ProfileFolder folder;
    folder.write_profile("lost", {{"backend", "libcamera"}, {"settings", "camera/usb-webcam.json"}});
    const auto message = error_of<ConfigError>([&] { CameraChoice::load(folder.config(), "lost"); });
    EXPECT_NE(message.find("lost.json.camera.settings"), std::string::npos) << message;
    EXPECT_NE(message.find("usb-webcam.json"), std::string::npos) << message;
}

TEST(CameraChoice, AReplayCameraWithoutFootageIsRefused)
{
    const ProfileFolder folder;
    folder.write_profile("blind", {{"backend", "replay"}, {"settings", "camera/replay.json"}});
    const auto missing = error_of<ConfigError>([&] { CameraChoice::load(folder.config(), "blind"); });
    EXPECT_NE(missing.find("blind.json.camera.footage"), std::string::npos) << missing;

    folder.write_profile("empty", {{"backend", "replay"}, {"settings", "camera/replay.json"}, {"footage", ""}});
    const auto empty = error_of<ConfigError>([&] { CameraChoice::load(folder.config(), "empty"); });
    EXPECT_NE(empty.find("empty.json.camera.footage"), std::string::npos) << empty;
}

TEST(CameraChoice, FootageThatDoesNotExistNamesTheProfileFieldAndThePath)
{
    const ProfileFolder folder;
    folder.write_profile("gone", {{"backend", "replay"}, {"settings", "camera/replay.json"},
                                  {"footage", "set/nobody.jpg"}});
    const auto choice = CameraChoice::load(folder.config(), "gone");
    const auto message = error_of<InputError>([&] { choice.footage_path(folder.faces()); });
    EXPECT_NE(message.find("gone.json.camera.footage"), std::string::npos) << message;
    EXPECT_NE(message.find((folder.faces() / "set/nobody.jpg").string()), std::string::npos) << message;
    EXPECT_NE(message.find("KIOSK_FACES"), std::string::npos) << "says how to point at the photo set: " << message;
}

TEST(CameraChoice, AProfileThatDoesNotExistListsTheOnesThatDo)
{
    const ProfileFolder folder;
    folder.write_profile("booth", {{"backend", "libcamera"}, {"settings", "camera/libcamera.json"}});
    const auto message = error_of<InputError>([&] { CameraChoice::load(folder.config(), "kisok"); });
    EXPECT_NE(message.find("\"kisok\""), std::string::npos) << message;
    EXPECT_NE(message.find("booth"), std::string::npos) << message;
    EXPECT_EQ(message.find("booth-camera"), std::string::npos) << "a settings file is no profile: " << message;
    // A name, not a path into other config files.
    error_of<InputError>([&] { CameraChoice::load(folder.config(), "../kiosk/booth"); });
    error_of<InputError>([&] { CameraChoice::load(folder.config(), ""); });
}

TEST(CameraChoice, AForcedBackendOtherThanTheProfilesUsesItsStandardSettings)
{
    const ProfileFolder folder;
    folder.write_profile("booth", {{"backend", "libcamera"}, {"settings", "kiosk/booth-camera.json"}});
    auto same = CameraChoice::load(folder.config(), "booth");
    same.override_with("libcamera", "", folder.config());
    EXPECT_EQ(same.settings, folder.config() / "kiosk" / "booth-camera.json") << "the profile's own backend";
    EXPECT_EQ(same.settings_for(CameraBackend::Replay, folder.config()), folder.config() / "camera" / "replay.json");

    auto forced = CameraChoice::load(folder.config(), "booth");
    forced.override_with("replay", "footage/booth.png", folder.config());
    EXPECT_EQ(forced.backend, CameraBackend::Replay);
    EXPECT_EQ(forced.settings, folder.config() / "camera" / "replay.json");
    EXPECT_EQ(forced.footage, std::filesystem::current_path() / "footage/booth.png") << "a path as typed";
    EXPECT_EQ(forced.settings_for(CameraBackend::Libcamera, folder.config()),
              folder.config() / "camera" / "libcamera.json");
    const auto message = error_of<InputError>([&] { forced.footage_path(folder.faces()); });
    EXPECT_NE(message.find("--footage"), std::string::npos) << message;
}

TEST(CameraChoice, OverridesThatLeaveNothingToFilmAreRefused)
{
    const ProfileFolder folder;
    folder.write_profile("booth", {{"backend", "libcamera"}, {"settings", "camera/libcamera.json"}});
    auto choice = CameraChoice::load(folder.config(), "booth");
    const auto no_footage = error_of<InputError>([&] { choice.override_with("replay", "", folder.config()); });
    EXPECT_NE(no_footage.find("--footage"), std::string::npos) << no_footage;
    const auto unknown = error_of<InputError>([&] { choice.override_with("v4l2", "", folder.config()); });
    EXPECT_NE(unknown.find("v4l2"), std::string::npos) << unknown;
}

TEST(CameraChoice, AReplayCameraFilmsOnePortraitForEver)
{
    const ProfileFolder folder;
    std::filesystem::create_directories(folder.faces());
    const auto portrait = folder.faces() / "portrait.png";
    cv::imwrite(portrait.string(), cv::Mat(480, 640, CV_8UC3, cv::Scalar(40, 200, 90)));
    // The shipped sensor, holding each picture a tenth of a second, the subject still.
    auto settings = nlohmann::json::parse(std::ifstream(kiosk::config_dir() / "camera" / "replay.json"));
    settings["image_hold_s"] = 0.1;
    settings["motion"] = (kiosk::config_dir() / "camera" / "motion" / "seated.json").string();
    settings["stream"] = {{"width", 320}, {"height", 180}, {"fps", 30}};
    std::ofstream(folder.config() / "camera" / "replay.json") << settings.dump();
    folder.write_profile("one", {{"backend", "replay"}, {"settings", "camera/replay.json"},
                                 {"footage", "portrait.png"}});

    auto chosen = open_chosen_camera(CameraChoice::load(folder.config(), "one"), folder.faces());
    EXPECT_EQ(chosen.stream.size, cv::Size(320, 180)) << "started with the replay settings' stream";
    chosen.source->start(chosen.stream);
    auto frame = chosen.source->frames().wait_any(2s);
    ASSERT_NE(frame, nullptr);
    // Well past several hold times the one picture is still what is filmed.
    const auto until = std::chrono::steady_clock::now() + 600ms;
    while (frame && std::chrono::steady_clock::now() < until)
        frame = chosen.source->frames().wait_newer(frame->sequence, 1s);
    ASSERT_NE(frame, nullptr) << "the camera stopped filming";
    EXPECT_EQ(frame->image.size(), cv::Size(320, 180));
    const auto mean = cv::mean(frame->image);
    EXPECT_GT(mean[1], mean[0] + 60) << "green, as the portrait";
    EXPECT_GT(mean[1], mean[2] + 40);
    EXPECT_EQ(chosen.source->state(), CameraState::Streaming);
    chosen.source->stop();
}

} // namespace
} // namespace kiosk::camera
