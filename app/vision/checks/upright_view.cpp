#include "vision/checks/upright_view.h"

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

cv::Point2d in_face_units(const Axes& a, cv::Point2f image_point)
{
    const cv::Point2d d = cv::Point2d(image_point) - a.origin;
    return {d.dot(a.x) / a.ied, d.dot(a.y) / a.ied};
}

// Below this many frame pixels per view pixel plain bilinear sampling loses
// nothing worth keeping, so Shrinking::SmoothFirst smooths only above it.
constexpr double kSmoothAboveStep = 1.3;

// Frame coordinates of the view's four corners.
std::array<cv::Point2d, 4> corners_in_frame(const cv::Matx23d& view_to_frame, cv::Size view)
{
    std::array<cv::Point2d, 4> out;
    const cv::Point2d corners[] = {{0, 0}, {double(view.width), 0}, {0, double(view.height)},
                                   {double(view.width), double(view.height)}};
    for (int i = 0; i < 4; ++i) {
        const cv::Vec2d p = view_to_frame * cv::Vec3d(corners[i].x, corners[i].y, 1.0);
        out[i] = {p[0], p[1]};
    }
    return out;
}

// The frame pixels the view reads, clipped to the frame (empty when none).
cv::Rect source_bounds(const std::array<cv::Point2d, 4>& corners, cv::Size frame)
{
    std::vector<cv::Point2f> points;
    for (const cv::Point2d& c : corners)
        points.emplace_back(static_cast<float>(c.x), static_cast<float>(c.y));
    // A margin for the blur kernel and the bilinear neighbours at the edge.
    constexpr int kMargin = 8;
    cv::Rect r = cv::boundingRect(points);
    r -= cv::Point(kMargin, kMargin);
    r += cv::Size(2 * kMargin, 2 * kMargin);
    return r & cv::Rect(cv::Point(0, 0), frame);
}

} // namespace

cv::Point2d to_face_units(const Face& face, cv::Point2f image_point) { return in_face_units(axes_of(face), image_point); }

UprightView::UprightView(const cv::Mat& bgr, const Face& face, const cv::Rect2d& window, double px_per_ied,
                         Shrinking shrinking)
    : window_(window), px_per_ied_(px_per_ied)
{
    CV_Assert(bgr.type() == CV_8UC3 && px_per_ied > 0);
    const Axes a = axes_of(face);
    // View pixel (u, v) -> face units (window.x + u/k, window.y + v/k) -> frame.
    const double step = a.ied / px_per_ied;
    const cv::Point2d corner = a.origin + a.ied * (window.x * a.x + window.y * a.y);
    const cv::Matx23d view_to_frame(a.x.x * step, a.y.x * step, corner.x,
                                    a.x.y * step, a.y.y * step, corner.y);
    const cv::Size size(std::max(1, cvRound(window.width * px_per_ied)),
                        std::max(1, cvRound(window.height * px_per_ied)));
    const auto corners = corners_in_frame(view_to_frame, size);

    if (shrinking == Shrinking::SmoothFirst && step > kSmoothAboveStep) {
        // Only the part of the frame under the view is smoothed, and the map
        // is shifted to it.
        const cv::Rect source = source_bounds(corners, bgr.size());
        if (source.empty()) {
            bgr_ = cv::Mat::zeros(size, CV_8UC3);
        } else {
            cv::Mat smoothed;
            cv::GaussianBlur(bgr(source), smoothed, cv::Size(), 0.5 * step);
            cv::Matx23d shifted = view_to_frame;
            shifted(0, 2) -= source.x;
            shifted(1, 2) -= source.y;
            cv::warpAffine(smoothed, bgr_, shifted, size, cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                           cv::BORDER_CONSTANT);
        }
    } else {
        cv::warpAffine(bgr, bgr_, view_to_frame, size, cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT);
    }

    // Usually the whole view lies inside the frame, and the mask is all 255.
    // Otherwise an all-white mask is warped the same way; nearest neighbour
    // keeps it binary, and edge pixels that blend with the black border are
    // dropped.
    const bool all_inside = std::all_of(corners.begin(), corners.end(), [&](const cv::Point2d& c) {
        return c.x >= 0 && c.y >= 0 && c.x <= bgr.cols - 1 && c.y <= bgr.rows - 1;
    });
    if (all_inside)
        inside_ = cv::Mat(size, CV_8UC1, cv::Scalar(255));
    else
        cv::warpAffine(cv::Mat(bgr.size(), CV_8UC1, cv::Scalar(255)), inside_, view_to_frame, size,
                       cv::INTER_NEAREST | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT, cv::Scalar(0));
    cv::cvtColor(bgr_, lab_, cv::COLOR_BGR2Lab);
    cv::cvtColor(bgr_, gray_, cv::COLOR_BGR2GRAY);
    for (std::size_t i = 0; i < face.landmarks.size(); ++i)
        landmarks_[i] = in_face_units(a, face.landmarks[i]);
}

cv::Point2d UprightView::to_px(cv::Point2d face_units) const
{
    return {(face_units.x - window_.x) * px_per_ied_, (face_units.y - window_.y) * px_per_ied_};
}

double UprightView::to_face_units_y(double y_px) const { return y_px / px_per_ied_ + window_.y; }

cv::Rect UprightView::region(double x0, double y0, double x1, double y1) const
{
    const cv::Point2d a = to_px({x0, y0}), b = to_px({x1, y1});
    const cv::Rect r(cv::Point(cvRound(a.x), cvRound(a.y)), cv::Point(cvRound(b.x), cvRound(b.y)));
    return r & cv::Rect(0, 0, bgr_.cols, bgr_.rows);
}

double UprightView::inside_fraction(const cv::Rect& r) const
{
    if (r.area() <= 0)
        return 0;
    return static_cast<double>(cv::countNonZero(inside_(r))) / r.area();
}

cv::Vec3d UprightView::median_lab() const
{
    cv::Vec3d out;
    std::vector<uchar> values;
    values.reserve(lab_.total());
    for (int c = 0; c < 3; ++c) {
        values.clear();
        for (int y = 0; y < lab_.rows; ++y)
            for (int x = 0; x < lab_.cols; ++x)
                if (inside_.at<uchar>(y, x))
                    values.push_back(lab_.at<cv::Vec3b>(y, x)[c]);
        if (values.empty())
            return {-1, -1, -1};
        std::nth_element(values.begin(), values.begin() + static_cast<long>(values.size() / 2), values.end());
        out[c] = values[values.size() / 2];
    }
    return out;
}

double UprightView::mean_landmark_y(int first, int last) const
{
    double sum = 0;
    for (int i = first; i <= last; ++i)
        sum += landmarks_[i].y;
    return sum / (last - first + 1);
}

} // namespace kiosk::vision
