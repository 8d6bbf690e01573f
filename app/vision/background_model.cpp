#include "vision/background_model.h"

#include <algorithm>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "vision/median.h"

namespace kiosk::vision {
namespace {

cv::Vec6d basis(double x, double y, cv::Size size)
{
    // Normalised to [-1, 1] so the coefficients stay comparable whatever the resolution.
    const double u = 2.0 * x / std::max(1, size.width - 1) - 1.0;
    const double v = 2.0 * y / std::max(1, size.height - 1) - 1.0;
    return {1.0, u, v, u * u, u * v, v * v};
}

constexpr int kRefits = 4;

struct Sample {
    cv::Point at;
    cv::Vec3f lab;
};

std::array<cv::Vec6d, 3> least_squares(const std::vector<Sample>& s, const std::vector<bool>& use,
                                       cv::Size size)
{
    cv::Matx66d ata = cv::Matx66d::zeros();
    std::array<cv::Vec6d, 3> atb{};
    // Six coefficients of a smooth surface are pinned down by a few thousand
    // evenly spread samples; more only cost time.
    const size_t step = std::max<size_t>(1, s.size() / 4000);
    for (size_t i = 0; i < s.size(); i += step) {
        if (!use[i])
            continue;
        const cv::Vec6d b = basis(s[i].at.x, s[i].at.y, size);
        ata += b * b.t();
        for (int c = 0; c < 3; ++c)
            atb[c] += b * static_cast<double>(s[i].lab[c]);
    }
    std::array<cv::Vec6d, 3> coef{};
    for (int c = 0; c < 3; ++c) {
        cv::Mat x;
        // SVD: samples confined to thin strips leave some terms poorly
        // determined; the minimum-norm solution keeps them small instead of wild.
        cv::solve(cv::Mat(ata), cv::Mat(atb[c]), x, cv::DECOMP_SVD);
        coef[c] = cv::Vec6d(x.ptr<double>());
    }
    return coef;
}

} // namespace

cv::Mat to_lab(const cv::Mat& bgr)
{
    cv::Mat f, lab;
    bgr.convertTo(f, CV_32F, 1.0 / 255.0);
    cv::cvtColor(f, lab, cv::COLOR_BGR2Lab);
    return lab;
}

BackgroundModel BackgroundModel::fit(const cv::Mat& lab, const cv::Mat& samples, double busy_delta)
{
    CV_Assert(lab.type() == CV_32FC3 && samples.type() == CV_8U && lab.size() == samples.size());
    BackgroundModel m;
    m.size_ = lab.size();

    std::vector<Sample> s;
    for (int y = 0; y < lab.rows; ++y) {
        const auto* mp = samples.ptr<uchar>(y);
        const auto* lp = lab.ptr<cv::Vec3f>(y);
        for (int x = 0; x < lab.cols; ++x)
            if (mp[x])
                s.push_back({{x, y}, lp[x]});
    }
    // Six coefficients need a good many more points than six to mean anything.
    if (s.size() < 50)
        return m;

    // Start from the samples near their median colour: the backdrop is the
    // majority. A first fit on every sample would bend towards a large object
    // and then mistake the backdrop beside it for the outlier.
    cv::Vec3d typical;
    {
        std::vector<double> channel(s.size());
        for (int c = 0; c < 3; ++c) {
            for (size_t i = 0; i < s.size(); ++i)
                channel[i] = s[i].lab[c];
            typical[c] = median_of(channel);
        }
    }
    std::vector<bool> use(s.size());
    std::vector<double> dist(s.size());
    size_t near_typical = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        use[i] = cv::norm(cv::Vec3d(s[i].lab) - typical) <= busy_delta;
        near_typical += use[i];
    }
    if (near_typical < 50)
        std::fill(use.begin(), use.end(), true);
    m.coef_ = least_squares(s, use, m.size_);
    // Refitting on what lies near each fit lets the surface follow a light
    // fall-off larger than busy_delta out to the edges.
    for (int round = 0; round < kRefits; ++round) {
        for (size_t i = 0; i < s.size(); ++i)
            dist[i] = cv::norm(cv::Vec3d(s[i].lab) - m.predict(s[i].at.x, s[i].at.y));
        const double cut = std::max(3.0 * median_of(dist), busy_delta);
        size_t kept = 0;
        for (size_t i = 0; i < s.size(); ++i) {
            use[i] = dist[i] <= cut;
            kept += use[i];
        }
        if (kept < 50 || kept == s.size())
            break;
        m.coef_ = least_squares(s, use, m.size_);
    }

    cv::Vec3d sum(0, 0, 0);
    int busy = 0;
    size_t kept = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        dist[i] = cv::norm(cv::Vec3d(s[i].lab) - m.predict(s[i].at.x, s[i].at.y));
        if (dist[i] > busy_delta) {
            ++busy;
        } else {
            sum += cv::Vec3d(s[i].lab);
            ++kept;
        }
    }
    m.samples_ = static_cast<int>(s.size());
    m.noise_ = median_of(dist);
    m.busy_fraction_ = static_cast<double>(busy) / static_cast<double>(s.size());
    m.mean_lab_ = kept > 0 ? sum * (1.0 / static_cast<double>(kept)) : cv::Vec3d(s[0].lab);
    return m;
}

cv::Vec3d BackgroundModel::predict(double x, double y) const
{
    const cv::Vec6d b = basis(x, y, size_);
    return {coef_[0].dot(b), coef_[1].dot(b), coef_[2].dot(b)};
}

cv::Mat BackgroundModel::surface() const
{
    cv::Mat out(size_, CV_32FC3);
    for (int y = 0; y < size_.height; ++y) {
        auto* p = out.ptr<cv::Vec3f>(y);
        for (int x = 0; x < size_.width; ++x)
            p[x] = cv::Vec3f(predict(x, y));
    }
    return out;
}

cv::Mat BackgroundModel::distance(const cv::Mat& lab) const
{
    CV_Assert(lab.type() == CV_32FC3 && lab.size() == size_);
    return lab_distance(lab, surface());
}

cv::Mat lab_distance(const cv::Mat& a, const cv::Mat& b)
{
    CV_Assert(a.type() == CV_32FC3 && b.type() == CV_32FC3 && a.size() == b.size());
    const cv::Mat diff = a - b;
    std::vector<cv::Mat> ch;
    cv::split(diff, ch);
    cv::Mat d;
    cv::magnitude(ch[0], ch[1], d);
    cv::magnitude(d, ch[2], d);
    return d;
}

} // namespace kiosk::vision
