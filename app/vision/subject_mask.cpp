#include "vision/subject_mask.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "vision/background_model.h"
#include "vision/face_regions.h"

namespace kiosk::vision {
namespace {

// GrabCut's cost grows with the pixel count; at 320 px on the long side a
// 1350 x 1350 portrait still has hair strands a pixel or two wide, and the
// upsampled, feathered outline is smooth enough for a document photo.
constexpr double kWorkLongSide = 256.0;
// The seeds from the backdrop model already settle most pixels; a second
// GrabCut pass moved the outline little (masks of the 134 separable shared
// photos: intersection over union with two passes median 0.996, lowest 0.96)
// for about a tenth of the still assessment's time.
constexpr int kGrabCutIterations = 1;
constexpr int kMinSide = 64;

struct Seeds {
    cv::Mat person;      // probable person from the landmarks
    cv::Mat near;        // person plus a margin: no backdrop sample is taken here
    cv::Mat reach;       // as far as hair and shoulders plausibly go
    cv::Mat samples;     // backdrop samples: top strip and side strips above the chin
    cv::Mat face_core;   // certainly person
};

Seeds seeds_for(const Face& face, cv::Size small, double scale)
{
    const FaceRegions reg = face_regions(face);
    const cv::Point2f origin(0, 0);
    Seeds s;
    s.person = cv::Mat::zeros(small, CV_8U);
    fill_region(s.person, reg.head, origin, scale);
    fill_region(s.person, reg.torso, origin, scale);

    const int margin = std::max(2, cvRound(0.2 * reg.face_width * scale));
    s.near = grown(s.person, margin);

    // Big curly or loose hair reaches about half a face width beyond the head ellipse.
    const int hair = std::max(3, cvRound(0.5 * reg.face_width * scale));
    s.reach = grown(s.person, hair);

    s.samples = cv::Mat::zeros(small, CV_8U);
    const int strip = std::max(3, cvRound(0.05 * std::min(small.width, small.height)));
    // Below the chin the shoulders usually reach the side edges, so side
    // samples stop there.
    const int side_bottom = std::clamp(cvRound(face.landmarks[8].y * scale), 0, small.height);
    s.samples(cv::Rect(0, 0, small.width, strip)).setTo(255);
    s.samples(cv::Rect(0, 0, strip, side_bottom)).setTo(255);
    s.samples(cv::Rect(small.width - strip, 0, strip, side_bottom)).setTo(255);
    s.samples.setTo(0, s.near);

    s.face_core = cv::Mat::zeros(small, CV_8U);
    fill_region(s.face_core, reg.face_outline, origin, scale);
    cv::erode(s.face_core, s.face_core, cv::Mat(), cv::Point(-1, -1), 2);
    return s;
}

// Keeps the connected parts of `fg` that touch `face` and fills the holes
// that do not reach the frame's edge (a collar, an eye catch-light).
cv::Mat person_only(const cv::Mat& fg, const cv::Mat& face)
{
    cv::Mat labels;
    const int n = cv::connectedComponents(fg, labels, 8, CV_32S);
    std::vector<bool> keep(static_cast<size_t>(n), false);
    for (int y = 0; y < labels.rows; ++y) {
        const auto* l = labels.ptr<int>(y);
        const auto* f = face.ptr<uchar>(y);
        for (int x = 0; x < labels.cols; ++x)
            if (f[x] && l[x] > 0)
                keep[static_cast<size_t>(l[x])] = true;
    }
    cv::Mat person = cv::Mat::zeros(fg.size(), CV_8U);
    for (int y = 0; y < labels.rows; ++y) {
        const auto* l = labels.ptr<int>(y);
        auto* p = person.ptr<uchar>(y);
        for (int x = 0; x < labels.cols; ++x)
            p[x] = keep[static_cast<size_t>(l[x])] ? 255 : 0;
    }

    // Backdrop = non-person parts connected to the frame's edge; the rest is a hole.
    cv::Mat outside;
    cv::bitwise_not(person, outside);
    cv::Mat bg_labels;
    const int m = cv::connectedComponents(outside, bg_labels, 4, CV_32S);
    std::vector<bool> edge(static_cast<size_t>(m), false);
    for (int x = 0; x < bg_labels.cols; ++x) {
        edge[static_cast<size_t>(bg_labels.at<int>(0, x))] = true;
        edge[static_cast<size_t>(bg_labels.at<int>(bg_labels.rows - 1, x))] = true;
    }
    for (int y = 0; y < bg_labels.rows; ++y) {
        edge[static_cast<size_t>(bg_labels.at<int>(y, 0))] = true;
        edge[static_cast<size_t>(bg_labels.at<int>(y, bg_labels.cols - 1))] = true;
    }
    for (int y = 0; y < bg_labels.rows; ++y) {
        const auto* l = bg_labels.ptr<int>(y);
        auto* p = person.ptr<uchar>(y);
        for (int x = 0; x < bg_labels.cols; ++x)
            if (l[x] > 0 && !edge[static_cast<size_t>(l[x])])
                p[x] = 255;
    }
    return person;
}

// Median distance from the backdrop along the inside of the person's outline,
// leaving out where the person is cut by the frame's edge (not an outline).
double outline_contrast(const cv::Mat& person, const cv::Mat& distance)
{
    cv::Mat inner;
    cv::erode(person, inner, cv::Mat(), cv::Point(-1, -1), 2, cv::BORDER_REPLICATE);
    std::vector<double> d;
    for (int y = 1; y < person.rows - 1; ++y) {
        const auto* p = person.ptr<uchar>(y);
        const auto* i = inner.ptr<uchar>(y);
        const auto* dist = distance.ptr<float>(y);
        for (int x = 1; x < person.cols - 1; ++x)
            if (p[x] && !i[x])
                d.push_back(dist[x]);
    }
    if (d.empty())
        return 0;
    auto mid = d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2);
    std::nth_element(d.begin(), mid, d.end());
    return *mid;
}

cv::Mat full_size_alpha(const cv::Mat& person_small, cv::Size full)
{
    // Feathered over about one working pixel, then stretched linearly: the
    // ramp hides the working resolution's steps and blends hair edges instead
    // of cutting them, for a fraction of the cost of blurring at full size.
    cv::Mat soft, alpha;
    cv::GaussianBlur(person_small, soft, cv::Size(), 0.6);
    cv::resize(soft, alpha, full, 0, 0, cv::INTER_LINEAR);
    return alpha;
}

// The plate as the working copy of a frame of `frame` size sees it, or
// empty without a plate or when the frame is of another shape.
cv::Mat plate_at(const BackdropPlate* plate, cv::Size frame, cv::Size small)
{
    if (!plate)
        return {};
    const cv::Mat full = plate->at_size(frame);
    if (full.empty())
        return {};
    cv::Mat out;
    cv::resize(full, out, small, 0, 0, cv::INTER_AREA);
    return out;
}

std::string format_note(const char* fmt, double a, double b)
{
    char buf[160];
    std::snprintf(buf, sizeof buf, fmt, a, b);
    return buf;
}

} // namespace

SubjectMask separate_subject(const cv::Mat& bgr, const Face& face, const spec::Thresholds& limits,
                             const BackdropPlate* plate)
{
    if (bgr.empty() || bgr.type() != CV_8UC3)
        throw InputError("separate_subject needs a non-empty 8-bit 3-channel (BGR) image");
    // Below this the backdrop strips and the landmark priors are a few pixels wide.
    if (std::min(bgr.cols, bgr.rows) < kMinSide)
        throw InputError("separate_subject needs an image at least " + std::to_string(kMinSide) +
                         " pixels on each side, got " + std::to_string(bgr.cols) + " x " + std::to_string(bgr.rows));
    const double busy_delta = limits.number("subject_mask", "busy_delta");
    const double max_busy = limits.number("subject_mask", "max_busy_fraction");
    const double min_contrast = limits.number("subject_mask", "min_subject_contrast");
    const double max_stray = limits.number("subject_mask", "max_stray_fraction");

    const double scale = std::min(1.0, kWorkLongSide / std::max(bgr.cols, bgr.rows));
    cv::Mat small;
    cv::resize(bgr, small, cv::Size(), scale, scale, cv::INTER_AREA);
    const Seeds seeds = seeds_for(face, small.size(), scale);

    SubjectMask out;
    const cv::Mat lab = to_lab(small);
    const cv::Mat plate_small = plate_at(plate, bgr.size(), small.size());
    cv::Mat distance;
    double sample_busy = 0;
    if (!plate_small.empty()) {
        distance = lab_distance(lab, level_matched_plate(lab, to_lab(plate_small), seeds.samples));
        sample_busy = static_cast<double>(cv::countNonZero((distance > busy_delta) & seeds.samples)) /
                      std::max(1, cv::countNonZero(seeds.samples));
    } else {
        const BackgroundModel backdrop = BackgroundModel::fit(lab, seeds.samples, busy_delta);
        if (!backdrop.valid()) {
            out.alpha = full_size_alpha(seeds.person, bgr.size());
            out.note = "too little backdrop visible above and beside the head to model it";
            return out;
        }
        distance = backdrop.distance(lab);
        sample_busy = backdrop.busy_fraction();
    }

    cv::Mat gc(small.size(), CV_8U, cv::Scalar(cv::GC_PR_BGD));
    gc.setTo(cv::GC_PR_FGD, distance > busy_delta);
    // The landmark prior is generous (necks and shoulders vary); where it
    // looks just like the backdrop, let GrabCut decide from the backdrop side.
    gc.setTo(cv::GC_PR_FGD, seeds.person & (distance > 0.5 * busy_delta));
    cv::Mat far_and_plain = (distance <= 0.5 * busy_delta) & ~seeds.near;
    gc.setTo(cv::GC_BGD, far_and_plain);
    gc.setTo(cv::GC_BGD, seeds.samples & (distance <= busy_delta));
    gc.setTo(cv::GC_FGD, seeds.face_core);

    // GrabCut seeds its k-means from OpenCV's thread-local RNG; a fixed seed
    // makes the same frame give the same mask. The caller's RNG state is restored.
    cv::RNG& rng = cv::theRNG();
    const uint64 saved_state = rng.state;
    rng.state = 0x9E3779B97F4A7C15ULL;
    cv::Mat bgd_model, fgd_model;
    cv::grabCut(small, gc, cv::Rect(), bgd_model, fgd_model, kGrabCutIterations, cv::GC_INIT_WITH_MASK);
    rng.state = saved_state;

    cv::Mat fg = (gc & 1);   // GC_FGD and GC_PR_FGD are the odd labels
    fg.setTo(255, fg);
    cv::morphologyEx(fg, fg, cv::MORPH_OPEN, cv::Mat());
    const cv::Mat person = person_only(fg, seeds.face_core);
    out.alpha = full_size_alpha(person, bgr.size());

    const double contrast = outline_contrast(person, distance);
    // Person found well away from where the landmarks put the head and
    // shoulders: something else (a chair, a picture, another person) joins
    // the subject, and replacing the backdrop would keep it.
    const double stray = static_cast<double>(cv::countNonZero(person & ~seeds.reach)) /
                         std::max(1, cv::countNonZero(person));
    // Judged on the sample strips and over all the frame beyond where hair
    // reaches: a picture or a clock beside the head may miss the strips, and
    // a face filling the frame leaves little beyond the hair.
    const cv::Mat away = ~seeds.reach;
    const double busy =
        std::max(sample_busy, static_cast<double>(cv::countNonZero((distance > busy_delta) & away)) /
                                               std::max(1, cv::countNonZero(away)));
    out.busy_fraction = busy;
    out.outline_contrast = contrast;
    out.stray_fraction = stray;
    if (busy > max_busy)
        out.note = format_note("backdrop too busy to model: %.0f %% of it departs from a smooth colour "
                               "(limit %.0f %%)",
                               100 * busy, 100 * max_busy);
    else if (stray > max_stray)
        out.note = format_note("something besides the subject stands out from the backdrop: %.0f %% of "
                               "the separated area lies away from the head and shoulders (limit %.0f %%)",
                               100 * stray, 100 * max_stray);
    else if (contrast < min_contrast)
        out.note = format_note("subject's outline too close to the backdrop colour: median delta-E %.1f "
                               "(needs %.1f)",
                               contrast, min_contrast);
    out.separable = out.note.empty();
    return out;
}

} // namespace kiosk::vision
