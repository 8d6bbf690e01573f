#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include <opencv2/core.hpp>

namespace kiosk::vision {

// Paths of the models the engine loads; defaults are where Debian installs them
// (libdlib-data, opencv-data).
struct ModelPaths {
    std::filesystem::path shape_predictor = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat";
    std::filesystem::path haar_dir = "/usr/share/opencv4/haarcascades";
};

// Face detector and landmark predictor, loaded once per process and shared
// read-only by every assessor. Detection and landmarking are const and
// thread-safe: each call uses its own scratch state.
class Models {
public:
    // Throws ConfigError naming the missing file and the package that ships it.
    explicit Models(const ModelPaths& paths = {});
    ~Models();
    Models(const Models&) = delete;
    Models& operator=(const Models&) = delete;

    // Faces found by dlib's HOG detector on an 8-bit grey image, largest first.
    // `upsample` doubles the image that many times first (finds smaller faces, 4x slower each).
    std::vector<cv::Rect> detect_faces(const cv::Mat& gray, int upsample = 0) const;

    // The 68 landmarks inside a face box.
    std::vector<cv::Point2f> landmarks(const cv::Mat& gray, const cv::Rect& box) const;

    // Extra OpenCV cascades (eyes, smile, ...) for the checks that want them.
    const ModelPaths& paths() const { return paths_; }

private:
    struct Impl;
    ModelPaths paths_;
    std::unique_ptr<Impl> impl_;
};

} // namespace kiosk::vision
