#include "photo/document_photo.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/error.h"

namespace kiosk::photo {
namespace {

// Source pixels the output window draws on, with a margin for the
// interpolation kernel, clipped to the source. Empty when the window lies
// wholly outside it.
cv::Rect source_window(const cv::Matx23d& source_to_output, cv::Size out, cv::Size source)
{
    cv::Mat inverse;
    cv::invertAffineTransform(cv::Mat(source_to_output), inverse);
    const cv::Matx23d inv = inverse;
    std::vector<cv::Point2d> corners;
    for (const cv::Point2d p : {cv::Point2d(0, 0), cv::Point2d(out.width, 0), cv::Point2d(0, out.height),
                                cv::Point2d(out.width, out.height)})
        corners.emplace_back(inv(0, 0) * p.x + inv(0, 1) * p.y + inv(0, 2), inv(1, 0) * p.x + inv(1, 1) * p.y + inv(1, 2));
    double x0 = corners[0].x, x1 = x0, y0 = corners[0].y, y1 = y0;
    for (const auto& c : corners) {
        x0 = std::min(x0, c.x);
        x1 = std::max(x1, c.x);
        y0 = std::min(y0, c.y);
        y1 = std::max(y1, c.y);
    }
    const int margin = 4;
    const cv::Rect wanted(cv::Point(static_cast<int>(std::floor(x0)) - margin, static_cast<int>(std::floor(y0)) - margin),
                          cv::Point(static_cast<int>(std::ceil(x1)) + margin, static_cast<int>(std::ceil(y1)) + margin));
    return wanted & cv::Rect(cv::Point(0, 0), source);
}

// The part of `image` under `window`, reduced by area averaging to `scale`
// when that is a large reduction, and the map from that part to the output.
struct Prepared {
    cv::Mat image;
    cv::Matx23d to_output;
};

Prepared prepare(const cv::Mat& image, const cv::Rect& window, const cv::Matx23d& source_to_output, double scale,
                 double area_below)
{
    // Output = A * (window.tl + D^-1 * q) + t for a point q of the prepared image,
    // where D is the area reduction (identity when none).
    double fx = 1, fy = 1;
    Prepared p;
    const cv::Mat part = image(window);
    if (scale < area_below) {
        const cv::Size reduced(std::max(1, cvRound(window.width * scale)), std::max(1, cvRound(window.height * scale)));
        cv::resize(part, p.image, reduced, 0, 0, cv::INTER_AREA);
        fx = static_cast<double>(reduced.width) / window.width;
        fy = static_cast<double>(reduced.height) / window.height;
    } else {
        p.image = part;
    }
    const cv::Matx23d& a = source_to_output;
    p.to_output = cv::Matx23d(a(0, 0) / fx, a(0, 1) / fy, a(0, 0) * window.x + a(0, 1) * window.y + a(0, 2),
                              a(1, 0) / fx, a(1, 1) / fy, a(1, 0) * window.x + a(1, 1) * window.y + a(1, 2));
    return p;
}

cv::Mat warp(const Prepared& p, cv::Size out, int interpolation, int border, const cv::Scalar& border_value = {})
{
    cv::Mat result;
    cv::warpAffine(p.image, result, cv::Mat(p.to_output), out, interpolation, border, border_value);
    return result;
}

// The captured backdrop's colour near each pixel: the average of the pure
// backdrop pixels (alpha 0) around it, weighted by a Gaussian of `sigma`.
// Far from any such pixel it tends to the backdrop's overall mean instead of
// dividing nothing by almost nothing. The backdrop changes slowly, so the
// averaging runs on a copy reduced until the Gaussian is a few pixels wide:
// the same estimate for a sixteenth of the work.
cv::Mat local_backdrop(const cv::Mat& picture, const cv::Mat& alpha, double sigma)
{
    cv::Mat weight;
    cv::threshold(alpha, weight, 0.0, 1.0, cv::THRESH_BINARY_INV);   // 1 where alpha == 0
    if (cv::countNonZero(weight) == 0)
        return picture.clone();   // no backdrop in view: nothing to take out
    const cv::Scalar overall = cv::mean(picture, weight > 0);
    cv::Mat weight3;
    cv::merge(std::vector<cv::Mat>{weight, weight, weight}, weight3);

    constexpr double kReducedSigma = 3.0;
    const double reduce = std::max(1.0, sigma / kReducedSigma);
    const cv::Size reduced(std::max(1, cvRound(picture.cols / reduce)), std::max(1, cvRound(picture.rows / reduce)));
    cv::Mat sum, count;
    cv::resize(picture.mul(weight3), sum, reduced, 0, 0, cv::INTER_AREA);
    cv::resize(weight3, count, reduced, 0, 0, cv::INTER_AREA);
    cv::GaussianBlur(sum, sum, cv::Size(), sigma / reduce);
    cv::GaussianBlur(count, count, cv::Size(), sigma / reduce);
    // A prior worth 1 % of a full neighbourhood of backdrop pixels.
    // (Scalar::all: a bare number added to a 3-channel Mat reaches only its first channel.)
    constexpr double kPrior = 0.01;
    const cv::Mat estimate = (sum + overall * kPrior) / (count + cv::Scalar::all(kPrior));
    cv::Mat full;
    cv::resize(estimate, full, picture.size(), 0, 0, cv::INTER_LINEAR);
    return full;
}

// Replaces the backdrop with `colour`. A pixel on the subject's outline
// (hair, the feathered edge) is a mix of subject and captured backdrop,
// picture = a * subject + (1 - a) * old; swapping the backdrop inside that
// mix, picture + (1 - a) * (colour - old), keeps the subject's share as it
// was, where blending the whole pixel with the colour would leave a halo of
// the old backdrop round the hair. Pure subject (a = 1) is left untouched.
cv::Mat composite(const cv::Mat& picture8, const cv::Mat& alpha8, const cv::Scalar& colour, double backdrop_sigma)
{
    cv::Mat alpha;
    alpha8.convertTo(alpha, CV_32F, 1.0 / 255);
    cv::Mat picture;
    picture8.convertTo(picture, CV_32FC3);
    const cv::Mat old_backdrop = local_backdrop(picture, alpha, backdrop_sigma);
    cv::Mat backdrop_share;
    cv::merge(std::vector<cv::Mat>{1 - alpha, 1 - alpha, 1 - alpha}, backdrop_share);
    const cv::Mat new_backdrop(picture.size(), CV_32FC3, colour);
    cv::Mat swapped = picture + backdrop_share.mul(new_backdrop - old_backdrop);
    // Where there is no subject at all the colour is exact, not colour plus
    // the old backdrop's noise.
    new_backdrop.copyTo(swapped, alpha8 == 0);
    cv::Mat out;
    swapped.convertTo(out, CV_8UC3);
    return out;
}

} // namespace

DocumentPhoto render_document_photo(cv::InputArray bgr_in, const spec::CropPlan& plan, const spec::DocumentSpec& spec,
                                    cv::InputArray subject_mask_in, const RenderSettings& settings)
{
    const cv::Mat bgr = bgr_in.getMat();
    const cv::Mat mask = subject_mask_in.getMat();
    if (bgr.empty() || bgr.type() != CV_8UC3)
        throw InputError("document photo needs a non-empty 8-bit BGR capture");
    if (!mask.empty() && (mask.type() != CV_8UC1 || mask.size() != bgr.size()))
        throw InputError("subject mask must be 8-bit, one channel and the capture's size");
    if (!(plan.scale > 0))
        throw InputError("crop plan has no scale: the head was not measured");

    const cv::Size out(spec.output.width_px, spec.output.height_px);
    const cv::Rect window = source_window(plan.source_to_output, out, bgr.size());
    if (window.empty())
        throw InputError("crop window lies wholly outside the capture");

    const Prepared picture_src = prepare(bgr, window, plan.source_to_output, plan.scale, settings.area_downscale_below);
    // Outside the capture (a crop that overhangs the frame) the nearest edge
    // pixels are repeated: a plain fill would invent a border that is not there.
    DocumentPhoto photo;
    photo.picture = warp(picture_src, out, cv::INTER_CUBIC, cv::BORDER_REPLICATE);

    if (mask.empty()) {
        photo.background_note = "subject could not be separated from the background; background kept as captured";
        return photo;
    }
    const Prepared mask_src = prepare(mask, window, plan.source_to_output, plan.scale, settings.area_downscale_below);
    // Outside the capture there is no subject: that area becomes background.
    cv::Mat alpha = warp(mask_src, out, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
    cv::GaussianBlur(alpha, alpha, cv::Size(), settings.feather_px);

    const auto& colour = spec.background.front();
    photo.picture = composite(photo.picture, alpha, cv::Scalar(colour.rgb[2], colour.rgb[1], colour.rgb[0]),
                              settings.backdrop_estimate_px);
    photo.background_replaced = true;
    photo.background_note = "background replaced with " + colour.name;
    return photo;
}

} // namespace kiosk::photo
