// What the replay camera's booth model adds to filming one frame: the
// subject's matte (once per picture), and per frame the matte rendered with
// the subject's pose and the relighting in linear light; beside it, filming
// without a booth.
#include <benchmark/benchmark.h>
#include <opencv2/imgproc.hpp>

#include "camera/booth_model.h"
#include "camera/replay_settings.h"
#include "camera/scene_renderer.h"
#include "camera/subject_matte.h"
#include "core/paths.h"

namespace {

using namespace kiosk::camera;

// A made-up head and shoulders on an even backdrop, the size of the shared
// studio portraits.
cv::Mat portrait()
{
    cv::Mat picture(1350, 1350, CV_8UC3, cv::Scalar::all(200));
    cv::ellipse(picture, {675, 560}, {170, 230}, 0, 0, 360, cv::Scalar(120, 150, 200), cv::FILLED);
    cv::ellipse(picture, {675, 1350}, {420, 380}, 0, 0, 360, cv::Scalar(60, 60, 70), cv::FILLED);
    return picture;
}

const BoothModel& booth()
{
    static const BoothModel model = *ReplaySettings::load(kiosk::config_dir() / "camera" / "replay.json").booth;
    return model;
}

// The weak-left-lamp case of the calibration tests, lamps compensated.
const BoothState unbalanced{750, 450, 800, 470};

void SubjectMatteOfPicture(benchmark::State& state)
{
    const cv::Mat picture = portrait();
    for (auto _ : state)
        benchmark::DoNotOptimize(subject_matte(picture).alpha.data);
}
BENCHMARK(SubjectMatteOfPicture)->Unit(benchmark::kMillisecond);

void FilmWithoutBooth(benchmark::State& state)
{
    const cv::Mat picture = portrait();
    const cv::Size size(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
    for (auto _ : state)
        benchmark::DoNotOptimize(render_scene(picture, {}, size).data);
}
BENCHMARK(FilmWithoutBooth)->Args({1280, 720})->Args({2560, 1440})->Unit(benchmark::kMillisecond);

void FilmInBooth(benchmark::State& state)
{
    const cv::Mat picture = portrait();
    const SubjectMatte matte = subject_matte(picture);
    const cv::Size size(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
    for (auto _ : state) {
        SubjectPose pose;
        pose.y += booth().subject_shift(unbalanced);
        cv::Mat frame = render_scene(picture, pose, size);
        const cv::Mat alpha = render_scene(matte.alpha, pose, size);
        const double head_x = scene_point(matte.alpha.size(), pose, size, matte.head_centre).x;
        booth().relight(frame, alpha, head_x, unbalanced, 2.2);
        benchmark::DoNotOptimize(frame.data);
    }
}
BENCHMARK(FilmInBooth)->Args({1280, 720})->Args({2560, 1440})->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
