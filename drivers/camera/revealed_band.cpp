#include "camera/revealed_band.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace kiosk::camera {
namespace {

// The band along the edge whose colours are continued, as a share of the
// picture's height: deep enough to average a garment's folds, shallow enough
// to stay on the garment and not reach the neck above it.
constexpr double sample_share = 0.04;
// How far colours are smoothed across the columns (Gaussian sigma, share of
// the width): wider than any fold or chain, narrower than a shoulder.
constexpr double smoothing_share = 0.03;
// Rows over which the edge row fades into the smooth colour, as a share of
// the height (16 rows of a 1350 px portrait, under a tenth of the eyes'
// distance): any streak left in the fade is too short for a line detector.
constexpr double fade_share = 0.012;

// The smooth colour of one region (weights 1 = in the region) along a band,
// one BGR value per column, or nothing where the region has no pixels near.
struct RegionColours {
    cv::Mat colour;   // 1 x width, CV_32FC3
    cv::Mat weight;   // 1 x width, CV_32F; near 0 where the region is absent
};

RegionColours region_colours(const cv::Mat& band, const cv::Mat& weights, double sigma)
{
    cv::Mat weighted;
    cv::Mat weights3;
    cv::merge(std::vector<cv::Mat>(3, weights), weights3);
    cv::multiply(band, weights3, weighted);
    RegionColours r;
    cv::reduce(weighted, r.colour, 0, cv::REDUCE_SUM, CV_32F);
    cv::reduce(weights, r.weight, 0, cv::REDUCE_SUM, CV_32F);
    // Normalised convolution: smoothing sums and weights alike keeps the
    // other region's colour out of this one's.
    const int kernel = 2 * static_cast<int>(std::ceil(3 * sigma)) + 1;
    cv::GaussianBlur(r.colour, r.colour, {kernel, 1}, sigma, 0, cv::BORDER_REFLECT);
    cv::GaussianBlur(r.weight, r.weight, {kernel, 1}, sigma, 0, cv::BORDER_REFLECT);
    return r;
}

// The row continuing the picture beyond one edge: `band` the picture's rows
// along it (CV_32FC3), `alpha` the matte's rows there (CV_32F, 0-1) with the
// edge row at `edge_row`.
cv::Mat continuing_row(const cv::Mat& band, const cv::Mat& alpha, int edge_row)
{
    const double sigma = std::max(1.0, smoothing_share * band.cols);
    const RegionColours subject = region_colours(band, alpha, sigma);
    const RegionColours backdrop = region_colours(band, 1.0f - alpha, sigma);
    // A column far from every pixel of a region takes the other's colour.
    constexpr float absent = 1e-3f;
    cv::Mat row(1, band.cols, CV_32FC3);
    for (int x = 0; x < band.cols; ++x) {
        const float ws = subject.weight.at<float>(x);
        const float wb = backdrop.weight.at<float>(x);
        const cv::Vec3f s = ws > absent ? subject.colour.at<cv::Vec3f>(x) / ws : cv::Vec3f{};
        const cv::Vec3f b = wb > absent ? backdrop.colour.at<cv::Vec3f>(x) / wb : cv::Vec3f{};
        const float a = alpha.at<float>(edge_row, x);
        if (ws <= absent)
            row.at<cv::Vec3f>(x) = b;
        else if (wb <= absent)
            row.at<cv::Vec3f>(x) = s;
        else
            row.at<cv::Vec3f>(x) = a * s + (1.0f - a) * b;
    }
    return row;
}

// The matte over the band along the top or bottom edge, at the picture's
// width, 0-1: only the matte's rows there are enlarged, not the whole matte.
cv::Mat band_alpha(const cv::Mat& subject_alpha, cv::Size picture, int band_rows, bool top)
{
    const int rows = std::clamp(
        static_cast<int>(std::ceil(static_cast<double>(band_rows) * subject_alpha.rows / picture.height)), 1,
        subject_alpha.rows);
    const cv::Mat edge = top ? subject_alpha.rowRange(0, rows) : subject_alpha.rowRange(subject_alpha.rows - rows,
                                                                                          subject_alpha.rows);
    cv::Mat alpha;
    edge.convertTo(alpha, CV_32F, 1.0 / 255.0);
    cv::resize(alpha, alpha, {picture.width, band_rows}, 0, 0, cv::INTER_LINEAR);
    return alpha;
}

// Fills `rows` (margin rows, the first next to the picture's edge) fading
// from `edge` into `smooth`.
void fill_band(cv::Mat rows, const cv::Mat& edge, const cv::Mat& smooth, bool first_row_at_edge)
{
    cv::Mat edge_f;
    edge.convertTo(edge_f, CV_32F);
    for (int i = 0; i < rows.rows; ++i) {
        const double t = std::min(1.0, (i + 1.0) / rows.rows);
        const cv::Mat mixed = (1.0 - t) * edge_f + t * smooth;
        cv::Mat target = rows.row(first_row_at_edge ? i : rows.rows - 1 - i);
        mixed.convertTo(target, CV_8U);
    }
}

} // namespace

ExtendedPicture extend_picture(const cv::Mat& bgr_picture, const cv::Mat& subject_alpha)
{
    CV_Assert(bgr_picture.type() == CV_8UC3 && subject_alpha.type() == CV_8UC1);
    const int height = bgr_picture.rows;
    const int band_rows = std::clamp(static_cast<int>(std::lround(sample_share * height)), 1, height);

    ExtendedPicture extended;
    extended.margin = std::max(1, static_cast<int>(std::lround(fade_share * height)));
    cv::copyMakeBorder(bgr_picture, extended.pixels, extended.margin, extended.margin, 0, 0, cv::BORDER_CONSTANT);

    cv::Mat picture_f;
    const cv::Rect top(0, 0, bgr_picture.cols, band_rows);
    const cv::Rect bottom(0, height - band_rows, bgr_picture.cols, band_rows);

    bgr_picture(top).convertTo(picture_f, CV_32F);
    const cv::Mat above = continuing_row(picture_f, band_alpha(subject_alpha, bgr_picture.size(), band_rows, true), 0);
    fill_band(extended.pixels.rowRange(0, extended.margin), bgr_picture.row(0), above, false);

    bgr_picture(bottom).convertTo(picture_f, CV_32F);
    const cv::Mat below =
        continuing_row(picture_f, band_alpha(subject_alpha, bgr_picture.size(), band_rows, false), band_rows - 1);
    fill_band(extended.pixels.rowRange(extended.margin + height, extended.pixels.rows), bgr_picture.row(height - 1),
              below, true);
    return extended;
}

} // namespace kiosk::camera
