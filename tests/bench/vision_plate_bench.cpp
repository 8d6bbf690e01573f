// What judging against the empty booth's plate costs, beside the plate-free
// path, on booth renders of shared studio portraits (integration/booth_stage.h,
// the replay camera's 1280 x 720 live size and its 2560 x 1440 still size):
//   SubjectMask/{NoPlate,Plate}/<size>   separate_subject
//   Backdrop/{NoPlate,Plate}/1280x720    the backdrop measures (background
//                                        checks' shared work, live path)
//   Still/{NoPlate,Plate}/2560x1440      Assessor::judge at full depth on a
//                                        located face (crown, crop, mask, checks)
// The plate's resampling to the still size is paid once and kept by the plate,
// as in the kiosk; it is warmed up before timing. OpenCV is held to one thread
// so the figures are for one core; CPU time of this thread is what is timed.

#include <algorithm>
#include <filesystem>
#include <memory>
#include <vector>

#include <benchmark/benchmark.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "camera/replay_settings.h"
#include "core/paths.h"
#include "integration/booth_stage.h"
#include "spec/crop_plan.h"
#include "support/faces.h"
#include "support/photo_set.h"
#include "vision/assessor.h"
#include "vision/backdrop_measures.h"
#include "vision/backdrop_plate.h"
#include "vision/crop_window.h"
#include "vision/crown_finder.h"
#include "vision/face_locator.h"
#include "vision/head_measurements.h"
#include "vision/subject_mask.h"

namespace {

using namespace kiosk;

constexpr std::size_t kSubjects = 8;
const cv::Size kLive(1280, 720);
const cv::Size kStill(2560, 1440);

const spec::DocumentSpec& exit_entry()
{
    static const auto spec = spec::load_spec(config_dir() / "specs", "exit-entry");
    return spec;
}

// One booth render at one size: the frame, its plate, the located face and the crop window.
struct Scene {
    cv::Mat frame;
    cv::Mat gray;
    std::shared_ptr<const vision::BackdropPlate> plate;
    vision::Face face;
    vision::CropWindow window;
    cv::Mat subject_alpha;
};

std::vector<Scene> make_scenes(cv::Size size)
{
    std::vector<Scene> out;
    const auto dir = test::faces_dir();
    if (!dir)
        return out;
    const auto settings = camera::ReplaySettings::load(config_dir() / "camera" / "replay.json");
    test::BoothLighting light;
    light.lamps = {settings.booth->key_reference_level, settings.booth->key_reference_level,
                   settings.booth->background_reference_level, settings.booth->seat_reference_mm};
    light.hotspot = {0.1, 0.3};
    light.hotspot_falloff = 0.5;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(*dir / "frl-london" / "neutral"))
        if (e.path().extension() == ".jpg")
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    const auto& spec = exit_entry();
    const auto crown_params = vision::crown_params(spec.checks);
    for (const auto& file : files) {
        if (out.size() == kSubjects)
            break;
        const test::BoothStage stage(cv::imread(file.string(), cv::IMREAD_COLOR), size, *settings.booth, 2.2);
        Scene s;
        s.frame = stage.film(light, {}, 2.0, out.size() + 1);
        // The plate is filmed at the live size, as calibration does.
        const test::BoothStage live_stage(cv::imread(file.string(), cv::IMREAD_COLOR), kLive, *settings.booth, 2.2);
        s.plate = std::make_shared<const vision::BackdropPlate>(live_stage.plate(light, 2.0, 99));
        benchmark::DoNotOptimize(s.plate->at_size(size).data);
        cv::cvtColor(s.frame, s.gray, cv::COLOR_BGR2GRAY);
        const auto located = vision::locate_faces(test::shared_models(), s.gray);
        if (!located.subject)
            continue;
        s.face = *located.subject;
        const auto crown = vision::find_crown(s.frame, s.face, crown_params);
        const auto plan = spec::plan_crop(spec, vision::head_measurements(s.face, crown), s.frame.size());
        s.window = vision::crop_window(plan, spec.output, s.face);
        s.subject_alpha = vision::separate_subject(s.frame, s.face, spec.checks).alpha;
        out.push_back(std::move(s));
    }
    return out;
}

const std::vector<Scene>& scenes(cv::Size size)
{
    static const std::vector<Scene> live = make_scenes(kLive);
    static const std::vector<Scene> still = make_scenes(kStill);
    return size == kLive ? live : still;
}

bool skip_without_photos(benchmark::State& state, cv::Size size)
{
    if (!scenes(size).empty())
        return false;
    state.SkipWithError(test::faces_dir() ? "no face found in the booth renders"
                                          : test::faces_missing_reason().c_str());
    return true;
}

void SubjectMask(benchmark::State& state, cv::Size size, bool with_plate)
{
    if (skip_without_photos(state, size))
        return;
    std::size_t i = 0;
    for (auto _ : state) {
        const Scene& s = scenes(size)[i++ % scenes(size).size()];
        const auto m = vision::separate_subject(s.frame, s.face, exit_entry().checks,
                                                with_plate ? s.plate.get() : nullptr);
        benchmark::DoNotOptimize(m.alpha.data);
    }
}

void Backdrop(benchmark::State& state, bool with_plate)
{
    if (skip_without_photos(state, kLive))
        return;
    const double busy_delta = exit_entry().checks.number("background_uniform", "busy_delta");
    std::size_t i = 0;
    for (auto _ : state) {
        const Scene& s = scenes(kLive)[i++ % scenes(kLive).size()];
        const auto m = vision::measure_backdrop(s.frame, s.face, s.window, busy_delta, cv::Mat(),
                                                with_plate ? s.plate.get() : nullptr);
        benchmark::DoNotOptimize(m.darkening);
    }
}

void Still(benchmark::State& state, bool with_plate)
{
    if (skip_without_photos(state, kStill))
        return;
    vision::Assessor assessor(test::shared_models(), exit_entry());
    std::size_t i = 0;
    for (auto _ : state) {
        const Scene& s = scenes(kStill)[i++ % scenes(kStill).size()];
        assessor.use_plate(with_plate ? s.plate : nullptr);
        const auto a = assessor.judge(s.frame, s.gray, 1, s.face, vision::Assessor::Depth::Full);
        benchmark::DoNotOptimize(a.checks.data());
    }
}

} // namespace

int main(int argc, char** argv)
{
    cv::setNumThreads(1);
    const auto add = [](const char* name, auto run, int iterations, auto... args) {
        benchmark::RegisterBenchmark(name, run, args...)->Unit(benchmark::kMillisecond)->Iterations(iterations);
    };
    add("SubjectMask/NoPlate/1280x720", SubjectMask, 80, kLive, false);
    add("SubjectMask/Plate/1280x720", SubjectMask, 80, kLive, true);
    add("SubjectMask/NoPlate/2560x1440", SubjectMask, 40, kStill, false);
    add("SubjectMask/Plate/2560x1440", SubjectMask, 40, kStill, true);
    add("Backdrop/NoPlate/1280x720", Backdrop, 200, false);
    add("Backdrop/Plate/1280x720", Backdrop, 200, true);
    add("Still/NoPlate/2560x1440", Still, 24, false);
    add("Still/Plate/2560x1440", Still, 24, true);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
