#include "vision/face_regions.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace kiosk::vision {
namespace {

cv::Point2f mean_of(const std::array<cv::Point2f, 68>& lm, int first, int last)
{
    cv::Point2f sum(0, 0);
    for (int i = first; i <= last; ++i)
        sum += lm[i];
    return sum * (1.0f / static_cast<float>(last - first + 1));
}

// Moves every vertex `share` of the way towards the polygon's centroid.
Polygon pulled_in(const Polygon& poly, float share)
{
    cv::Point2f c(0, 0);
    for (const auto& p : poly)
        c += p;
    c *= 1.0f / static_cast<float>(poly.size());
    Polygon out;
    for (const auto& p : poly)
        out.push_back(p + (c - p) * share);
    return out;
}

} // namespace

FaceRegions face_regions(const Face& face)
{
    const auto& lm = face.landmarks;
    FaceRegions r;
    r.face_width = cv::norm(lm[16] - lm[0]);

    const cv::Point2f eye_mid = (face.eye_right + face.eye_left) * 0.5f;
    const cv::Point2f chin = lm[8];
    cv::Point2f down = chin - eye_mid;
    const float eye_to_chin = static_cast<float>(cv::norm(down));
    down *= 1.0f / std::max(eye_to_chin, 1.0f);
    const cv::Point2f across(-down.y, down.x);   // towards the image's left when upright

    // Cheeks: lower lid, jaw, mouth corner, nose wing. The 15 % pull keeps
    // the jaw edge, where the background may show, out.
    r.cheek_image_left = pulled_in({lm[41], lm[36], lm[1], lm[3], lm[4], lm[48], lm[31]}, 0.15f);
    r.cheek_image_right = pulled_in({lm[46], lm[45], lm[15], lm[13], lm[12], lm[54], lm[35]}, 0.15f);

    const cv::Point2f brow_mid = mean_of(lm, 17, 26);
    const float brow_to_chin = static_cast<float>(cv::norm(chin - brow_mid));
    const cv::Point2f up = -down * (0.33f * brow_to_chin);
    // Just above the brows: the brows themselves are dark and would read as shadow.
    const cv::Point2f lift = -down * (0.06f * brow_to_chin);
    r.forehead = {lm[19] + lift, lm[24] + lift, lm[24] + up, lm[19] + up};

    r.nose = {lm[27], lm[31], lm[33], lm[35]};

    for (int i = 0; i <= 16; ++i)
        r.face_outline.push_back(lm[i]);
    for (int i = 26; i >= 17; --i)
        r.face_outline.push_back(lm[i]);

    // Head: chin to crown is about 1.55 brow-to-chin on adults (crown includes
    // the usual hair); half-width a quarter wider than the jaw for hair over the ears.
    const cv::Point2f crown = brow_mid - down * (0.6f * brow_to_chin);
    const cv::Point2f centre = (chin + crown) * 0.5f;
    const float half_len = 0.55f * static_cast<float>(cv::norm(chin - crown));
    const float half_wid = 0.62f * static_cast<float>(r.face_width);
    for (int k = 0; k < 36; ++k) {
        const float t = static_cast<float>(k) * static_cast<float>(CV_PI) / 18.0f;
        r.head.push_back(centre + down * (half_len * std::sin(t)) + across * (half_wid * std::cos(t)));
    }

    // Torso: neck under the jaw, shoulders about 2.6 face widths wide a little
    // below the chin, continuing far past the frame's bottom edge.
    const auto fw = static_cast<float>(r.face_width);
    const cv::Point2f neck = chin - down * (0.1f * brow_to_chin);
    const cv::Point2f shoulder = chin + down * (0.6f * brow_to_chin);
    const cv::Point2f far = chin + down * (12.0f * fw);
    r.torso = {neck + across * (0.33f * fw),  shoulder + across * (1.3f * fw), far + across * (1.6f * fw),
               far - across * (1.6f * fw),    shoulder - across * (1.3f * fw), neck - across * (0.33f * fw)};
    return r;
}

FacePatch face_patch(const cv::Mat& image, const Face& face, double eye_distance)
{
    const FaceRegions r = face_regions(face);
    Polygon all = r.face_outline;
    all.insert(all.end(), r.forehead.begin(), r.forehead.end());
    const cv::Rect frame(0, 0, image.cols, image.rows);
    cv::Rect box = cv::boundingRect(all);
    const int margin = cvRound(0.1 * r.face_width);
    box = cv::Rect(box.x - margin, box.y - margin, box.width + 2 * margin, box.height + 2 * margin) & frame;

    FacePatch p;
    p.origin = cv::Point2f(static_cast<float>(box.x), static_cast<float>(box.y));
    p.scale = std::min(1.0, eye_distance / std::max(1.0, face.inter_eye_distance()));
    if (box.empty())
        return p;
    if (p.scale < 1.0)
        cv::resize(image(box), p.image, cv::Size(), p.scale, p.scale, cv::INTER_AREA);
    else
        p.image = image(box).clone();
    return p;
}

void fill_region(cv::Mat& mask, const Polygon& poly, cv::Point2f origin, double scale, uchar value)
{
    std::vector<cv::Point> pts;
    pts.reserve(poly.size());
    for (const auto& p : poly)
        pts.emplace_back(cvRound((p.x - origin.x) * scale), cvRound((p.y - origin.y) * scale));
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{pts}, cv::Scalar(value));
}

cv::Mat grown(const cv::Mat& mask, double radius)
{
    cv::Mat distance;
    cv::distanceTransform(mask == 0, distance, cv::DIST_L2, cv::DIST_MASK_3);
    return distance <= radius;
}

} // namespace kiosk::vision
