#include "vision/backdrop_plate.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "vision/median.h"

namespace kiosk::vision {
namespace {

constexpr int kMinSide = 64;
// A live size and a still size, with room for a change of camera mode.
constexpr size_t kKeptSizes = 3;
constexpr double kMaxShapeDifference = 0.01;
constexpr int kMinBackdropPixels = 50;
constexpr int kRefits = 3;
// L* residual a backdrop pixel may have and still count in the level fit
// while the fit is rough: sensor noise and JPEG-free median plates stay well
// inside it, a cast shadow or a strand of hair does not.
constexpr double kMinLevelCut = 2.0;

struct Difference {
    double u, v;          // position, -1 .. 1 across the image
    cv::Vec3d lab;        // frame minus plate
};

cv::Vec3d plane_fit(const std::vector<Difference>& d, const std::vector<bool>& use)
{
    cv::Matx33d ata = cv::Matx33d::zeros();
    cv::Vec3d atb(0, 0, 0);
    for (size_t i = 0; i < d.size(); ++i) {
        if (!use[i])
            continue;
        const cv::Vec3d b(1.0, d[i].u, d[i].v);
        ata += b * b.t();
        atb += b * d[i].lab[0];
    }
    cv::Vec3d p(0, 0, 0);
    cv::solve(ata, atb, p, cv::DECOMP_SVD);
    return p;
}

} // namespace

BackdropPlate::BackdropPlate(const cv::Mat& bgr)
{
    if (bgr.empty() || bgr.type() != CV_8UC3)
        throw InputError("a backdrop plate must be a non-empty 8-bit 3-channel (BGR) image");
    if (std::min(bgr.cols, bgr.rows) < kMinSide)
        throw InputError("a backdrop plate must be at least " + std::to_string(kMinSide) +
                         " pixels on each side, got " + std::to_string(bgr.cols) + " x " + std::to_string(bgr.rows));
    bgr_ = bgr.clone();
}

cv::Mat BackdropPlate::at_size(cv::Size frame) const
{
    if (frame.width <= 0 || frame.height <= 0)
        return {};
    const double plate_shape = static_cast<double>(bgr_.cols) / bgr_.rows;
    const double frame_shape = static_cast<double>(frame.width) / frame.height;
    if (std::abs(frame_shape / plate_shape - 1.0) > kMaxShapeDifference)
        return {};
    if (frame == bgr_.size())
        return bgr_;
    std::lock_guard lock(mutex_);
    for (const cv::Mat& r : resampled_)
        if (r.size() == frame)
            return r;
    cv::Mat r;
    cv::resize(bgr_, r, frame, 0, 0, frame.area() < bgr_.size().area() ? cv::INTER_AREA : cv::INTER_LINEAR);
    if (resampled_.size() == kKeptSizes)
        resampled_.erase(resampled_.begin());
    resampled_.push_back(r);
    return r;
}

cv::Mat level_matched_plate(const cv::Mat& frame_lab, const cv::Mat& plate_lab, const cv::Mat& backdrop)
{
    CV_Assert(frame_lab.type() == CV_32FC3 && plate_lab.type() == CV_32FC3 && backdrop.type() == CV_8U &&
              frame_lab.size() == plate_lab.size() && backdrop.size() == frame_lab.size());
    const double su = 2.0 / std::max(1, frame_lab.cols - 1), sv = 2.0 / std::max(1, frame_lab.rows - 1);
    std::vector<Difference> d;
    for (int y = 0; y < frame_lab.rows; ++y) {
        const auto* f = frame_lab.ptr<cv::Vec3f>(y);
        const auto* p = plate_lab.ptr<cv::Vec3f>(y);
        const auto* b = backdrop.ptr<uchar>(y);
        for (int x = 0; x < frame_lab.cols; ++x)
            if (b[x])
                d.push_back({x * su - 1.0, y * sv - 1.0, cv::Vec3d(f[x] - p[x])});
    }
    if (static_cast<int>(d.size()) < kMinBackdropPixels)
        return plate_lab.clone();

    // Start from the pixels near the typical difference: most of the marked
    // backdrop is backdrop, and a first fit on all of it would lean towards a
    // large shadow.
    std::vector<double> dl(d.size());
    for (size_t i = 0; i < d.size(); ++i)
        dl[i] = d[i].lab[0];
    const double typical = median_of(dl);
    for (size_t i = 0; i < d.size(); ++i)
        dl[i] = std::abs(d[i].lab[0] - typical);
    double cut = std::max(3.0 * median_of(dl), kMinLevelCut);
    std::vector<bool> use(d.size());
    for (size_t i = 0; i < d.size(); ++i)
        use[i] = dl[i] <= cut;
    cv::Vec3d plane = plane_fit(d, use);
    std::vector<double> residual(d.size());
    for (int round = 0; round < kRefits; ++round) {
        for (size_t i = 0; i < d.size(); ++i)
            residual[i] = std::abs(d[i].lab[0] - plane.dot(cv::Vec3d(1.0, d[i].u, d[i].v)));
        cut = std::max(3.0 * median_of(residual), kMinLevelCut);
        size_t kept = 0;
        for (size_t i = 0; i < d.size(); ++i) {
            use[i] = residual[i] <= cut;
            kept += use[i];
        }
        if (static_cast<int>(kept) < kMinBackdropPixels)
            break;
        plane = plane_fit(d, use);
    }
    std::vector<double> da, db;
    for (size_t i = 0; i < d.size(); ++i)
        if (use[i]) {
            da.push_back(d[i].lab[1]);
            db.push_back(d[i].lab[2]);
        }
    const double offset_a = median_of(da), offset_b = median_of(db);

    cv::Mat matched(plate_lab.size(), CV_32FC3);
    for (int y = 0; y < plate_lab.rows; ++y) {
        const auto* p = plate_lab.ptr<cv::Vec3f>(y);
        auto* m = matched.ptr<cv::Vec3f>(y);
        const double v = y * sv - 1.0;
        for (int x = 0; x < plate_lab.cols; ++x) {
            const double level = plane[0] + plane[1] * (x * su - 1.0) + plane[2] * v;
            m[x] = cv::Vec3f(static_cast<float>(p[x][0] + level), static_cast<float>(p[x][1] + offset_a),
                             static_cast<float>(p[x][2] + offset_b));
        }
    }
    return matched;
}

} // namespace kiosk::vision
