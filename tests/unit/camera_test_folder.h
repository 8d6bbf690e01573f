#pragma once

#include <filesystem>
#include <random>
#include <string>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "camera/replay_settings.h"
#include "core/paths.h"

namespace kiosk::camera::test {

// A scratch folder for one test, removed with everything in it at the end so
// no picture outlives the test.
class ScratchFolder {
public:
    ScratchFolder()
    {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() / ("kiosk-camera-test-" + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~ScratchFolder() { std::filesystem::remove_all(path_); }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // Writes a flat grey BGR image and returns its path.
    std::filesystem::path write_grey(const std::string& name, int level, cv::Size size = {640, 480}) const
    {
        const auto file = path_ / name;
        cv::imwrite(file.string(), cv::Mat(size, CV_8UC3, cv::Scalar::all(level)));
        return file;
    }

private:
    std::filesystem::path path_;
};

// The shipped replay settings, as the demo uses them.
inline ReplaySettings shipped_replay_settings()
{
    return ReplaySettings::load(kiosk::config_dir() / "camera" / "replay.json");
}

} // namespace kiosk::camera::test
