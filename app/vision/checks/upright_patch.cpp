#include "vision/checks/upright_patch.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace kiosk::vision {
namespace {

struct Axes {
    cv::Point2d origin;
    cv::Point2d x;   // unit vector along the eye line, image pixels
    cv::Point2d y;   // unit vector down the face
    double ied = 0;
};

Axes axes_of(const Face& face)
{
    const cv::Point2d right(face.eye_right);
    const cv::Point2d left(face.eye_left);
    Axes a;
    a.origin = (right + left) * 0.5;
    const cv::Point2d along = left - right;
    a.ied = std::max(1e-6, cv::norm(along));
    a.x = along / a.ied;
    a.y = {-a.x.y, a.x.x};
    return a;
}

// Below this many source pixels per patch pixel plain bilinear sampling
// loses nothing worth keeping.
constexpr double kSmoothAboveStep = 1.3;

// The frame pixels a patch reads, clipped to the frame (empty when none).
cv::Rect source_bounds(const cv::Matx23d& patch_to_image, cv::Size patch, cv::Size frame)
{
    std::vector<cv::Point2f> corners;
    for (const cv::Point2d c : {cv::Point2d(0, 0), cv::Point2d(patch.width, 0), cv::Point2d(0, patch.height),
                                cv::Point2d(patch.width, patch.height)})
    {
        const cv::Vec2d p = patch_to_image * cv::Vec3d(c.x, c.y, 1.0);
        corners.emplace_back(static_cast<float>(p[0]), static_cast<float>(p[1]));
    }
    // A margin for the blur kernel and the bilinear neighbours at the edge.
    constexpr int kMargin = 8;
    cv::Rect r = cv::boundingRect(corners);
    r -= cv::Point(kMargin, kMargin);
    r += cv::Size(2 * kMargin, 2 * kMargin);
    return r & cv::Rect(cv::Point(0, 0), frame);
}

} // namespace

cv::Point2d to_face_units(const Face& face, cv::Point2f image_point)
{
    const Axes a = axes_of(face);
    const cv::Point2d d = cv::Point2d(image_point) - a.origin;
    return {d.dot(a.x) / a.ied, d.dot(a.y) / a.ied};
}

cv::Point2d UprightPatch::to_px(cv::Point2d face_units) const
{
    return {(face_units.x - window.x) * px_per_ied, (face_units.y - window.y) * px_per_ied};
}

double UprightPatch::inside_fraction() const
{
    return inside.empty() ? 0.0 : static_cast<double>(cv::countNonZero(inside)) / static_cast<double>(inside.total());
}

cv::Vec3d UprightPatch::median_lab() const
{
    cv::Vec3d out;
    std::vector<uchar> values;
    values.reserve(lab.total());
    for (int c = 0; c < 3; ++c) {
        values.clear();
        for (int y = 0; y < lab.rows; ++y)
            for (int x = 0; x < lab.cols; ++x)
                if (inside.at<uchar>(y, x))
                    values.push_back(lab.at<cv::Vec3b>(y, x)[c]);
        if (values.empty())
            return {-1, -1, -1};
        std::nth_element(values.begin(), values.begin() + static_cast<long>(values.size() / 2), values.end());
        out[c] = values[values.size() / 2];
    }
    return out;
}

UprightPatch resample_upright(const cv::Mat& bgr, const Face& face, const cv::Rect2d& window, double px_per_ied)
{
    const Axes a = axes_of(face);
    // Patch pixel (u, v) -> face units (window.x + u/k, window.y + v/k) -> image.
    const double step = a.ied / px_per_ied;
    const cv::Point2d corner = a.origin + a.ied * (window.x * a.x + window.y * a.y);
    const cv::Matx23d patch_to_image(a.x.x * step, a.y.x * step, corner.x,
                                     a.x.y * step, a.y.y * step, corner.y);
    const cv::Size size(std::max(1, cvRound(window.width * px_per_ied)),
                        std::max(1, cvRound(window.height * px_per_ied)));

    UprightPatch p;
    p.window = window;
    p.px_per_ied = px_per_ied;
    if (step > kSmoothAboveStep) {
        // Shrinking: smooth the source first so a thin chain or hoop comes out
        // as a fainter line instead of falling between samples. Only the part
        // of the frame under the patch is smoothed, and the map is shifted to it.
        const cv::Rect source = source_bounds(patch_to_image, size, bgr.size());
        if (source.empty()) {
            p.bgr = cv::Mat::zeros(size, CV_8UC3);
        } else {
            cv::Mat smoothed;
            cv::GaussianBlur(bgr(source), smoothed, cv::Size(), 0.5 * step);
            cv::Matx23d shifted = patch_to_image;
            shifted(0, 2) -= source.x;
            shifted(1, 2) -= source.y;
            cv::warpAffine(smoothed, p.bgr, shifted, size, cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                           cv::BORDER_CONSTANT);
        }
    } else {
        cv::warpAffine(bgr, p.bgr, patch_to_image, size, cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                       cv::BORDER_CONSTANT);
    }
    cv::cvtColor(p.bgr, p.lab, cv::COLOR_BGR2Lab);
    // Which patch pixels come from the frame: warp an all-white mask the same
    // way; nearest neighbour keeps it binary, and edge pixels that blend with
    // the black border are dropped.
    const cv::Mat frame_mask(bgr.size(), CV_8U, cv::Scalar(255));
    cv::warpAffine(frame_mask, p.inside, patch_to_image, size, cv::INTER_NEAREST | cv::WARP_INVERSE_MAP,
                   cv::BORDER_CONSTANT, cv::Scalar(0));
    return p;
}

} // namespace kiosk::vision
