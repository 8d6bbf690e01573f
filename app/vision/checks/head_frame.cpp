#include "vision/checks/head_frame.h"

#include <cmath>

#include <opencv2/imgproc.hpp>

namespace kiosk::vision {

HeadFrame::HeadFrame(const cv::Mat& bgr, const Face& face, const cv::Rect2d& window, double px_per_ied)
    : window_(window), px_per_ied_(px_per_ied)
{
    CV_Assert(bgr.type() == CV_8UC3 && px_per_ied > 0 && window.width > 0 && window.height > 0);
    const cv::Point2d mid = (cv::Point2d(face.eye_right) + cv::Point2d(face.eye_left)) * 0.5;
    const cv::Point2d axis = cv::Point2d(face.eye_left) - cv::Point2d(face.eye_right);
    const double ied = std::hypot(axis.x, axis.y);
    CV_Assert(ied > 0);

    // Source -> IED units: translate the eye midpoint to the origin, rotate the
    // eye line level, divide by the IED. Then IED units -> view pixels.
    const double c = axis.x / ied, s = axis.y / ied;
    auto source_to_ied = [&](cv::Point2d p) {
        const cv::Point2d d = p - mid;
        return cv::Point2d((c * d.x + s * d.y) / ied, (-s * d.x + c * d.y) / ied);
    };
    const double k = px_per_ied / ied;
    cv::Matx23d to_view(c * k, s * k, 0, -s * k, c * k, 0);
    to_view(0, 2) = -(to_view(0, 0) * mid.x + to_view(0, 1) * mid.y) - window.x * px_per_ied;
    to_view(1, 2) = -(to_view(1, 0) * mid.x + to_view(1, 1) * mid.y) - window.y * px_per_ied;

    const cv::Size size(cvRound(window.width * px_per_ied), cvRound(window.height * px_per_ied));
    cv::warpAffine(bgr, bgr_, to_view, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar::all(0));

    // Usually the whole window lies inside the frame; only then is the second
    // resampling (of a mask) needed.
    cv::Matx23d to_source;
    cv::invertAffineTransform(to_view, to_source);
    bool window_inside = true;
    for (const cv::Point2d corner : {cv::Point2d(0, 0), cv::Point2d(size.width, 0), cv::Point2d(0, size.height),
                                     cv::Point2d(size.width, size.height)}) {
        const cv::Vec3d v(corner.x, corner.y, 1);
        const cv::Vec2d s = to_source * v;
        window_inside = window_inside && s[0] >= 0 && s[1] >= 0 && s[0] <= bgr.cols - 1 && s[1] <= bgr.rows - 1;
    }
    if (window_inside)
        inside_ = cv::Mat(size, CV_8UC1, cv::Scalar(255));
    else
        cv::warpAffine(cv::Mat(bgr.size(), CV_8UC1, cv::Scalar(255)), inside_, to_view, size, cv::INTER_NEAREST,
                       cv::BORDER_CONSTANT, cv::Scalar(0));
    cv::cvtColor(bgr_, lab_, cv::COLOR_BGR2Lab);
    cv::cvtColor(bgr_, gray_, cv::COLOR_BGR2GRAY);
    for (std::size_t i = 0; i < face.landmarks.size(); ++i)
        landmarks_ied_[i] = source_to_ied(cv::Point2d(face.landmarks[i]));
}

cv::Point2d HeadFrame::to_px(cv::Point2d ied) const
{
    return {(ied.x - window_.x) * px_per_ied_, (ied.y - window_.y) * px_per_ied_};
}

double HeadFrame::to_ied_y(double y_px) const { return y_px / px_per_ied_ + window_.y; }

cv::Rect HeadFrame::region(double x0, double y0, double x1, double y1) const
{
    const cv::Point2d a = to_px({x0, y0}), b = to_px({x1, y1});
    const cv::Rect r(cv::Point(cvRound(a.x), cvRound(a.y)), cv::Point(cvRound(b.x), cvRound(b.y)));
    return r & cv::Rect(0, 0, bgr_.cols, bgr_.rows);
}

double HeadFrame::inside_fraction(const cv::Rect& r) const
{
    if (r.area() <= 0)
        return 0;
    return static_cast<double>(cv::countNonZero(inside_(r))) / r.area();
}

double HeadFrame::mean_y_ied(int first, int last) const
{
    double sum = 0;
    for (int i = first; i <= last; ++i)
        sum += landmarks_ied_[i].y;
    return sum / (last - first + 1);
}

} // namespace kiosk::vision
