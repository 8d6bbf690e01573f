#pragma once

#include <filesystem>
#include <string>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "camera/replay_settings.h"
#include "core/paths.h"
#include "support/test_folder.h"

namespace kiosk::camera::test {

// A test's own folder (see TestFolder) that also writes the flat frames the
// camera tests film.
class ScratchFolder : public kiosk::test::TestFolder {
public:
    ScratchFolder() : TestFolder("kiosk-camera-test") {}

    // Writes a flat grey BGR image and returns its path.
    std::filesystem::path write_grey(const std::string& name, int level, cv::Size size = {640, 480}) const
    {
        const auto file = path() / name;
        cv::imwrite(file.string(), cv::Mat(size, CV_8UC3, cv::Scalar::all(level)));
        return file;
    }
};

// The shipped replay settings, as the demo uses them.
inline ReplaySettings shipped_replay_settings()
{
    return ReplaySettings::load(kiosk::config_dir() / "camera" / "replay.json");
}

} // namespace kiosk::camera::test
