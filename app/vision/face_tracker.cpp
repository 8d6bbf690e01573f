#include "vision/face_tracker.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "vision/face_locator.h"

namespace kiosk::vision {
namespace {

cv::Rect2d landmark_box(const Face& face)
{
    float x0 = face.landmarks[0].x, x1 = x0, y0 = face.landmarks[0].y, y1 = y0;
    for (const auto& p : face.landmarks) {
        x0 = std::min(x0, p.x);
        x1 = std::max(x1, p.x);
        y0 = std::min(y0, p.y);
        y1 = std::max(y1, p.y);
    }
    return {x0, y0, x1 - x0, y1 - y0};
}

cv::Vec4d relation(const cv::Rect& box, const cv::Rect2d& lm)
{
    return {(box.x - lm.x) / lm.width, (box.y - lm.y) / lm.height, box.width / lm.width, box.height / lm.height};
}

cv::Rect apply(const cv::Vec4d& rel, const cv::Rect2d& lm)
{
    return {cvRound(lm.x + rel[0] * lm.width), cvRound(lm.y + rel[1] * lm.height), cvRound(rel[2] * lm.width),
            cvRound(rel[3] * lm.height)};
}

// The face moved or changed size too much between two frames to trust a re-fit.
bool jumped(const cv::Rect2d& before, const cv::Rect2d& after, double max_change)
{
    const double size = std::max(before.width, before.height);
    const cv::Point2d c0 = (before.tl() + before.br()) * 0.5;
    const cv::Point2d c1 = (after.tl() + after.br()) * 0.5;
    return cv::norm(c1 - c0) > max_change * size || std::abs(after.width / before.width - 1) > max_change ||
           std::abs(after.height / before.height - 1) > max_change;
}

// The face's landmark box resampled to a small patch with zero mean and unit
// norm, so the dot product of two patches is their correlation. Empty when
// the box is flat (no face-like contrast at all) or outside the frame.
cv::Mat appearance(const cv::Mat& gray, const cv::Rect2d& box)
{
    // Coarse enough to ignore expression and sub-pixel fit jitter, fine
    // enough to tell a face from a wall or a shoulder.
    constexpr int kPatchSide = 24;
    const cv::Rect r = cv::Rect(box) & cv::Rect(0, 0, gray.cols, gray.rows);
    if (r.width < 4 || r.height < 4)
        return {};
    cv::Mat patch;
    cv::resize(gray(r), patch, cv::Size(kPatchSide, kPatchSide), 0, 0, cv::INTER_AREA);
    patch.convertTo(patch, CV_32F);
    patch -= cv::mean(patch)[0];
    const double norm = cv::norm(patch);
    if (norm < 1e-3 * kPatchSide * kPatchSide)
        return {};
    return patch / norm;
}

double similarity(const cv::Mat& a, const cv::Mat& b)
{
    return a.empty() || b.empty() ? 0.0 : a.dot(b);
}

} // namespace

FaceTracker::FaceTracker(const Models& models, TrackerOptions options) : models_(models), options_(options) {}

void FaceTracker::reset()
{
    last_.reset();
    faces_found_ = 0;
    frames_since_detect_ = 0;
}

FaceTracker::Update FaceTracker::detect(const cv::Mat& gray)
{
    const std::optional<cv::Rect2d> before = last_ ? std::optional(landmark_box(*last_)) : std::nullopt;
    LocatedFaces found = locate_faces(models_, gray);
    faces_found_ = found.count;
    frames_since_detect_ = 0;
    last_ = std::move(found.subject);
    bool same = false;
    if (last_) {
        const cv::Rect2d lm = landmark_box(*last_);
        box_from_landmarks_ = relation(last_->box, lm);
        appearance_ = appearance(gray, lm);
        same = before && !jumped(*before, lm, options_.max_box_change);
    }
    return {faces_found_, last_, true, same};
}

FaceTracker::Update FaceTracker::update(const cv::Mat& gray)
{
    CV_Assert(gray.type() == CV_8UC1);
    if (!last_ || ++frames_since_detect_ >= options_.redetect_every)
        return detect(gray);

    const cv::Rect2d before = landmark_box(*last_);
    const cv::Rect box = apply(box_from_landmarks_, before);
    // A box mostly outside the frame cannot hold the face any more.
    if ((box & cv::Rect(0, 0, gray.cols, gray.rows)).area() < box.area() / 2)
        return detect(gray);
    Face face = measure_face(models_, gray, box);
    const cv::Rect2d after = landmark_box(face);
    if (jumped(before, after, options_.max_box_change))
        return detect(gray);
    cv::Mat looks = appearance(gray, after);
    if (similarity(looks, appearance_) < options_.min_appearance_similarity)
        return detect(gray);
    appearance_ = std::move(looks);
    last_ = std::move(face);
    return {faces_found_, last_, false, true};
}

} // namespace kiosk::vision
