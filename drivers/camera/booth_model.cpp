#include "camera/booth_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace kiosk::camera {
namespace {

// Steps of the square root of linear light: fine enough that neighbouring
// encoded values stay apart down to the darkest.
constexpr int root_steps = 4095;

// How much of a lamp's light reaches a point at `u` (-1: the left lamp's
// side, +1: the right lamp's side), for the left and the right lamp; the two
// add up to 1, so evenly lit footage stays as it was.
std::array<double, 2> lamp_shares(double u, double falloff)
{
    u = std::clamp(u, -1.0, 1.0);
    return {(1.0 - falloff * u) / 2.0, (1.0 + falloff * u) / 2.0};
}

} // namespace

BoothModel BoothModel::from_json(const JsonFields& fields)
{
    BoothModel m;
    m.ambient = fields.number("ambient");
    if (m.ambient < 0 || m.ambient >= 1)
        fields.fail("ambient", "must be in [0, 1)");

    const JsonFields key = fields.child("key_lights");
    m.key_reference_level = key.positive("reference_level");
    const JsonFields efficiency = key.child("efficiency");
    m.key_left_efficiency = efficiency.number("left");
    m.key_right_efficiency = efficiency.number("right");
    if (m.key_left_efficiency < 0 || m.key_right_efficiency < 0)
        efficiency.fail("left", "efficiencies must not be negative");
    m.key_falloff = key.number("falloff");
    if (m.key_falloff < 0 || m.key_falloff > 1)
        key.fail("falloff", "must be in [0, 1]");
    m.key_falloff_half_width = key.positive("falloff_half_width");

    const JsonFields background = fields.child("background_light");
    m.background_reference_level = background.positive("reference_level");
    m.background_efficiency = background.number("efficiency");
    if (m.background_efficiency < 0)
        background.fail("efficiency", "must not be negative");
    m.background_share = background.number("share");
    if (m.background_share < 0 || m.background_share > 1)
        background.fail("share", "must be in [0, 1]");

    const JsonFields seat = fields.child("seat");
    m.seat_reference_mm = seat.positive("reference_mm");
    m.seat_px_per_mm = seat.positive("px_per_mm");
    m.seat_frame_height = seat.positive("frame_height");
    return m;
}

double BoothModel::subject_shift(const BoothState& state) const
{
    return -(state.seat_mm - seat_reference_mm) * seat_px_per_mm / seat_frame_height;
}

double BoothModel::subject_light(const BoothState& state, double x, double head_x, double width) const
{
    const auto [left, right] = lamp_shares((x - head_x) / (key_falloff_half_width * width), key_falloff);
    const double keys = state.key_left / key_reference_level * key_left_efficiency * left +
                        state.key_right / key_reference_level * key_right_efficiency * right;
    return ambient + (1.0 - ambient) * keys;
}

double BoothModel::backdrop_light(const BoothState& state, double x, double width) const
{
    // The key lamps stand beside the camera, so their spill spreads over the
    // whole backdrop rather than across one face.
    const auto [left, right] = lamp_shares((x - width / 2.0) / (width / 2.0), key_falloff);
    const double spill = state.key_left / key_reference_level * key_left_efficiency * left +
                         state.key_right / key_reference_level * key_right_efficiency * right;
    const double lamp = state.background / background_reference_level * background_efficiency;
    return ambient + (1.0 - ambient) * (background_share * lamp + (1.0 - background_share) * spill);
}

void BoothModel::relight(cv::Mat& bgr, const cv::Mat& subject_alpha, double head_x, const BoothState& state,
                         double gamma) const
{
    CV_Assert(bgr.type() == CV_8UC3 && subject_alpha.type() == CV_8UC1 && subject_alpha.size() == bgr.size());
    const double width = bgr.cols;
    std::vector<float> subject(static_cast<std::size_t>(bgr.cols));
    std::vector<float> backdrop(subject.size());
    bool unchanged = true;
    for (int x = 0; x < bgr.cols; ++x) {
        subject[static_cast<std::size_t>(x)] = static_cast<float>(subject_light(state, x + 0.5, head_x, width));
        backdrop[static_cast<std::size_t>(x)] = static_cast<float>(backdrop_light(state, x + 0.5, width));
        unchanged = unchanged && std::abs(subject[static_cast<std::size_t>(x)] - 1.0f) < 1e-4f &&
                    std::abs(backdrop[static_cast<std::size_t>(x)] - 1.0f) < 1e-4f;
    }
    if (unchanged)
        return;

    // Relit light is looked up by its square root, which spaces the steps
    // like the display gamma does: fine in the shadows, coarse in the highlights.
    std::array<float, 256> to_linear{};
    for (int v = 0; v < 256; ++v)
        to_linear[static_cast<std::size_t>(v)] = static_cast<float>(std::pow(v / 255.0, gamma));
    std::vector<uchar> from_root(root_steps + 1);
    for (int i = 0; i <= root_steps; ++i) {
        const double root = static_cast<double>(i) / root_steps;
        from_root[static_cast<std::size_t>(i)] = cv::saturate_cast<uchar>(255.0 * std::pow(root * root, 1.0 / gamma));
    }

    for (int y = 0; y < bgr.rows; ++y) {
        auto* pixel = bgr.ptr<cv::Vec3b>(y);
        const uchar* alpha = subject_alpha.ptr<uchar>(y);
        for (int x = 0; x < bgr.cols; ++x) {
            const auto column = static_cast<std::size_t>(x);
            const float a = alpha[x] * (1.0f / 255.0f);
            const float light = backdrop[column] + a * (subject[column] - backdrop[column]);
            for (int c = 0; c < 3; ++c) {
                const float root = std::sqrt(to_linear[pixel[x][c]] * light);
                const int step = std::min(static_cast<int>(root * root_steps + 0.5f), root_steps);
                pixel[x][c] = from_root[static_cast<std::size_t>(step)];
            }
        }
    }
}

} // namespace kiosk::camera
