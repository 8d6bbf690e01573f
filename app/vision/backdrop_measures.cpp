#include "vision/backdrop_measures.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "vision/background_model.h"
#include "vision/face_regions.h"

namespace kiosk::vision {
namespace {

// Enough for every statistic below, cheap enough for the live path.
constexpr double kWorkSide = 240.0;
// Too few backdrop pixels make a percentile or a fitted surface meaningless.
constexpr int kMinPixels = 150;
// Local standard deviation of L* (5 x 5 working pixels) above which a pixel
// is texture (hair, fabric), not a smooth shadow on the backdrop.
constexpr float kShadowMaxTexture = 3.0f;

double percentile(std::vector<float> v, double p)
{
    auto at = v.begin() + static_cast<std::ptrdiff_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), at, v.end());
    return *at;
}

cv::Mat to_lab_lightness(const cv::Mat& lab)
{
    cv::Mat l;
    cv::extractChannel(lab, l, 0);
    return l;
}

// L* change across the area from one side to the other along a plane fitted
// to it. A plane, not the quadratic backdrop surface: a symmetric light
// fall-off has no tilt, and a plane does not swing where samples are few.
double lightness_tilt(const cv::Mat& lightness, const cv::Mat& where)
{
    cv::Matx33d ata = cv::Matx33d::zeros();
    cv::Vec3d atb(0, 0, 0);
    const double sx = 2.0 / std::max(1, lightness.cols - 1), sy = 2.0 / std::max(1, lightness.rows - 1);
    for (int y = 0; y < lightness.rows; ++y) {
        const auto* l = lightness.ptr<float>(y);
        const auto* w = where.ptr<uchar>(y);
        for (int x = 0; x < lightness.cols; ++x) {
            if (!w[x])
                continue;
            const cv::Vec3d b(1.0, x * sx - 1.0, y * sy - 1.0);
            ata += b * b.t();
            atb += b * static_cast<double>(l[x]);
        }
    }
    cv::Vec3d p;
    if (!cv::solve(ata, atb, p, cv::DECOMP_SVD))
        return 0;
    return 2.0 * std::hypot(p[1], p[2]);
}

// The plate's part that `box` of the frame shows, at the working size; empty
// without a plate or when the frame is of another shape.
cv::Mat plate_region(const BackdropPlate* plate, cv::Size frame, const cv::Rect& box, cv::Size small)
{
    if (!plate)
        return {};
    const cv::Mat full = plate->at_size(frame);
    if (full.empty())
        return {};
    cv::Mat out;
    cv::resize(full(box), out, small, 0, 0, cv::INTER_AREA);
    return out;
}

double median_of(const cv::Mat& values, const cv::Mat& where)
{
    std::vector<float> v;
    for (int y = 0; y < values.rows; ++y) {
        const auto* d = values.ptr<float>(y);
        const auto* w = where.ptr<uchar>(y);
        for (int x = 0; x < values.cols; ++x)
            if (w[x])
                v.push_back(d[x]);
    }
    return v.empty() ? 0.0 : percentile(std::move(v), 0.5);
}

// The `p` percentile of each side's values, the larger or smaller of the two
// (sides with too few values left out); `none` when neither side has enough.
double worse_side(const std::vector<float>& left, const std::vector<float>& right, double p, double none,
                  bool larger)
{
    double worst = none;
    for (const auto* side : {&left, &right})
        if (static_cast<int>(side->size()) >= kMinPixels / 3) {
            const double mid = percentile(*side, p);
            worst = larger ? std::max(worst, mid) : std::min(worst, mid);
        }
    return worst;
}

} // namespace

BackdropMeasures measure_backdrop(const cv::Mat& bgr, const Face& face, const CropWindow& window, double busy_delta,
                                  const cv::Mat& subject_alpha, const BackdropPlate* plate, double plate_shadow_share)
{
    BackdropMeasures m;
    const cv::Rect frame(0, 0, bgr.cols, bgr.rows);
    const cv::Rect box = cv::boundingRect(window.corners) & frame;
    if (box.width < 8 || box.height < 8) {
        m.why_not = "the crop window lies outside the frame";
        return m;
    }
    const double scale = std::min(1.0, kWorkSide / std::max(box.width, box.height));
    cv::Mat small;
    cv::resize(bgr(box), small, cv::Size(), scale, scale, cv::INTER_AREA);
    const cv::Point2f origin(static_cast<float>(box.x), static_cast<float>(box.y));

    const FaceRegions reg = face_regions(face);
    cv::Mat inside = cv::Mat::zeros(small.size(), CV_8U);
    fill_region(inside, window.corners, origin, scale);
    cv::Mat head = cv::Mat::zeros(small.size(), CV_8U);
    fill_region(head, reg.head, origin, scale);
    cv::Mat person = head.clone();
    fill_region(person, reg.torso, origin, scale);
    if (!subject_alpha.empty()) {
        // Any share of a working pixel on the person's feathered outline counts as person.
        cv::Mat separated;
        cv::resize(subject_alpha(box), separated, small.size(), 0, 0, cv::INTER_AREA);
        person |= separated > 0;
    }
    const double fw = reg.face_width * scale;
    person = grown(person, std::max(1.0, 0.08 * fw));
    const cv::Mat backdrop = inside & ~person;
    if (cv::countNonZero(backdrop) < kMinPixels) {
        m.why_not = "too little backdrop inside the crop to judge";
        return m;
    }

    const cv::Mat lab = to_lab(small);
    const BackgroundModel first = BackgroundModel::fit(lab, backdrop, busy_delta);
    const cv::Mat off = (first.distance(lab) > busy_delta) & backdrop;

    // Hair and clothes reach past any landmark prior (curls, a bun, broad
    // shoulders). What departs from the backdrop and joins the person within
    // a third of a face width of the prior is taken as the person; what stands
    // apart, or reaches further, is the backdrop being busy.
    const cv::Mat reach = grown(person, 0.3 * fw);
    cv::Mat joined = (off & reach) | person;
    cv::Mat labels;
    const int n = cv::connectedComponents(joined, labels, 8, CV_32S);
    std::vector<bool> touches(static_cast<size_t>(n), false);
    for (int y = 0; y < labels.rows; ++y) {
        const auto* l = labels.ptr<int>(y);
        const auto* p = person.ptr<uchar>(y);
        for (int x = 0; x < labels.cols; ++x)
            if (p[x])
                touches[static_cast<size_t>(l[x])] = true;
    }
    cv::Mat subject = cv::Mat::zeros(small.size(), CV_8U);
    for (int y = 0; y < labels.rows; ++y) {
        const auto* l = labels.ptr<int>(y);
        auto* o = subject.ptr<uchar>(y);
        for (int x = 0; x < labels.cols; ++x)
            o[x] = (l[x] > 0 && touches[static_cast<size_t>(l[x])]) ? 255 : 0;
    }
    const cv::Mat open_backdrop = backdrop & ~subject;
    m.pixels = cv::countNonZero(open_backdrop);
    if (m.pixels < kMinPixels) {
        m.why_not = "too little backdrop inside the crop to judge";
        return m;
    }
    const BackgroundModel model = BackgroundModel::fit(lab, open_backdrop, busy_delta);
    m.busy_fraction = model.busy_fraction();
    m.lightness_tilt = lightness_tilt(to_lab_lightness(lab), open_backdrop);
    m.mean_lab = model.mean_lab();
    m.noise = model.noise();

    // Shadow: beside and above the head, where the subject's own shadow falls
    // when the light comes from the front and a little to one side. A cast
    // shadow is smooth; hair, even black hair, is textured or far darker, so
    // only smooth pixels no darker than half the backdrop's lightness count.
    std::vector<cv::Mat> channels;
    cv::split(lab, channels);
    const cv::Mat& lightness = channels[0];
    cv::Mat mean, mean_sq;
    cv::boxFilter(lightness, mean, CV_32F, cv::Size(5, 5));
    cv::boxFilter(lightness.mul(lightness), mean_sq, CV_32F, cv::Size(5, 5));
    cv::Mat local_sd;
    cv::sqrt(cv::max(mean_sq - mean.mul(mean), 0), local_sd);
    const cv::Mat smooth = local_sd < kShadowMaxTexture;

    const cv::Mat beside_head = grown(head, 0.35 * fw);
    const cv::Mat near = beside_head & backdrop & smooth;
    const float axis_x = ((face.eye_right.x + face.eye_left.x) / 2 - origin.x) * static_cast<float>(scale);
    m.measured = true;

    const cv::Mat plate_small = plate_region(plate, bgr.size(), box, small.size());
    // The plate's level is matched on the backdrop away from the head, where
    // the subject's shadow does not fall; beside the head, what is darker than
    // the matched plate is shadow. Hair and clothes are far darker than any
    // shadow on a light backdrop: more than half darker than the plate is
    // left out, as the open backdrop's half is below.
    const cv::Mat far_backdrop = open_backdrop & ~beside_head;
    const cv::Mat fit_on = cv::countNonZero(far_backdrop) >= kMinPixels ? far_backdrop : open_backdrop;
    const cv::Mat matched = plate_small.empty() ? cv::Mat() : level_matched_plate(lab, to_lab(plate_small), fit_on);
    // A plate the open backdrop no longer matches (the backdrop changed or
    // the camera moved since calibration) would make every frame look
    // shadowed: then the backdrop is judged by itself, as without a plate.
    if (!matched.empty() && median_of(lab_distance(lab, matched), fit_on) <= 0.5 * busy_delta) {
        const cv::Mat plate_lightness = to_lab_lightness(matched);
        std::vector<float> left, right;
        for (int y = 0; y < lab.rows; ++y) {
            const auto* l = lightness.ptr<float>(y);
            const auto* p = plate_lightness.ptr<float>(y);
            const auto* nb = near.ptr<uchar>(y);
            for (int x = 0; x < lab.cols; ++x)
                if (nb[x] && l[x] >= 0.5f * p[x])
                    (static_cast<float>(x) < axis_x ? left : right).push_back(p[x] - l[x]);
        }
        const double quantile = 1.0 - std::clamp(plate_shadow_share, 0.0, 1.0);
        m.darkening = std::max(0.0, worse_side(left, right, quantile, 0.0, true));
        m.against_plate = true;
        return m;
    }

    std::vector<float> all;
    for (int y = 0; y < lab.rows; ++y) {
        const auto* l = lightness.ptr<float>(y);
        const auto* b = open_backdrop.ptr<uchar>(y);
        for (int x = 0; x < lab.cols; ++x)
            if (b[x])
                all.push_back(l[x]);
    }
    const double open = percentile(all, 0.8);
    std::vector<float> left, right;
    for (int y = 0; y < lab.rows; ++y) {
        const auto* l = lightness.ptr<float>(y);
        const auto* nb = near.ptr<uchar>(y);
        for (int x = 0; x < lab.cols; ++x)
            if (nb[x] && l[x] >= 0.5 * open)
                (static_cast<float>(x) < axis_x ? left : right).push_back(l[x]);
    }
    m.darkening = open - worse_side(left, right, 0.5, open, false);
    return m;
}

} // namespace kiosk::vision
