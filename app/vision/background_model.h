#pragma once

#include <array>

#include <opencv2/core.hpp>

namespace kiosk::vision {

// CIELAB of an 8-bit BGR image as 32-bit float: L* 0-100, a* and b* signed.
// Colour distances below are CIE76 delta-E in these units, so 2.3 is about
// the smallest difference a person notices.
cv::Mat to_lab(const cv::Mat& bgr);

// Per-pixel delta-E between two such images of the same size (CV_32F).
cv::Mat lab_distance(const cv::Mat& a, const cv::Mat& b);

// A smooth colour surface fitted to sampled background pixels: a quadratic in
// x and y per Lab channel. Studio lights leave a gentle fall-off (vignetting)
// across a backdrop; a flat mean would count that as "not uniform" and as
// "different from the background" near the edges, a quadratic follows it.
class BackgroundModel {
public:
    // Fits the surface to the pixels of `lab` (CV_32FC3, see to_lab) where
    // `samples` (CV_8U, same size) is non-zero. The first fit uses the
    // samples within busy_delta of their median colour, then up to four
    // refits each use the samples within max(3 x median distance, busy_delta)
    // of the previous fit, so hair, a shirt edge or an object in the samples
    // does not bend it.
    // `busy_delta` (delta-E) is the distance above which a sample counts as
    // "not background-like" for busy_fraction().
    static BackgroundModel fit(const cv::Mat& lab, const cv::Mat& samples, double busy_delta);

    bool valid() const { return samples_ > 0; }
    // Median delta-E of the samples from the fitted surface.
    double noise() const { return noise_; }
    // Share of the samples further than busy_delta from the surface: texture,
    // objects, other people.
    double busy_fraction() const { return busy_fraction_; }
    // Mean colour of the samples that fit the surface.
    cv::Vec3d mean_lab() const { return mean_lab_; }

    // The surface's colour at (x, y) of the image it was fitted on.
    cv::Vec3d predict(double x, double y) const;
    // Per-pixel delta-E of `lab` from the surface (CV_32F).
    cv::Mat distance(const cv::Mat& lab) const;

private:
    // The surface over a whole image of the fitted size (CV_32FC3).
    cv::Mat surface() const;

    std::array<cv::Vec6d, 3> coef_{};   // per channel: 1, x, y, x^2, xy, y^2 (x, y in [-1, 1])
    cv::Size size_;
    int samples_ = 0;
    double noise_ = 0;
    double busy_fraction_ = 0;
    cv::Vec3d mean_lab_;
};

} // namespace kiosk::vision
