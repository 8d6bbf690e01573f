#pragma once

#include <cmath>

#include <opencv2/imgproc.hpp>

#include "vision/face.h"

namespace kiosk::test {

// A drawn head-and-shoulders portrait with landmarks placed where dlib's
// 68-point layout would put them, so the scene code can be tested without
// the real-photo set. The head is an ellipse of skin with a hair cap, the
// torso a dark trapezoid, on a flat backdrop.
struct SyntheticPortrait {
    cv::Mat bgr;
    vision::Face face;
    cv::Mat person;   // CV_8U, 255 where the drawing is the person
};

inline SyntheticPortrait draw_portrait(cv::Size size, cv::Scalar backdrop, cv::Scalar skin = {120, 150, 200},
                                       cv::Scalar hair = {30, 30, 40}, cv::Scalar shirt = {90, 40, 20})
{
    SyntheticPortrait p;
    p.bgr = cv::Mat(size, CV_8UC3, backdrop);
    p.person = cv::Mat::zeros(size, CV_8U);

    const float cx = size.width * 0.5f;
    const float w = size.width * 0.17f;          // half face width
    const float eye_y = size.height * 0.42f;
    const float chin_y = eye_y + 1.45f * w;

    auto& lm = p.face.landmarks;
    for (int i = 0; i <= 16; ++i) {
        const float t = static_cast<float>(CV_PI) * (1.0f - static_cast<float>(i) / 16.0f);
        lm[i] = {cx + w * std::cos(t), eye_y + (chin_y - eye_y) * std::sin(t)};
    }
    for (int i = 0; i < 5; ++i) {
        const float f = static_cast<float>(i) / 4.0f;
        lm[17 + i] = {cx - w * (0.8f - 0.65f * f), eye_y - 0.3f * w};
        lm[26 - i] = {cx + w * (0.8f - 0.65f * f), eye_y - 0.3f * w};
    }
    for (int i = 0; i < 4; ++i)
        lm[27 + i] = {cx, eye_y + 0.15f * w * static_cast<float>(i + 1)};
    for (int i = 0; i < 5; ++i)
        lm[31 + i] = {cx - 0.2f * w + 0.1f * w * static_cast<float>(i), eye_y + 0.65f * w};
    auto ring = [&](int first, int count, cv::Point2f c, float rx, float ry) {
        for (int i = 0; i < count; ++i) {
            const float t = 2.0f * static_cast<float>(CV_PI) * static_cast<float>(i) / static_cast<float>(count);
            lm[first + i] = {c.x - rx * std::cos(t), c.y - ry * std::sin(t)};
        }
    };
    const cv::Point2f eye_r(cx - 0.4f * w, eye_y), eye_l(cx + 0.4f * w, eye_y), mouth(cx, eye_y + 1.0f * w);
    ring(36, 6, eye_r, 0.15f * w, 0.06f * w);
    ring(42, 6, eye_l, 0.15f * w, 0.06f * w);
    ring(48, 12, mouth, 0.35f * w, 0.1f * w);
    ring(60, 8, mouth, 0.25f * w, 0.03f * w);
    p.face.eye_right = eye_r;
    p.face.eye_left = eye_l;
    p.face.box = cv::Rect(cvRound(cx - w), cvRound(eye_y - 0.6f * w), cvRound(2 * w), cvRound(2.2f * w));

    auto paint = [&](auto draw, cv::Scalar colour) {
        draw(p.bgr, colour);
        draw(p.person, cv::Scalar(255));
    };
    const std::vector<cv::Point> torso = {
        {cvRound(cx - 0.45f * w), cvRound(chin_y - 0.2f * w)}, {cvRound(cx + 0.45f * w), cvRound(chin_y - 0.2f * w)},
        {cvRound(cx + 2.2f * w), cvRound(chin_y + 0.9f * w)},  {cvRound(cx + 2.4f * w), size.height},
        {cvRound(cx - 2.4f * w), size.height},                 {cvRound(cx - 2.2f * w), cvRound(chin_y + 0.9f * w)}};
    paint([&](cv::Mat& m, cv::Scalar c) { cv::fillConvexPoly(m, torso, c); }, shirt);
    const cv::Point head_centre(cvRound(cx), cvRound((eye_y - 1.3f * w + chin_y) / 2));
    const cv::Size head_axes(cvRound(1.12f * w), cvRound((chin_y - eye_y + 1.3f * w) / 2));
    paint([&](cv::Mat& m, cv::Scalar c) { cv::ellipse(m, head_centre, head_axes, 0, 180, 360, c, cv::FILLED); },
          hair);
    paint([&](cv::Mat& m, cv::Scalar c) {
        cv::ellipse(m, {cvRound(cx), cvRound(eye_y)}, {cvRound(1.02f * w), cvRound(chin_y - eye_y)}, 0, 0, 180, c,
                    cv::FILLED);
        cv::rectangle(m, cv::Rect(cvRound(cx - 1.02f * w), cvRound(eye_y - 0.7f * w), cvRound(2.04f * w),
                                  cvRound(0.71f * w)),
                      c, cv::FILLED);
    },
          skin);
    cv::circle(p.bgr, eye_r, std::max(1, cvRound(0.06f * w)), {40, 30, 30}, cv::FILLED);
    cv::circle(p.bgr, eye_l, std::max(1, cvRound(0.06f * w)), {40, 30, 30}, cv::FILLED);
    cv::ellipse(p.bgr, mouth, cv::Size(cvRound(0.3f * w), cvRound(0.05f * w)), 0, 0, 360, {90, 80, 170}, cv::FILLED);
    return p;
}

} // namespace kiosk::test
