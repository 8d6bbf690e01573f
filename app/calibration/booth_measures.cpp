#include "calibration/booth_measures.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace kiosk::calibration {
namespace {

constexpr int measure_width = 320;
constexpr double gamma = 2.2;
// Corners are squares of this share of the plate's height; the middle is
// this share of each side.
constexpr double corner_share = 0.15;
constexpr double middle_share = 0.4;

cv::Mat lab_float(const cv::Mat& bgr)
{
    cv::Mat f;
    bgr.convertTo(f, CV_32FC3, 1.0 / 255.0);
    cv::cvtColor(f, f, cv::COLOR_BGR2Lab);
    return f;
}

double percentile(std::vector<float> values, double p)
{
    const auto k = static_cast<std::ptrdiff_t>(p * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + k, values.end());
    return values[static_cast<std::size_t>(k)];
}

} // namespace

PlateMeasures measure_plate(const cv::Mat& bgr)
{
    const double scale = std::min(1.0, static_cast<double>(measure_width) / bgr.cols);
    cv::Mat small;
    cv::resize(bgr, small, {}, scale, scale, cv::INTER_AREA);
    const cv::Mat lab = lab_float(small);
    std::vector<cv::Mat> channels;
    cv::split(lab, channels);
    const cv::Mat& lightness = channels[0];

    PlateMeasures m;
    const cv::Scalar mean = cv::mean(lab);
    m.mean_lightness = mean[0];
    m.mean_ab = {mean[1], mean[2]};
    std::vector<float> values(lightness.begin<float>(), lightness.end<float>());
    m.lightness_spread = percentile(values, 0.95) - percentile(values, 0.05);

    // L* = c0 + c1 x + c2 y with x and y running from -0.5 to 0.5, so c1 and
    // c2 are the changes from one side to the other.
    const int n = lightness.rows * lightness.cols;
    cv::Mat a(n, 3, CV_64F);
    cv::Mat l(n, 1, CV_64F);
    for (int y = 0, i = 0; y < lightness.rows; ++y) {
        for (int x = 0; x < lightness.cols; ++x, ++i) {
            a.at<double>(i, 0) = 1.0;
            a.at<double>(i, 1) = (x + 0.5) / lightness.cols - 0.5;
            a.at<double>(i, 2) = (y + 0.5) / lightness.rows - 0.5;
            l.at<double>(i, 0) = lightness.at<float>(y, x);
        }
    }
    cv::Mat plane;
    cv::solve(a, l, plane, cv::DECOMP_QR);
    m.gradient_left_right = plane.at<double>(1);
    m.gradient_top_bottom = plane.at<double>(2);

    cv::Mat residual_column = l - a * plane;
    const cv::Mat residual = residual_column.reshape(1, lightness.rows);
    const int corner = std::max(1, static_cast<int>(lightness.rows * corner_share));
    const int right = lightness.cols - corner;
    const int bottom = lightness.rows - corner;
    const double corners = (cv::mean(residual(cv::Rect(0, 0, corner, corner)))[0] +
                            cv::mean(residual(cv::Rect(right, 0, corner, corner)))[0] +
                            cv::mean(residual(cv::Rect(0, bottom, corner, corner)))[0] +
                            cv::mean(residual(cv::Rect(right, bottom, corner, corner)))[0]) /
                           4.0;
    const cv::Size middle_size(std::max(1, static_cast<int>(lightness.cols * middle_share)),
                               std::max(1, static_cast<int>(lightness.rows * middle_share)));
    const cv::Rect middle((lightness.cols - middle_size.width) / 2, (lightness.rows - middle_size.height) / 2,
                          middle_size.width, middle_size.height);
    m.vignetting = cv::mean(residual(middle))[0] - corners;
    return m;
}

cv::Vec3d lab_of_rgb(int red, int green, int blue)
{
    const cv::Mat pixel(1, 1, CV_8UC3, cv::Scalar(blue, green, red));
    const cv::Vec3f lab = lab_float(pixel).at<cv::Vec3f>(0, 0);
    return {lab[0], lab[1], lab[2]};
}

cv::Vec3d mean_lab(const cv::Mat& bgr, cv::Rect region)
{
    const cv::Scalar mean = cv::mean(lab_float(bgr(region)));
    return {mean[0], mean[1], mean[2]};
}

double linear_light(double level) { return std::pow(std::clamp(level, 0.0, 255.0) / 255.0, gamma); }

double display_level(double linear) { return 255.0 * std::pow(std::clamp(linear, 0.0, 1.0), 1.0 / gamma); }

} // namespace kiosk::calibration
