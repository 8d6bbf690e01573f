#pragma once

#include <opencv2/core.hpp>

namespace kiosk::camera {

// A footage picture with rows added above and below it, for the frames in
// which the seat or the subject's pose brings the picture's top or bottom
// edge into view. Stretching the edge rows instead draws every pixel of the
// edge as a vertical streak, which under the chin the necklace check reads as
// a chain. The added rows continue the backdrop and the subject (garment,
// neck) each as a smooth colour: per column, the mean of that region over a
// band along the edge, smoothed across the columns with the region's own
// pixels only, mixed by the subject matte's edge row (the matte itself is
// filmed with its edge rows stretched, so the booth model lights the added
// rows as the region they continue). The first added rows fade from the edge
// row into that colour, so the seam shows no step; past the added rows the
// last one stretches, and being smooth it shows no streaks.
struct ExtendedPicture {
    cv::Mat pixels;   // the picture with `margin` rows above and `margin` below
    int margin = 0;

    cv::Size original_size() const { return {pixels.cols, pixels.rows - 2 * margin}; }
};

// `bgr_picture` 8-bit BGR; `subject_alpha` 8-bit, 255 = subject, at any size
// (the matte is made on a small copy of the picture).
ExtendedPicture extend_picture(const cv::Mat& bgr_picture, const cv::Mat& subject_alpha);

} // namespace kiosk::camera
