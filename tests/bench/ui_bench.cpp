// The front end's cost per frame, on SDL's software renderer drawing into
// memory (no display needed; the slowest renderer the kiosk can fall back to,
// and the one Xvfb gets):
//   LayOut/<step>          where everything goes
//   DrawFrame/<step>       layout + a new 1280x720 camera frame uploaded + the
//                          whole screen painted (the 60 fps budget is 16.7 ms)
//   TextLine/uncached      one title line rendered by FreeType, what the text
//                          cache saves on every frame after the first
//   PinyinCandidates       the engine's candidates for two full names' spellings

#include <benchmark/benchmark.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <SDL.h>
#include <SDL_ttf.h>

#include "core/paths.h"
#include "kiosk-ui/canvas.h"
#include "kiosk-ui/field_editor.h"
#include "kiosk-ui/image_texture.h"
#include "kiosk-ui/pinyin_engine.h"
#include "kiosk-ui/screen_layout.h"
#include "kiosk-ui/screen_painter.h"
#include "kiosk-ui/screen_text.h"
#include "kiosk-ui/text_cache.h"
#include "kiosk-ui/ui_settings.h"

namespace {

using namespace kiosk;
using session::Step;

session::ViewModel view_of(Step step)
{
    session::ViewModel v;
    v.step = step;
    v.title = {"screen.seat_and_pose.title", {}};
    v.buttons = {{session::Action::ToggleLanguage, {"button.toggle_language", {}}, false, true},
                 {session::Action::Cancel, {"button.cancel", {}}, false, true}};
    if (step == Step::SeatAndPose) {
        v.show_preview = true;
        session::PoseGuide g;
        g.target = {0.35f, 0.1f, 0.3f, 0.6f};
        g.face = cv::Rect2f(0.4f, 0.15f, 0.25f, 0.45f);
        g.instruction = session::Text{"advice.move_closer", {}};
        g.hold_progress = 0.6;
        v.guide = g;
    } else if (step == Step::ApplicantDetails) {
        v.title = {"screen.applicant_details.title", {}};
        for (const auto& [field, kb] : {std::pair{session::Field::Name, session::Keyboard::Pinyin},
                                        std::pair{session::Field::IdNumber, session::Keyboard::IdNumber},
                                        std::pair{session::Field::Phone, session::Keyboard::Digits}}) {
            session::FormField f;
            f.field = field;
            f.keyboard = kb;
            f.label = {"field." + std::string(session::to_string(field)), {}};
            v.fields.push_back(f);
        }
        v.focused_field = session::Field::Name;
    }
    return v;
}

// SDL's software renderer on a surface: everything the front end draws,
// without a window.
struct OffscreenUi {
    OffscreenUi()
        : settings(ui::load_ui_settings(config_dir(), ui::Layout::Portrait)),
          text(config_dir()),
          pinyin(settings.pinyin_dictionary, settings.pinyin_max_letters),
          editor(&pinyin, settings.metrics.candidates_per_page)
    {
        TTF_Init();
        surface = SDL_CreateRGBSurfaceWithFormat(0, settings.metrics.width, settings.metrics.height, 32,
                                                 SDL_PIXELFORMAT_RGBA32);
        renderer = SDL_CreateSoftwareRenderer(surface);
        cache = std::make_unique<ui::TextCache>(renderer, settings.font_file, std::vector<int>{}, 120);
        canvas = std::make_unique<ui::Canvas>(ui::Canvas{renderer, *cache, settings.palette});
        painter = std::make_unique<ui::ScreenPainter>(*canvas, settings.metrics, text);
        preview = std::make_unique<ui::ImageTexture>(renderer);
        photo = std::make_unique<ui::ImageTexture>(renderer);
        camera = cv::Mat(720, 1280, CV_8UC3);
        cv::randu(camera, cv::Scalar::all(0), cv::Scalar::all(255));
    }
    ~OffscreenUi()
    {
        photo.reset();
        preview.reset();
        painter.reset();
        canvas.reset();
        cache.reset();
        SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(surface);
        TTF_Quit();
    }

    ui::ScreenLayout lay_out(const session::ViewModel& v)
    {
        const ui::KeyboardKeys* keys = v.focused_field ? &settings.keyboards.at(session::Keyboard::Pinyin) : nullptr;
        return ui::lay_out({v, settings.metrics, keys, editor.candidates_on_page().size(), SDL_Point{1280, 720}});
    }

    ui::UiSettings settings;
    ui::ScreenText text;
    ui::PinyinEngine pinyin;
    ui::FieldEditor editor;
    SDL_Surface* surface = nullptr;
    SDL_Renderer* renderer = nullptr;
    std::unique_ptr<ui::TextCache> cache;
    std::unique_ptr<ui::Canvas> canvas;
    std::unique_ptr<ui::ScreenPainter> painter;
    std::unique_ptr<ui::ImageTexture> preview, photo;
    cv::Mat camera;
};

OffscreenUi& ui_once()
{
    static OffscreenUi offscreen;
    return offscreen;
}

void LayOut(benchmark::State& state, Step step)
{
    auto& u = ui_once();
    const auto view = view_of(step);
    for (auto _ : state)
        benchmark::DoNotOptimize(u.lay_out(view));
}

void DrawFrame(benchmark::State& state, Step step)
{
    auto& u = ui_once();
    const auto view = view_of(step);
    const session::FormField* focused = view.fields.empty() ? nullptr : &view.fields.front();
    u.editor.follow(focused);
    if (focused)
        for (const char c : std::string("zhang"))
            u.editor.press(ui::Key{std::nullopt, std::string(1, c)});
    std::uint64_t sequence = 0;
    for (auto _ : state) {
        if (view.show_preview)
            u.preview->show(u.camera, ++sequence); // a new camera frame every drawn frame: the worst case
        const auto layout = u.lay_out(view);
        u.painter->paint({view, layout, u.editor, *u.preview, *u.photo, nullptr, std::nullopt, 0.0});
        u.cache->end_frame();
    }
    u.editor.follow(nullptr);
}

void TextLineUncached(benchmark::State& state)
{
    auto& u = ui_once();
    const std::string line = u.text.text("zh-CN", "screen.attract.subtitle");
    for (auto _ : state) {
        u.cache->clear();
        benchmark::DoNotOptimize(u.cache->get(line, u.settings.metrics.subtitle_px, u.settings.palette.text, 0));
    }
}

void PinyinCandidates(benchmark::State& state)
{
    auto& u = ui_once();
    for (auto _ : state) {
        // Alternate spellings so the engine cannot answer from its last search.
        benchmark::DoNotOptimize(u.pinyin.candidates("zhangwei", 56));
        benchmark::DoNotOptimize(u.pinyin.candidates("liuyang", 56));
    }
}

BENCHMARK_CAPTURE(LayOut, seat_and_pose, Step::SeatAndPose)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(LayOut, applicant_details, Step::ApplicantDetails)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(DrawFrame, seat_and_pose, Step::SeatAndPose)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(DrawFrame, applicant_details, Step::ApplicantDetails)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(TextLineUncached)->Name("TextLine/uncached")->Unit(benchmark::kMillisecond);
BENCHMARK(PinyinCandidates)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
