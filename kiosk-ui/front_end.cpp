#include "kiosk-ui/front_end.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <spdlog/spdlog.h>

#include "kiosk-ui/canvas.h"
#include "kiosk-ui/field_editor.h"
#include "kiosk-ui/image_texture.h"
#include "kiosk-ui/lockdown.h"
#include "kiosk-ui/pin_entry.h"
#include "kiosk-ui/pinyin_engine.h"
#include "kiosk-ui/presser.h"
#include "kiosk-ui/qr_texture.h"
#include "kiosk-ui/screen_layout.h"
#include "kiosk-ui/screen_painter.h"
#include "kiosk-ui/screen_text.h"
#include "kiosk-ui/screenshot.h"
#include "kiosk-ui/technician_gesture.h"
#include "kiosk-ui/text_cache.h"
#include "kiosk-ui/ui_settings.h"
#include "session/session_settings.h"

namespace kiosk::ui {
namespace {

using Clock = session::SteadyClock;
using session::Step;

// A new screen that waits for its picture (the preview, the review photo) is
// photographed once the picture is there, or after this many frames anyway.
constexpr int kScreenshotPatienceFrames = 60;

std::runtime_error sdl_failure(const std::string& what)
{
    return std::runtime_error(what + ": " + SDL_GetError());
}

int event_filter(void*, SDL_Event* event)
{
    return admits(*event) ? 1 : 0;
}

std::vector<int> font_sizes(const LayoutMetrics& m)
{
    const TechnicianMetrics& t = m.technician;
    return {m.title_px,       m.subtitle_px,    m.notice_px,     m.button_px,   m.primary_button_px,
            m.card_name_px,   m.card_purpose_px, m.field_label_px, m.field_value_px, m.field_error_px,
            m.key_px,         m.candidate_px,   m.instruction_px, m.countdown_px, m.number_px,
            t.pin_key_px,     t.profile_px,     t.row_name_px,   t.outcome_px,  t.figure_px, t.detail_px};
}

// SDL, SDL_ttf and SDL_image for the length of run(), closed in reverse.
struct SdlSession {
    SdlSession()
    {
        apply_lockdown_hints();
        if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
            throw sdl_failure("cannot open a display (on a machine without one, run under Xvfb)");
        if (TTF_Init() != 0) {
            SDL_Quit();
            throw sdl_failure("cannot start SDL_ttf");
        }
        IMG_Init(IMG_INIT_PNG);
        SDL_SetEventFilter(event_filter, nullptr);
    }
    ~SdlSession()
    {
        SDL_SetEventFilter(nullptr, nullptr);
        IMG_Quit();
        TTF_Quit();
        SDL_Quit();
    }
    SdlSession(const SdlSession&) = delete;
    SdlSession& operator=(const SdlSession&) = delete;
};

struct WindowDeleter {
    void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); }
};
struct RendererDeleter {
    void operator()(SDL_Renderer* r) const { SDL_DestroyRenderer(r); }
};

bool on_gesture_screen(const session::ViewModel& view)
{
    return view.step == Step::Attract || view.step == Step::OutOfService;
}

} // namespace

class FrontEnd::Impl {
public:
    Impl(FrontEndOptions options, const session::PreviewFeed& preview, ViewSource view, EventSink post)
        : options_(std::move(options)),
          settings_(load_ui_settings(options_.config_dir, options_.layout)),
          text_(options_.config_dir),
          pinyin_(settings_.pinyin_dictionary, settings_.pinyin_max_letters),
          editor_(&pinyin_, settings_.metrics.candidates_per_page),
          pin_(session::SessionSettings::load(options_.config_dir).technician.max_pin_digits),
          gesture_(gesture_corner(settings_.technician_gesture, settings_.metrics), settings_.technician_gesture.hold),
          preview_feed_(preview),
          view_(std::move(view)),
          post_(std::move(post)),
          guidance_latency_(settings_.latency_window),
          preview_latency_(settings_.latency_window)
    {
        if (options_.screenshot_dir)
            std::filesystem::create_directories(*options_.screenshot_dir);
    }

    void run();
    void quit() { quit_ = true; }

    FrameLatency latency() const
    {
        std::lock_guard lock(latency_mutex_);
        return {guidance_latency_.summary(), preview_latency_.summary()};
    }

private:
    struct Frame;
    SDL_Window* open_window();
    std::optional<SDL_Point> pointer(const SDL_Event& event) const;
    void activate(const Target& target, const session::ViewModel& view);
    void record_latency(const session::ViewModel& view, const session::PreviewFrame& frame, Clock::time_point presented);
    bool screenshot_due(const session::ViewModel& view) const;
    void maybe_screenshot(SDL_Renderer* renderer, const session::ViewModel& view, bool pictures_ready);

    FrontEndOptions options_;
    UiSettings settings_;
    ScreenText text_;
    PinyinEngine pinyin_;
    FieldEditor editor_;
    PinEntry pin_;
    GestureHold gesture_;
    const session::PreviewFeed& preview_feed_;
    ViewSource view_;
    EventSink post_;
    std::atomic<bool> quit_{false};

    mutable std::mutex latency_mutex_;
    LatencyWindow guidance_latency_;
    LatencyWindow preview_latency_;

    std::optional<Target> pressed_;
    // The press belongs to the finger (or mouse) that made it: while it is
    // down every other finger is ignored, so a second finger or a palm on
    // the glass neither steals the citizen's touch nor triggers a button.
    std::optional<Presser> presser_;
    // Screenshots: the screen last photographed, and the one waiting.
    std::optional<std::pair<Step, std::string>> shot_screen_;
    int screenshot_count_ = 0;
    int screenshot_wait_ = 0;
};

SDL_Window* FrontEnd::Impl::open_window()
{
    const LayoutMetrics& m = settings_.metrics;
    int w = m.width, h = m.height;
    Uint32 flags = SDL_WINDOW_SHOWN;
    if (options_.fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    } else {
        // A window larger than the desk (a portrait layout on a laptop) is
        // shrunk to fit; the renderer scales the layout to it.
        SDL_Rect usable;
        if (SDL_GetDisplayUsableBounds(0, &usable) == 0 && (w > usable.w || h > usable.h)) {
            const double scale = std::min(static_cast<double>(usable.w) / w, static_cast<double>(usable.h) / h);
            w = static_cast<int>(w * scale);
            h = static_cast<int>(h * scale);
        }
    }
    // The title is for technicians and window lists only: the citizen's
    // screen is fullscreen and shows none.
    SDL_Window* window = SDL_CreateWindow("kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!window)
        throw sdl_failure("cannot open the kiosk window");
    return window;
}

std::optional<SDL_Point> FrontEnd::Impl::pointer(const SDL_Event& event) const
{
    const LayoutMetrics& m = settings_.metrics;
    switch (event.type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (event.button.button != SDL_BUTTON_LEFT || event.button.which == SDL_TOUCH_MOUSEID)
            return std::nullopt;
        return SDL_Point{event.button.x, event.button.y};
    case SDL_MOUSEMOTION:
        if (event.motion.which == SDL_TOUCH_MOUSEID)
            return std::nullopt;
        return SDL_Point{event.motion.x, event.motion.y};
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
        // The renderer has already mapped the finger to 0..1 of the layout.
        return SDL_Point{static_cast<int>(event.tfinger.x * m.width), static_cast<int>(event.tfinger.y * m.height)};
    default:
        return std::nullopt;
    }
}

void FrontEnd::Impl::activate(const Target& target, const session::ViewModel& view)
{
    if (const auto* action = std::get_if<session::Action>(&target)) {
        post_(session::ActionTouched{*action});
    } else if (const auto* doc = std::get_if<DocumentTarget>(&target)) {
        post_(session::DocumentChosen{doc->spec_id});
    } else if (const auto* field = std::get_if<session::Field>(&target)) {
        if (view.focused_field != *field)
            post_(session::FieldFocused{*field});
    } else if (const auto* key = std::get_if<Key>(&target)) {
        if (auto edit = editor_.press(*key))
            post_(std::move(*edit));
    } else if (const auto* candidate = std::get_if<CandidateTarget>(&target)) {
        if (auto edit = editor_.choose(candidate->index))
            post_(std::move(*edit));
    } else if (const auto* pin_key = std::get_if<PinKey>(&target)) {
        if (auto edit = pin_.press(*pin_key))
            post_(std::move(*edit));
    } else if (const auto* procedure = std::get_if<ProcedureTarget>(&target)) {
        post_(session::ProcedureChosen{procedure->procedure});
    }
}

void FrontEnd::Impl::record_latency(const session::ViewModel& view, const session::PreviewFrame& frame,
                                    Clock::time_point presented)
{
    if (!view.guide || view.guide->frame_time == Clock::time_point{})
        return;
    using std::chrono::duration_cast;
    using std::chrono::microseconds;
    std::lock_guard lock(latency_mutex_);
    guidance_latency_.add(duration_cast<microseconds>(presented - view.guide->frame_time));
    if (frame.image && !frame.image->empty())
        preview_latency_.add(duration_cast<microseconds>(presented - frame.captured));
}

bool FrontEnd::Impl::screenshot_due(const session::ViewModel& view) const
{
    return options_.screenshot_dir && shot_screen_ != std::pair{view.step, view.locale};
}

void FrontEnd::Impl::maybe_screenshot(SDL_Renderer* renderer, const session::ViewModel& view, bool pictures_ready)
{
    if (!screenshot_due(view))
        return;
    const std::pair<Step, std::string> screen{view.step, view.locale};
    if (!pictures_ready && ++screenshot_wait_ < kScreenshotPatienceFrames)
        return;
    shot_screen_ = screen;
    screenshot_wait_ = 0;
    char name[64];
    std::snprintf(name, sizeof name, "%02d-%s.png", ++screenshot_count_, std::string(to_string(view.step)).c_str());
    if (!save_screenshot(renderer, *options_.screenshot_dir / name))
        spdlog::warn("screenshot {} not saved: {}", name, SDL_GetError());
}

void FrontEnd::Impl::run()
{
    SdlSession sdl;
    std::unique_ptr<SDL_Window, WindowDeleter> window(open_window());
    std::unique_ptr<SDL_Renderer, RendererDeleter> renderer(
        SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
    if (!renderer)
        renderer.reset(SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_SOFTWARE));
    if (!renderer)
        throw sdl_failure("cannot draw in the kiosk window");
    SDL_Renderer* r = renderer.get();
    const LayoutMetrics& m = settings_.metrics;
    SDL_RenderSetLogicalSize(r, m.width, m.height);
    SDL_ShowCursor(options_.fullscreen ? SDL_DISABLE : SDL_ENABLE);
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");

    TextCache text_cache(r, settings_.font_file, font_sizes(m), settings_.text_cache_frames);
    const Canvas canvas{r, text_cache, settings_.palette};
    const ScreenPainter painter(canvas, m, text_);
    ImageTexture preview(r);
    ImageTexture photo(r);
    QrTexture qr(r, m.qr_quiet_modules, settings_.palette.qr_dark, settings_.palette.qr_light);

    const auto frame_period = std::chrono::microseconds(1'000'000 / settings_.frames_per_second);
    const auto started = Clock::now();
    std::shared_ptr<const session::ViewModel> view;
    const session::ViewModel* drawn_view = nullptr;
    std::optional<Step> last_step;
    spdlog::info("front end: {}x{} {} layout, renderer drawing", m.width, m.height,
                 options_.layout == Layout::Portrait ? "portrait" : "landscape");

    while (!quit_) {
        const auto frame_start = Clock::now();
        if (auto newest = view_())
            view = std::move(newest);
        if (!view) {
            SDL_SetRenderDrawColor(r, settings_.palette.background.r, settings_.palette.background.g,
                                   settings_.palette.background.b, 255);
            SDL_RenderClear(r);
            SDL_RenderPresent(r);
            SDL_PumpEvents();
            SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
            std::this_thread::sleep_until(frame_start + frame_period);
            continue;
        }
        const session::ViewModel& vm = *view;
        // A screen is painted again only when something on it changed: an
        // unchanged screen costs no CPU, which the kiosk's small board (and
        // a shared test machine running Xvfb) needs for the vision worker.
        bool redraw = drawn_view != view.get();
        if (last_step != vm.step) {
            // The visit is over: nothing typed or photographed stays in video memory.
            if (vm.step == Step::Attract || vm.step == Step::OutOfService) {
                text_cache.clear();
                preview.clear();
            }
            pressed_.reset();
            presser_.reset();
            gesture_.reset();
            last_step = vm.step;
        }
        pin_.follow(vm);

        const session::FormField* focused = nullptr;
        for (const auto& f : vm.fields)
            if (vm.focused_field == f.field)
                focused = &f;
        editor_.follow(focused);

        const session::PreviewFrame frame = preview_feed_.latest();
        const auto uploads = preview.uploads();
        if (vm.show_preview && frame.image && !frame.image->empty())
            preview.show(*frame.image, frame.sequence);
        redraw = redraw || preview.uploads() != uploads;
        if (vm.review_photo)
            photo.show(vm.review_photo->preview, reinterpret_cast<std::uintptr_t>(vm.review_photo.get()));
        else
            photo.clear();
        SDL_Texture* qr_code = nullptr;
        if (vm.step == Step::Done && !vm.receipt_printed && !vm.receipt_qr_text.empty())
            qr_code = qr.show(vm.receipt_qr_text);
        else
            qr.clear();

        const KeyboardKeys* keys = nullptr;
        if (focused)
            if (auto it = settings_.keyboards.find(focused->keyboard); it != settings_.keyboards.end())
                keys = &it->second;
        std::optional<SDL_Point> preview_size;
        if (!preview.empty())
            if (frame.image && !frame.image->empty())
                preview_size = SDL_Point{frame.image->cols, frame.image->rows};
        const ScreenLayout layout = lay_out({vm, m, keys, editor_.candidates_on_page().size(), preview_size});

        SDL_Event event;
        while (SDL_PollEvent(&event)) {
            if (event.type == SDL_WINDOWEVENT)
                redraw = true; // exposed, resized, restored: the window's pixels may be gone
            const auto point = pointer(event);
            if (!point)
                continue;
            const Presser who = presser_of(event);
            if (event.type == SDL_MOUSEMOTION || event.type == SDL_FINGERMOTION) {
                gesture_.move(who, *point);
                continue;
            }
            redraw = true;
            const bool down = event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_FINGERDOWN;
            // A press in the hidden corner is the gesture's alone: it neither
            // starts a visit nor presses anything, and leaves other fingers free.
            if (down ? on_gesture_screen(vm) && gesture_.press(who, *point, Clock::now()) : gesture_.release(who))
                continue;
            const auto target = hit_test(layout, *point);
            if (down) {
                if (!presser_ && target) {
                    pressed_ = target;
                    presser_ = who;
                }
            } else if (presser_ == who) {
                // A touch counts where it is lifted on what it pressed: a
                // finger sliding off a button cancels it.
                if (target && pressed_ && *target == *pressed_)
                    activate(*target, vm);
                pressed_.reset();
                presser_.reset();
            }
        }

        if (on_gesture_screen(vm) && gesture_.due(Clock::now()))
            post_(session::TechnicianGesture{});

        const bool sweeping = layout.progress && !vm.progress; // the unknown-progress animation
        if (redraw || sweeping || screenshot_due(vm)) {
            const double seconds = std::chrono::duration<double>(frame_start - started).count();
            painter.paint({vm, layout, editor_, preview, photo, qr_code, pressed_, seconds});
            const bool pictures_ready =
                (!vm.show_preview || !preview.empty()) && (!vm.review_photo || !photo.empty());
            maybe_screenshot(r, vm, pictures_ready);
            SDL_RenderPresent(r);
            record_latency(vm, frame, Clock::now());
            drawn_view = view.get();
        }
        text_cache.end_frame();

        std::this_thread::sleep_until(frame_start + frame_period);
    }
    spdlog::info("front end closed");
}

FrontEnd::FrontEnd(FrontEndOptions options, const session::PreviewFeed& preview, ViewSource view, EventSink post)
    : impl_(std::make_unique<Impl>(std::move(options), preview, std::move(view), std::move(post)))
{
}

FrontEnd::~FrontEnd() = default;

void FrontEnd::run()
{
    impl_->run();
}

void FrontEnd::quit()
{
    impl_->quit();
}

FrameLatency FrontEnd::latency() const
{
    return impl_->latency();
}

} // namespace kiosk::ui
