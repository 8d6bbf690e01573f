#include "vision/checks/necklace_finder.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "vision/checks/upright_view.h"

namespace kiosk::vision {
namespace {

// A chain is one or two pixels wide on a 1350 px portrait (IED about 200 px);
// 200 px per IED keeps it, and smaller faces are used at their own resolution.
constexpr double kMaxPxPerIed = 200;

// Region geometry in IED (see necklace_finder.h).
constexpr double kTopBelowChin = 0.2;
constexpr double kBottomBelowChin = 1.7;
constexpr double kHalfWidth = 1.2;
// Half the region may run off the bottom of a tightly framed picture; less
// than that is too little neck to judge.
constexpr double kMinInside = 0.5;

// Neck skin: near the cheeks' hue, with looser tolerances than for the ears
// because neck and chest are often paler or more sun-tanned than the face,
// and lightness within these of the cheeks (8-bit CIELAB). Dark hair
// strands, which would read as lines, fall below; a white collar has no
// skin hue.
constexpr double kRednessBelowCheeks = 6;
constexpr double kYellownessFromCheeks = 14;
constexpr double kDarkerThanCheeks = 60;
constexpr double kBrighterThanCheeks = 60;

// Scale of the line detector, in pixels at 200 px per IED.
constexpr double kLineSigmaAt200 = 1.5;
// Keep lines this far (IED) from the skin's edge, where the step to hair,
// collar or backdrop looks like a line.
constexpr double kEdgeMargin = 0.04;
// Widest chain or cord looked for, IED (about 6 px on a 1350 px portrait).
constexpr double kMaxCordWidth = 0.03;
// The median response is floored so flawless (or synthetic) skin does not
// make every faint mark a line.
constexpr float kMinMedianResponse = 0.5f;
constexpr double kMinLineLength = 0.25;    // IED
constexpr double kMinSteepnessDeg = 30;

// Skin pixels of the region, opened to drop specks and eroded by the margin.
cv::Mat neck_skin(const cv::Mat& lab, const cv::Mat& inside, const SkinColour& skin, double px_per_ied)
{
    cv::Mat mask(lab.size(), CV_8U, cv::Scalar(0));
    for (int y = 0; y < lab.rows; ++y)
        for (int x = 0; x < lab.cols; ++x) {
            const cv::Vec3b v = lab.at<cv::Vec3b>(y, x);
            if (inside.at<uchar>(y, x) && skin.hue_within(v, kRednessBelowCheeks, kYellownessFromCheeks) &&
                v[0] > skin.lab[0] - kDarkerThanCheeks &&
                v[0] < skin.lab[0] + kBrighterThanCheeks)
                mask.at<uchar>(y, x) = 255;
        }
    cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::Mat::ones(5, 5, CV_8U));
    // A dark cord is not skin-coloured itself; closing the mask over gaps
    // this thin puts it back inside the skin it lies on.
    const int gap = std::max(3, cvRound(kMaxCordWidth * px_per_ied));
    cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, cv::Mat::ones(2 * gap + 1, 2 * gap + 1, CV_8U));
    const int margin = std::max(3, cvRound(kEdgeMargin * px_per_ied));
    cv::erode(mask, mask, cv::Mat::ones(2 * margin + 1, 2 * margin + 1, CV_8U));
    return mask;
}

// Larger eigenvalue of the lightness Hessian: strongly positive along a thin
// line darker than its sides, whatever the line's direction.
cv::Mat dark_line_response(const cv::Mat& lab, double px_per_ied)
{
    cv::Mat lightness;
    cv::extractChannel(lab, lightness, 0);
    lightness.convertTo(lightness, CV_32F);
    cv::GaussianBlur(lightness, lightness, cv::Size(), kLineSigmaAt200 * px_per_ied / kMaxPxPerIed);
    cv::Mat dxx, dyy, dxy;
    cv::Sobel(lightness, dxx, CV_32F, 2, 0);
    cv::Sobel(lightness, dyy, CV_32F, 0, 2);
    cv::Sobel(lightness, dxy, CV_32F, 1, 1);
    // (a + b) / 2 + sqrt(((a - b) / 2)^2 + c^2) for the Hessian [[a, c], [c, b]].
    cv::Mat half_difference = 0.5 * (dxx - dyy);
    cv::Mat radius;
    cv::magnitude(half_difference, dxy, radius);
    cv::Mat response = 0.5 * (dxx + dyy) + radius;
    return response;
}

// Median |response| over the mask, from every other pixel of every other
// row: the skin's texture level, which a quarter of the pixels gives as well.
float median_abs_over(const cv::Mat& response, const cv::Mat& mask)
{
    std::vector<float> values;
    for (int y = 0; y < response.rows; y += 2)
        for (int x = 0; x < response.cols; x += 2)
            if (mask.at<uchar>(y, x))
                values.push_back(std::abs(response.at<float>(y, x)));
    if (values.empty())
        return kMinMedianResponse;
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return std::max(kMinMedianResponse, values[values.size() / 2]);
}

// Angle of each blob's main axis from the horizontal, degrees (0-90), from
// its second moments; one pass over the label image for all blobs.
std::vector<double> steepness_deg(const cv::Mat& labels, int count)
{
    struct Moments {
        double n = 0, x = 0, y = 0, xx = 0, yy = 0, xy = 0;
    };
    std::vector<Moments> m(static_cast<std::size_t>(count));
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x) {
            const int id = labels.at<int>(y, x);
            if (id <= 0)
                continue;
            Moments& b = m[static_cast<std::size_t>(id)];
            b.n += 1;
            b.x += x;
            b.y += y;
            b.xx += static_cast<double>(x) * x;
            b.yy += static_cast<double>(y) * y;
            b.xy += static_cast<double>(x) * y;
        }
    std::vector<double> out(static_cast<std::size_t>(count), 0.0);
    for (std::size_t i = 1; i < m.size(); ++i) {
        const Moments& b = m[i];
        if (b.n == 0)
            continue;
        const double cx = b.x / b.n;
        const double cy = b.y / b.n;
        const double sxx = b.xx / b.n - cx * cx;
        const double syy = b.yy / b.n - cy * cy;
        const double sxy = b.xy / b.n - cx * cy;
        // Orientation of the main axis of the covariance ellipse.
        const double theta = 0.5 * std::atan2(2 * sxy, sxx - syy);
        out[i] = std::abs(theta) * 180.0 / CV_PI;
    }
    return out;
}

} // namespace

NecklaceResult find_necklace(const cv::Mat& bgr, const Face& face, const SkinColour& skin, double line_contrast)
{
    NecklaceResult r;
    const double px_per_ied = std::min(kMaxPxPerIed, face.inter_eye_distance());
    const cv::Point2d chin = to_face_units(face, face.landmarks[8]);
    const cv::Rect2d window(chin.x - kHalfWidth, chin.y + kTopBelowChin, 2 * kHalfWidth,
                            kBottomBelowChin - kTopBelowChin);
    const UprightView region(bgr, face, window, px_per_ied, Shrinking::SmoothFirst);
    if (region.inside_fraction() < kMinInside) {
        r.why_not = "the neck lies outside the frame";
        return r;
    }

    const cv::Mat skin_mask = neck_skin(region.lab(), region.inside(), skin, px_per_ied);
    const cv::Mat response = dark_line_response(region.lab(), px_per_ied);
    const float bar = static_cast<float>(line_contrast) * median_abs_over(response, skin_mask);
    const cv::Mat lines = (response > bar) & skin_mask;

    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(lines, labels, stats, centroids, 8);
    const std::vector<double> steepness = steepness_deg(labels, n);
    NecklaceEvidence e;
    for (int i = 1; i < n; ++i) {
        const double length = std::hypot(stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT)) /
                              px_per_ied;
        if (length >= kMinLineLength && steepness[static_cast<std::size_t>(i)] > kMinSteepnessDeg)
            e.line_length += length;
    }
    e.skin_share = static_cast<double>(cv::countNonZero(skin_mask)) / static_cast<double>(skin_mask.total());
    r.evidence = e;
    return r;
}

} // namespace kiosk::vision
