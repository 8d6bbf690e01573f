#include "camera/scene_film.h"

#include "camera/scene_renderer.h"

namespace kiosk::camera {
namespace {

std::array<cv::Vec3b, 16> fingerprint(const cv::Mat& bgr)
{
    std::array<cv::Vec3b, 16> samples{};
    for (int i = 0; i < 16; ++i) {
        const int y = (bgr.rows - 1) * (i / 4 * 2 + 1) / 8;
        const int x = (bgr.cols - 1) * (i % 4 * 2 + 1) / 8;
        samples[static_cast<std::size_t>(i)] = bgr.at<cv::Vec3b>(y, x);
    }
    return samples;
}

} // namespace

ScenePicture prepare_scene_picture(const cv::Mat& bgr_picture)
{
    ScenePicture scene;
    scene.matte = subject_matte(bgr_picture);
    scene.extended = extend_picture(bgr_picture, scene.matte.alpha);
    return scene;
}

const ScenePicture& ScenePictureCache::prepared(const cv::Mat& bgr_picture)
{
    const auto print = fingerprint(bgr_picture);
    if (bgr_picture.data != data_ || bgr_picture.size() != size_ || print != fingerprint_) {
        scene_ = prepare_scene_picture(bgr_picture);
        data_ = bgr_picture.data;
        size_ = bgr_picture.size();
        fingerprint_ = print;
    }
    return scene_;
}

cv::Mat film_scene(const ScenePicture& picture, SubjectPose pose, cv::Size frame_size,
                   const std::optional<BoothView>& booth)
{
    if (!booth)
        return render_scene(picture.extended, pose, frame_size);
    pose.y += booth->model.subject_shift(booth->state);
    cv::Mat frame = render_scene(picture.extended, pose, frame_size);
    // The matte is rendered with the picture's pose: the composition does not
    // depend on the resolution it is drawn from.
    const SubjectMatte& matte = picture.matte;
    const cv::Mat alpha = render_scene(matte.alpha, pose, frame_size);
    const double head_x = scene_point(matte.alpha.size(), pose, frame_size, matte.head_centre).x;
    booth->model.relight(frame, alpha, head_x, booth->state, booth->gamma);
    return frame;
}

} // namespace kiosk::camera
