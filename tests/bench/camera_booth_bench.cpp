// What the replay camera's booth model adds to filming one frame: preparing a
// picture (its subject's matte and the rows continuing it past its top and
// bottom, once per picture), and per frame the matte rendered with the
// subject's pose and the relighting in linear light; beside it, filming
// without a booth.
#include <benchmark/benchmark.h>
#include <opencv2/imgproc.hpp>

#include "camera/replay_settings.h"
#include "camera/scene_film.h"
#include "camera/scene_renderer.h"
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

// The weak-left-lamp case of the calibration tests, lamps compensated, with
// the seat raised to the top of its travel: the picture's bottom edge in view.
const BoothState unbalanced{750, 450, 800, 620};

void SubjectMatteOfPicture(benchmark::State& state)
{
    const cv::Mat picture = portrait();
    for (auto _ : state)
        benchmark::DoNotOptimize(subject_matte(picture).alpha.data);
}
BENCHMARK(SubjectMatteOfPicture)->Unit(benchmark::kMillisecond);

void PrepareScenePicture(benchmark::State& state)
{
    const cv::Mat picture = portrait();
    for (auto _ : state)
        benchmark::DoNotOptimize(prepare_scene_picture(picture).extended.pixels.data);
}
BENCHMARK(PrepareScenePicture)->Unit(benchmark::kMillisecond);

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
    const ScenePicture scene = prepare_scene_picture(portrait());
    const cv::Size size(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
    for (auto _ : state)
        benchmark::DoNotOptimize(film_scene(scene, {}, size, BoothView{booth(), unbalanced, 2.2}).data);
}
BENCHMARK(FilmInBooth)->Args({1280, 720})->Args({2560, 1440})->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
