#include "vision/face_locator.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "vision/head_pose.h"
#include "vision/pupil_locator.h"

namespace kiosk::vision {
namespace {

// HOG finds faces from about 80 px; detecting on a copy whose long side is
// this many pixels keeps portrait faces well above that and costs a tenth of
// the full-size pass.
constexpr int kDetectLongSide = 640;

} // namespace

Face measure_face(const Models& models, const cv::Mat& gray, const cv::Rect& box)
{
    Face face;
    face.box = box;
    const auto points = models.landmarks(gray, box);
    std::copy_n(points.begin(), 68, face.landmarks.begin());
    // Eye contours: 36-41 is the subject's right eye (image left), 42-47 the left.
    face.eye_right = locate_pupil(gray, face.landmarks, 36);
    face.eye_left = locate_pupil(gray, face.landmarks, 42);
    face.pose = estimate_head_pose(face.landmarks, face.eye_right, face.eye_left, gray.size());
    return face;
}

LocatedFaces locate_faces(const Models& models, const cv::Mat& gray)
{
    const double scale = std::min(1.0, static_cast<double>(kDetectLongSide) / std::max(gray.cols, gray.rows));
    cv::Mat small;
    if (scale < 1.0)
        cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
    else
        small = gray;
    auto boxes = models.detect_faces(small, 0);
    if (boxes.empty() && scale >= 1.0)
        boxes = models.detect_faces(small, 1);   // a small image may hold a small face

    LocatedFaces out;
    out.count = static_cast<int>(boxes.size());
    if (boxes.empty())
        return out;
    const cv::Rect& b = boxes.front();
    const cv::Rect full(cvRound(b.x / scale), cvRound(b.y / scale), cvRound(b.width / scale),
                        cvRound(b.height / scale));
    out.subject = measure_face(models, gray, full);
    return out;
}

} // namespace kiosk::vision
