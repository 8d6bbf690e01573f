#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace kiosk::test {

// The shared real-photo set: $KIOSK_FACES, else ../shared/faces beside the
// project. Empty when neither exists; tests then GTEST_SKIP with
// faces_missing_reason().
std::optional<std::filesystem::path> faces_dir();
std::string faces_missing_reason();

// One row of labels.csv: column name -> value ("unknown" = not labelled).
struct FaceLabel {
    std::string path;   // relative to faces_dir()
    std::map<std::string, std::string> fields;

    const std::string& get(const std::string& column) const;
    bool known(const std::string& column) const { return get(column) != "unknown"; }
};

std::vector<FaceLabel> load_labels(const std::filesystem::path& faces);

// The two pupil centres from an frl-london .tem file (points 0 and 1:
// subject's right eye first, on the image's left). Empty when there is no .tem.
struct PupilTruth {
    cv::Point2f right;
    cv::Point2f left;
};
std::optional<PupilTruth> load_pupils(const std::filesystem::path& image);

} // namespace kiosk::test

// Skips the current test when the photo set is absent, saying why.
#define KIOSK_REQUIRE_FACES(var)                                             \
    const auto var##_opt = ::kiosk::test::faces_dir();                       \
    if (!var##_opt)                                                          \
        GTEST_SKIP() << ::kiosk::test::faces_missing_reason();               \
    const std::filesystem::path var = *var##_opt
