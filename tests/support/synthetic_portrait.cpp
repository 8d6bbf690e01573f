#include "support/synthetic_portrait.h"

#include <opencv2/imgproc.hpp>

namespace kiosk::test {

cv::Mat synthetic_portrait(int width, int height)
{
    cv::Mat image(height, width, CV_8UC3, cv::Scalar(250, 250, 250));
    const cv::Point centre(width / 2, height * 9 / 20);
    // Shoulders, then a face lit from one side, hair, eyes and mouth.
    cv::ellipse(image, cv::Point(width / 2, height), cv::Size(width * 9 / 20, height / 4), 0, 180, 360,
                cv::Scalar(70, 60, 50), cv::FILLED);
    for (int r = width / 4; r > 0; --r) {
        const int shade = 120 + 100 * (width / 4 - r) / (width / 4);
        cv::ellipse(image, centre + cv::Point(r / 6, 0), cv::Size(r, r * 13 / 10), 0, 0, 360,
                    cv::Scalar(shade - 30, shade - 10, shade), cv::FILLED);
    }
    cv::ellipse(image, centre - cv::Point(0, height / 6), cv::Size(width / 4 + 4, height / 9), 0, 180, 360,
                cv::Scalar(30, 30, 35), cv::FILLED);
    for (int side : {-1, 1})
        cv::circle(image, centre + cv::Point(side * width / 10, -height / 30), width / 40, cv::Scalar(40, 30, 30),
                   cv::FILLED);
    cv::ellipse(image, centre + cv::Point(0, height / 9), cv::Size(width / 14, height / 60), 0, 0, 360,
                cv::Scalar(80, 80, 150), cv::FILLED);
    return image;
}

} // namespace kiosk::test
