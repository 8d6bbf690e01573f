#include "vision/face_skin.h"

#include <algorithm>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "vision/background_model.h"

namespace kiosk::vision {

FaceSkin face_skin(const cv::Mat& bgr, const Face& face, double eye_distance)
{
    FaceSkin s;
    s.patch = face_patch(bgr, face, eye_distance);
    if (s.patch.image.empty())
        return s;
    cv::cvtColor(s.patch.image, s.gray, cv::COLOR_BGR2GRAY);
    const FaceRegions r = face_regions(face);
    const cv::Size size = s.patch.image.size();
    auto mask_of = [&](std::initializer_list<const Polygon*> polys) {
        cv::Mat m = cv::Mat::zeros(size, CV_8U);
        for (const Polygon* p : polys)
            fill_region(m, *p, s.patch.origin, s.patch.scale);
        return m;
    };
    s.cheek_left = mask_of({&r.cheek_image_left});
    s.cheek_right = mask_of({&r.cheek_image_right});
    s.skin = mask_of({&r.cheek_image_left, &r.cheek_image_right, &r.nose, &r.forehead});
    s.face = mask_of({&r.face_outline, &r.forehead});
    return s;
}

double median_luma(const cv::Mat& gray, const cv::Mat& mask)
{
    int hist[256] = {};
    int n = 0;
    for (int y = 0; y < gray.rows; ++y) {
        const auto* g = gray.ptr<uchar>(y);
        const auto* m = mask.ptr<uchar>(y);
        for (int x = 0; x < gray.cols; ++x)
            if (m[x]) {
                ++hist[g[x]];
                ++n;
            }
    }
    int seen = 0;
    for (int v = 0; v < 256; ++v) {
        seen += hist[v];
        if (2 * seen >= n && n > 0)
            return v;
    }
    return 0;
}

double clipped_share(const cv::Mat& bgr, const cv::Mat& mask, int level)
{
    int n = 0, hit = 0;
    for (int y = 0; y < bgr.rows; ++y) {
        const auto* p = bgr.ptr<cv::Vec3b>(y);
        const auto* m = mask.ptr<uchar>(y);
        for (int x = 0; x < bgr.cols; ++x)
            if (m[x]) {
                ++n;
                hit += std::max({p[x][0], p[x][1], p[x][2]}) >= level;
            }
    }
    return n > 0 ? static_cast<double>(hit) / n : 0.0;
}

double share_outside(const cv::Mat& gray, const cv::Mat& mask, int dark, int bright)
{
    int n = 0, hit = 0;
    for (int y = 0; y < gray.rows; ++y) {
        const auto* g = gray.ptr<uchar>(y);
        const auto* m = mask.ptr<uchar>(y);
        for (int x = 0; x < gray.cols; ++x)
            if (m[x]) {
                ++n;
                hit += g[x] <= dark || g[x] >= bright;
            }
    }
    return n > 0 ? static_cast<double>(hit) / n : 0.0;
}

cv::Vec3d mean_lab(const cv::Mat& bgr, const cv::Mat& mask)
{
    // One pixel of the mean colour, in float so the mean is not rounded.
    const cv::Mat one(1, 1, CV_32FC3, cv::mean(bgr, mask));
    const cv::Mat lab = to_lab(one);
    const auto v = lab.at<cv::Vec3f>(0, 0);
    return {v[0], v[1], v[2]};
}

} // namespace kiosk::vision
