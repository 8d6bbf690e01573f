#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

// A fresh folder per test, removed afterwards: the outbox holds (test)
// personal data and nothing may be left behind.
class UploadTestFolder {
public:
    UploadTestFolder()
    {
        path_ = std::filesystem::path(::testing::TempDir()) /
                ("kiosk-upload-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~UploadTestFolder() { std::filesystem::remove_all(path_); }
    UploadTestFolder(const UploadTestFolder&) = delete;
    UploadTestFolder& operator=(const UploadTestFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};
