#include "receipt/thermal_dither.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace kiosk::receipt {

cv::Mat thermal_dither(const cv::Mat& photo, int width, int height, double gamma)
{
    cv::Mat grey;
    if (photo.channels() == 3)
        cv::cvtColor(photo, grey, cv::COLOR_BGR2GRAY);
    else if (photo.channels() == 4)
        cv::cvtColor(photo, grey, cv::COLOR_BGRA2GRAY);
    else
        grey = photo;

    cv::Mat small;
    cv::resize(grey, small, cv::Size(width, height), 0, 0, cv::INTER_AREA);

    cv::Mat level;
    small.convertTo(level, CV_32F, 1.0 / 255.0);
    if (gamma != 1.0)
        cv::pow(level, 1.0 / gamma, level);

    cv::Mat out(height, width, CV_8U);
    for (int y = 0; y < height; ++y) {
        float* row = level.ptr<float>(y);
        float* below = y + 1 < height ? level.ptr<float>(y + 1) : nullptr;
        for (int x = 0; x < width; ++x) {
            const float old_value = row[x];
            const float new_value = old_value < 0.5f ? 0.0f : 1.0f;
            out.at<unsigned char>(y, x) = new_value > 0 ? 255 : 0;
            const float error = old_value - new_value;
            if (x + 1 < width)
                row[x + 1] += error * 7.0f / 16.0f;
            if (below) {
                if (x > 0)
                    below[x - 1] += error * 3.0f / 16.0f;
                below[x] += error * 5.0f / 16.0f;
                if (x + 1 < width)
                    below[x + 1] += error * 1.0f / 16.0f;
            }
        }
    }
    return out;
}

} // namespace kiosk::receipt
