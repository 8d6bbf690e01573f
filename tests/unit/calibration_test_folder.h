#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

// A fresh state folder per test, removed afterwards: the calibration tests
// leave no PIN hashes, logs or profiles behind.
class CalibrationTestFolder {
public:
    CalibrationTestFolder()
    {
        path_ = std::filesystem::path(::testing::TempDir()) /
                ("kiosk-calibration-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~CalibrationTestFolder() { std::filesystem::remove_all(path_); }
    CalibrationTestFolder(const CalibrationTestFolder&) = delete;
    CalibrationTestFolder& operator=(const CalibrationTestFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};
