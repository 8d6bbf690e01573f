#pragma once

#include <array>
#include <optional>

#include <opencv2/core.hpp>

#include "camera/booth_model.h"
#include "camera/motion_script.h"
#include "camera/revealed_band.h"
#include "camera/subject_matte.h"

namespace kiosk::camera {

// A footage picture made ready to film: where its subject is, and the
// picture extended past its top and bottom edges (see ExtendedPicture).
struct ScenePicture {
    SubjectMatte matte;
    ExtendedPicture extended;
};

ScenePicture prepare_scene_picture(const cv::Mat& bgr_picture);

// Keeps the last picture it prepared: image footage shows one picture for
// many frames, so it is prepared once per picture (a video decoder refilling
// the same buffer is told apart by a few sampled pixels).
class ScenePictureCache {
public:
    const ScenePicture& prepared(const cv::Mat& bgr_picture);

private:
    const uchar* data_ = nullptr;
    cv::Size size_;
    std::array<cv::Vec3b, 16> fingerprint_{};
    ScenePicture scene_;
};

// The replay camera's view of `picture` with the subject at `pose`, at
// `frame_size`: with a booth, its seat lifts the subject and its lamps relight
// the frame in linear light (footage encoded with `gamma`).
struct BoothView {
    const BoothModel& model;
    BoothState state;
    double gamma = 2.2;
};
cv::Mat film_scene(const ScenePicture& picture, SubjectPose pose, cv::Size frame_size,
                   const std::optional<BoothView>& booth);

} // namespace kiosk::camera
