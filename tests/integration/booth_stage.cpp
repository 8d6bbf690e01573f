#include "integration/booth_stage.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "camera/scene_renderer.h"
#include "camera/subject_matte.h"
#include "vision/backdrop_plate.h"
#include "vision/background_model.h"

namespace kiosk::test {
namespace {

// The backdrop surface is fitted on a copy this wide: a quadratic needs few pixels.
constexpr int kFitWidth = 270;
// delta-E beyond which a backdrop sample is left out of the fit (hair strands, the matte's edge).
constexpr double kFitBusyDelta = 6.0;

// The portrait's backdrop as a smooth surface over the whole picture.
cv::Mat smooth_backdrop(const cv::Mat& portrait, const cv::Mat& person)
{
    const double scale = static_cast<double>(kFitWidth) / portrait.cols;
    cv::Mat small, small_person;
    cv::resize(portrait, small, {}, scale, scale, cv::INTER_AREA);
    cv::resize(person, small_person, small.size(), 0, 0, cv::INTER_NEAREST);
    cv::dilate(small_person, small_person, cv::Mat(), {-1, -1}, 4);
    const cv::Mat lab = vision::to_lab(small);
    const auto model = vision::BackgroundModel::fit(lab, small_person == 0, kFitBusyDelta);
    CV_Assert(model.valid());
    cv::Mat surface(small.size(), CV_32FC3);
    for (int y = 0; y < surface.rows; ++y)
        for (int x = 0; x < surface.cols; ++x)
            surface.at<cv::Vec3f>(y, x) = cv::Vec3f(model.predict(x, y));
    cv::Mat bgr_f, bgr;
    cv::cvtColor(surface, bgr_f, cv::COLOR_Lab2BGR);
    bgr_f.convertTo(bgr, CV_8UC3, 255.0);
    cv::resize(bgr, bgr, portrait.size(), 0, 0, cv::INTER_CUBIC);
    return bgr;
}

// The matte is drawn on a small copy, so along hair and shoulders it takes in
// some of the portrait's own backdrop. The person is what the matte covers
// and differs from the smooth backdrop, closed over small gaps, with the
// holes that do not reach the backdrop (a pale collar) filled.
cv::Mat person_within(const cv::Mat& matte, const cv::Mat& portrait, const cv::Mat& backdrop)
{
    const cv::Mat differs = vision::lab_distance(vision::to_lab(portrait), vision::to_lab(backdrop)) > kFitBusyDelta;
    cv::Mat person = matte & differs;
    cv::morphologyEx(person, person, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, {7, 7}));
    cv::Mat outside = ~person;
    cv::Mat reached = cv::Mat::zeros(person.rows + 2, person.cols + 2, CV_8U);
    for (const cv::Point corner : {cv::Point(0, 0), cv::Point(person.cols - 1, 0)})
        if (outside.at<uchar>(corner))
            cv::floodFill(outside, reached, corner, 0, nullptr, 0, 0, 4 | cv::FLOODFILL_MASK_ONLY | (255 << 8));
    return reached(cv::Rect(1, 1, person.cols, person.rows)) == 0;
}

cv::Mat as_float(const cv::Mat& alpha8)
{
    cv::Mat f;
    alpha8.convertTo(f, CV_32F, 1.0 / 255.0);
    return f;
}

} // namespace

BoothStage::BoothStage(const cv::Mat& portrait, cv::Size frame_size, camera::BoothModel booth, double gamma)
    : booth_(booth), gamma_(gamma)
{
    const camera::SubjectMatte matte = camera::subject_matte(portrait);
    CV_Assert(!matte.empty);
    cv::Mat coarse;
    cv::resize(matte.alpha, coarse, portrait.size(), 0, 0, cv::INTER_LINEAR);
    coarse = coarse >= 128;
    const cv::Mat backdrop = smooth_backdrop(portrait, coarse);
    const cv::Mat person = person_within(coarse, portrait, backdrop);
    // A soft edge of about a pixel, as a lens draws one.
    cv::Mat soft;
    cv::GaussianBlur(person, soft, {}, 1.0);
    const cv::Mat a = as_float(soft);
    cv::Mat a3;
    cv::merge(std::vector<cv::Mat>{a, a, a}, a3);
    cv::Mat p, b;
    portrait.convertTo(p, CV_32FC3);
    backdrop.convertTo(b, CV_32FC3);
    cv::Mat composite = p.mul(a3) + b.mul(cv::Scalar::all(1.0) - a3);
    composite.convertTo(composite, CV_8UC3);

    const camera::SubjectPose pose;
    scene_ = camera::render_scene(composite, pose, frame_size);
    backdrop_ = camera::render_scene(backdrop, pose, frame_size);
    alpha_ = camera::render_scene(soft, pose, frame_size);
    truth_ = alpha_ >= 128;
    const double matte_scale = static_cast<double>(portrait.cols) / matte.alpha.cols;
    head_x_ = camera::scene_point(portrait.size(), pose, frame_size, matte.head_centre * matte_scale).x;
}

cv::Mat BoothStage::shadow_light(const CastShadow& shadow) const
{
    if (shadow.strength <= 0)
        return {};
    const cv::Mat a = as_float(alpha_);
    const cv::Matx23d shift(1, 0, shadow.offset.x, 0, 1, shadow.offset.y);
    cv::Mat cast;
    cv::warpAffine(a, cast, shift, a.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
    if (shadow.softness > 0)
        cv::GaussianBlur(cast, cast, {}, shadow.softness);
    // Light lost: only where the backdrop shows.
    const cv::Mat lost = cast.mul(cv::Scalar::all(1.0) - a) * shadow.strength;
    return cv::Scalar::all(1.0) - lost;
}

cv::Mat BoothStage::shadowed(const CastShadow& shadow, double share) const
{
    const cv::Mat light = shadow_light(shadow);
    if (light.empty())
        return cv::Mat::zeros(alpha_.size(), CV_8U);
    return light <= 1.0 - share;
}

cv::Mat BoothStage::lit(cv::Mat bgr, const cv::Mat& alpha, const BoothLighting& light, const cv::Mat& extra_light,
                        double noise_sd, std::uint64_t seed) const
{
    booth_.relight(bgr, alpha, head_x_, light.lamps, gamma_);

    const cv::Size size = bgr.size();
    const cv::Mat a = as_float(alpha);
    cv::Mat factor(size, CV_32F);
    const double corner = std::hypot(size.width / 2.0, size.height / 2.0);
    const cv::Point2d spot(light.hotspot.x * size.width, light.hotspot.y * size.height);
    for (int y = 0; y < size.height; ++y) {
        auto* f = factor.ptr<float>(y);
        const auto* s = a.ptr<float>(y);
        for (int x = 0; x < size.width; ++x) {
            const double r = std::hypot(x - size.width / 2.0, y - size.height / 2.0) / corner;
            const double d = std::hypot(x - spot.x, y - spot.y) / size.height;
            const double hotspot = 1.0 - light.hotspot_falloff * std::min(1.0, d * d);
            const double backdrop_light = (1.0 - s[x]) * hotspot + s[x];
            f[x] = static_cast<float>(light.exposure * (1.0 - light.vignetting * r * r) * backdrop_light);
        }
    }
    if (!extra_light.empty())
        factor = factor.mul(extra_light);

    cv::Mat v;
    bgr.convertTo(v, CV_32FC3, 1.0 / 255.0);
    cv::pow(v, gamma_, v);
    cv::Mat f3;
    cv::merge(std::vector<cv::Mat>{factor, factor, factor}, f3);
    v = v.mul(f3);
    cv::pow(cv::max(v, 0.0), 1.0 / gamma_, v);
    v *= 255.0;
    if (noise_sd > 0) {
        cv::Mat noise(size, CV_32FC3);
        cv::RNG rng(seed);
        rng.fill(noise, cv::RNG::NORMAL, 0.0, noise_sd);
        v += noise;
    }
    cv::Mat out;
    v.convertTo(out, CV_8UC3);
    return out;
}

cv::Mat BoothStage::film(const BoothLighting& light, const CastShadow& shadow, double noise_sd,
                         std::uint64_t seed) const
{
    return lit(scene_.clone(), alpha_, light, shadow_light(shadow), noise_sd, seed);
}

cv::Mat BoothStage::plate(const BoothLighting& light, double frame_noise_sd, std::uint64_t seed) const
{
    return lit(backdrop_.clone(), cv::Mat::zeros(alpha_.size(), CV_8U), light, {}, frame_noise_sd / 3.0, seed);
}

} // namespace kiosk::test
