#include "vision/models.h"

#include <algorithm>
#include <mutex>

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/opencv/cv_image.h>
#include <dlib/serialize.h>

#include "core/error.h"

namespace kiosk::vision {

struct Models::Impl {
    dlib::shape_predictor predictor;
    // dlib's object_detector keeps scratch state and is not safe to share
    // between threads; a small pool hands each caller its own copy.
    dlib::frontal_face_detector prototype = dlib::get_frontal_face_detector();
    std::mutex pool_mutex;
    std::vector<std::unique_ptr<dlib::frontal_face_detector>> pool;

    std::unique_ptr<dlib::frontal_face_detector> take()
    {
        std::lock_guard lock(pool_mutex);
        if (pool.empty())
            return std::make_unique<dlib::frontal_face_detector>(prototype);
        auto d = std::move(pool.back());
        pool.pop_back();
        return d;
    }

    void give_back(std::unique_ptr<dlib::frontal_face_detector> d)
    {
        std::lock_guard lock(pool_mutex);
        pool.push_back(std::move(d));
    }
};

Models::Models(const ModelPaths& paths) : paths_(paths), impl_(std::make_unique<Impl>())
{
    if (!std::filesystem::exists(paths_.shape_predictor))
        throw ConfigError("landmark model " + paths_.shape_predictor.string() +
                          " not found (Debian package libdlib-data)");
    if (!std::filesystem::is_directory(paths_.haar_dir))
        throw ConfigError("cascade folder " + paths_.haar_dir.string() +
                          " not found (Debian package opencv-data)");
    try {
        dlib::deserialize(paths_.shape_predictor.string()) >> impl_->predictor;
    } catch (const dlib::serialization_error& e) {
        throw ConfigError("landmark model " + paths_.shape_predictor.string() + " is unreadable: " + e.what());
    }
}

Models::~Models() = default;

std::vector<cv::Rect> Models::detect_faces(const cv::Mat& gray, int upsample) const
{
    CV_Assert(gray.type() == CV_8UC1);
    dlib::cv_image<unsigned char> image(gray);
    auto detector = impl_->take();
    std::vector<dlib::rectangle> found;
    if (upsample == 0) {
        found = (*detector)(image);
    } else {
        dlib::array2d<unsigned char> big;
        dlib::assign_image(big, image);
        for (int i = 0; i < upsample; ++i)
            dlib::pyramid_up(big);
        found = (*detector)(big);
        const double f = 1.0 / (1 << upsample);
        for (auto& r : found)
            r = dlib::rectangle(std::lround(r.left() * f), std::lround(r.top() * f),
                                std::lround(r.right() * f), std::lround(r.bottom() * f));
    }
    impl_->give_back(std::move(detector));

    std::vector<cv::Rect> boxes;
    for (const auto& r : found)
        boxes.emplace_back(static_cast<int>(r.left()), static_cast<int>(r.top()), static_cast<int>(r.width()),
                           static_cast<int>(r.height()));
    std::sort(boxes.begin(), boxes.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.area() > b.area(); });
    return boxes;
}

std::vector<cv::Point2f> Models::landmarks(const cv::Mat& gray, const cv::Rect& box) const
{
    CV_Assert(gray.type() == CV_8UC1);
    dlib::cv_image<unsigned char> image(gray);
    const dlib::rectangle r(box.x, box.y, box.x + box.width - 1, box.y + box.height - 1);
    const dlib::full_object_detection shape = impl_->predictor(image, r);
    std::vector<cv::Point2f> points;
    points.reserve(shape.num_parts());
    for (unsigned long i = 0; i < shape.num_parts(); ++i)
        points.emplace_back(static_cast<float>(shape.part(i).x()), static_cast<float>(shape.part(i).y()));
    return points;
}

} // namespace kiosk::vision
