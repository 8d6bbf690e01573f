#include "vision/crop_window.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace kiosk::vision {

CropWindow crop_window(const spec::CropPlan& plan, const spec::OutputFormat& output, const Face& face)
{
    const auto w = static_cast<float>(output.width_px);
    const auto h = static_cast<float>(output.height_px);
    CropWindow win;
    if (plan.scale > 0 && w > 0 && h > 0) {
        cv::Mat inverse;
        cv::invertAffineTransform(cv::Mat(plan.source_to_output), inverse);
        const cv::Matx23d inv(inverse);
        for (const cv::Point2f out : {cv::Point2f(0, 0), cv::Point2f(w, 0), cv::Point2f(w, h), cv::Point2f(0, h)})
            win.corners.emplace_back(static_cast<float>(inv(0, 0) * out.x + inv(0, 1) * out.y + inv(0, 2)),
                                     static_cast<float>(inv(1, 0) * out.x + inv(1, 1) * out.y + inv(1, 2)));
        win.from_plan = true;
        return win;
    }
    const float face_width = static_cast<float>(cv::norm(face.landmarks[16] - face.landmarks[0]));
    const float aspect = (w > 0 && h > 0) ? h / w : 441.0f / 358.0f;
    const float width = 1.75f * face_width;
    const float height = aspect * width;
    const cv::Point2f eye_mid = (face.eye_right + face.eye_left) * 0.5f;
    const float left = eye_mid.x - width / 2, top = eye_mid.y - 0.45f * height;
    win.corners = {{left, top}, {left + width, top}, {left + width, top + height}, {left, top + height}};
    return win;
}

double highlight_luma(const cv::Mat& gray, const CropWindow& window)
{
    const cv::Rect box = cv::boundingRect(window.corners) & cv::Rect(0, 0, gray.cols, gray.rows);
    if (box.empty())
        return 0;
    // A 1 % quantile needs no more than a few ten thousand pixels.
    const int step = std::max(1, static_cast<int>(std::sqrt(box.area() / 40000.0)));
    int hist[256] = {};
    int n = 0;
    for (int y = box.y; y < box.br().y; y += step) {
        const auto* g = gray.ptr<uchar>(y);
        for (int x = box.x; x < box.br().x; x += step) {
            ++hist[g[x]];
            ++n;
        }
    }
    int above = 0;
    for (int v = 255; v > 0; --v) {
        above += hist[v];
        if (100 * above >= n)
            return v;
    }
    return 0;
}

} // namespace kiosk::vision
