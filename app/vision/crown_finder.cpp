#include "vision/crown_finder.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace kiosk::vision {
namespace {

// Rows sampled along the axis: enough to place the crown to about 1 % of the
// eye-to-chin distance whatever the image size, and cheap (a strip of a few
// thousand pixels).
constexpr int kRows = 200;
// The strip is this share of the inter-eye distance wide, centred on the
// axis: the top of the head is flat there, so the rows cross it level.
constexpr double kStripWidthOfInterEye = 0.6;
// The reference rows sit above the highest plausible crown by this much
// (eye-to-chin units) and span this share of the strip.
constexpr double kReferenceMargin = 0.15;
constexpr int kReferenceRows = kRows / 20;
// A crown is this many consecutive hair rows, so a stray strand or a speck
// on the backdrop does not count.
constexpr int kRunRows = kRows / 50;

double lab_distance(const cv::Vec3b& a, const cv::Vec3f& b)
{
    const double d0 = a[0] - b[0], d1 = a[1] - b[1], d2 = a[2] - b[2];
    return std::sqrt(d0 * d0 + d1 * d1 + d2 * d2);
}

Crown fallback(double eye_mid_y, const cv::Point2d& up, double eye_to_chin, const CrownParams& p)
{
    Crown c;
    c.height = p.fallback_height;
    c.y = eye_mid_y + up.y * p.fallback_height * eye_to_chin;
    c.measured = false;
    return c;
}

} // namespace

CrownParams crown_params(const spec::Thresholds& limits)
{
    CrownParams p;
    p.min_contrast = limits.number("face_size", "crown_min_contrast");
    p.min_hair_share = limits.number("face_size", "crown_min_hair_share");
    p.max_background_spread = limits.number("face_size", "crown_max_background_spread");
    p.plausible_height = limits.range("face_size", "crown_plausible_height");
    p.fallback_height = limits.number("face_size", "crown_fallback_height");
    return p;
}

Crown find_crown(cv::InputArray bgr_in, const Face& face, const CrownParams& params)
{
    const cv::Mat bgr = bgr_in.getMat();
    CV_Assert(bgr.type() == CV_8UC3);

    const cv::Point2d eye_mid = (cv::Point2d(face.eye_right) + cv::Point2d(face.eye_left)) * 0.5;
    const cv::Point2d chin(face.landmarks[8]);
    const double eye_to_chin = cv::norm(eye_mid - chin);
    const double inter_eye = face.inter_eye_distance();
    if (eye_to_chin < 1 || inter_eye < 1)
        return fallback(eye_mid.y, {0, -1}, eye_to_chin, params);
    const cv::Point2d up = (eye_mid - chin) / eye_to_chin;
    const cv::Point2d right(-up.y, up.x);

    // Heights (source px above the eye line along the axis) the strip spans.
    const double top = (params.plausible_height.max + kReferenceMargin) * eye_to_chin;
    const double bottom = params.plausible_height.min * eye_to_chin;
    const double step = (top - bottom) / kRows;
    const int cols = std::clamp(static_cast<int>(kStripWidthOfInterEye * inter_eye / step), 4, 64);

    // Strip pixel (c, r) samples the source at
    // eye_mid + up * (top - r * step) + right * (c - (cols - 1) / 2) * step.
    const double half = (cols - 1) / 2.0;
    const cv::Point2d origin = eye_mid + up * top - right * half * step;
    const cv::Matx23d strip_to_source(right.x * step, -up.x * step, origin.x,   //
                                      right.y * step, -up.y * step, origin.y);
    cv::Mat strip, lab;
    cv::warpAffine(bgr, strip, strip_to_source, cv::Size(cols, kRows), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                   cv::BORDER_REPLICATE);
    cv::cvtColor(strip, lab, cv::COLOR_BGR2Lab);

    // The first row whose both ends lie inside the frame: above it the strip
    // samples replicated border pixels, not the scene.
    const cv::Rect2d frame(0, 0, bgr.cols - 1, bgr.rows - 1);
    int first = 0;
    while (first < kRows) {
        const cv::Point2d a = origin + cv::Point2d(-up.x, -up.y) * (first * step);
        const cv::Point2d b = a + right * ((cols - 1) * step);
        if (frame.contains(a) && frame.contains(b))
            break;
        ++first;
    }
    const int reference_end = first + kReferenceRows;
    // The reference must lie above the lowest plausible crown; otherwise the
    // head reaches the top of the frame and there is no background to compare.
    if (reference_end + kRunRows >= kRows)
        return fallback(eye_mid.y, up, eye_to_chin, params);

    cv::Vec3f reference(0, 0, 0);
    for (int r = first; r < reference_end; ++r)
        for (int c = 0; c < cols; ++c)
            reference += cv::Vec3f(lab.at<cv::Vec3b>(r, c));
    reference *= 1.0f / static_cast<float>(kReferenceRows * cols);
    double spread = 0;
    for (int r = first; r < reference_end; ++r)
        for (int c = 0; c < cols; ++c)
            spread += lab_distance(lab.at<cv::Vec3b>(r, c), reference);
    spread /= kReferenceRows * cols;
    if (spread > params.max_background_spread)
        return fallback(eye_mid.y, up, eye_to_chin, params);

    int run = 0;
    for (int r = reference_end; r < kRows; ++r) {
        int differing = 0;
        for (int c = 0; c < cols; ++c)
            differing += lab_distance(lab.at<cv::Vec3b>(r, c), reference) > params.min_contrast;
        run = differing >= params.min_hair_share * cols ? run + 1 : 0;
        if (run == kRunRows) {
            const int crown_row = r - kRunRows + 1;
            Crown c;
            c.height = (top - crown_row * step) / eye_to_chin;
            if (!params.plausible_height.contains(c.height))
                return fallback(eye_mid.y, up, eye_to_chin, params);
            c.y = eye_mid.y + up.y * c.height * eye_to_chin;
            c.measured = true;
            return c;
        }
    }
    // No edge between the background and the brows: nothing plausible to report.
    return fallback(eye_mid.y, up, eye_to_chin, params);
}

} // namespace kiosk::vision
