#pragma once

// The front end on a private X server (Xvfb) for a test: started on its own
// thread with a scripted session behind it, clicked with real X pointer events
// (xdotool), its screenshots in a folder per test.

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include <SDL.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "core/paths.h"
#include "kiosk-ui/front_end.h"
#include "kiosk-ui/screen_layout.h"
#include "kiosk-ui/ui_settings.h"
#include "support/test_folder.h"
#include "support/xvfb_display.h"

namespace kiosk::ui_test {

using namespace std::chrono_literals;
using kiosk::session::Action;
using kiosk::session::Event;
using kiosk::session::Step;
using kiosk::session::ViewModel;
using kiosk::ui::Layout;

// A camera that delivers one picture at 30 frames a second.
class StillFeed : public kiosk::session::PreviewFeed {
public:
    explicit StillFeed(cv::Mat bgr) : image_(std::make_shared<const cv::Mat>(std::move(bgr))) {}

    kiosk::session::PreviewFrame latest() const override
    {
        const auto period = std::chrono::microseconds(33'333);
        const auto n = (kiosk::session::SteadyClock::now() - start_) / period;
        return {image_, start_ + n * period, static_cast<std::uint64_t>(n) + 1};
    }

private:
    std::shared_ptr<const cv::Mat> image_;
    kiosk::session::SteadyClock::time_point start_ = kiosk::session::SteadyClock::now();
};

// The session's side, scripted: the view model to show, and the events the
// front end posted.
class Script {
public:
    void show(ViewModel v)
    {
        std::lock_guard lock(mutex_);
        view_ = std::make_shared<const ViewModel>(std::move(v));
    }
    std::shared_ptr<const ViewModel> view() const
    {
        std::lock_guard lock(mutex_);
        return view_;
    }
    void post(Event e)
    {
        std::lock_guard lock(mutex_);
        posted_.push_back(std::move(e));
        changed_.notify_all();
    }
    // Waits until `count` events have been posted in all; returns them all.
    std::vector<Event> wait_for(std::size_t count, std::chrono::milliseconds timeout = 5s)
    {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, timeout, [&] { return posted_.size() >= count; });
        return posted_;
    }
    std::size_t posted_count() const
    {
        std::lock_guard lock(mutex_);
        return posted_.size();
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::shared_ptr<const ViewModel> view_;
    std::vector<Event> posted_;
};

inline kiosk::session::Button button(Action a, const std::string& key, bool primary = false)
{
    return {a, {key, {}}, primary, true};
}

inline std::string run_command(const std::string& command)
{
    std::string out;
    if (FILE* p = ::popen(command.c_str(), "r")) {
        char buf[256];
        while (std::fgets(buf, sizeof buf, p))
            out += buf;
        ::pclose(p);
    }
    return out;
}

inline bool wait_for_file(const std::filesystem::path& file, std::chrono::milliseconds timeout = 10s)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (std::filesystem::exists(file) && std::filesystem::file_size(file) > 0) {
            std::this_thread::sleep_for(100ms); // let the writer finish
            return true;
        }
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

inline SDL_Point centre(const SDL_Rect& r)
{
    return {r.x + r.w / 2, r.y + r.h / 2};
}

class FrontEndOnXvfb : public ::testing::Test {
public:
    // A screen the layout fits exactly.
    static cv::Size screen_for(Layout layout) { return layout == Layout::Portrait ? cv::Size(1080, 1920) : cv::Size(1920, 1080); }

protected:
    void SetUp() override
    {
        for (const char* program : {"Xvfb", "xdotool"})
            if (!kiosk::test::XvfbDisplay::program_available(program))
                GTEST_SKIP() << program << " not installed (tools/setup/install-deps installs it)";
        // "Walk/0" for a parameterised test: one screenshot folder, not two.
        std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
        std::replace(test.begin(), test.end(), '/', '-');
        shots_ = screenshot_root() / test;
    }
    void TearDown() override { stop(); }

    // The front end showing the script's views and posting to it.
    void start(Layout layout, const StillFeed& feed, cv::Size screen)
    {
        start(layout, feed, screen, [this] { return script_.view(); }, [this](Event e) { script_.post(std::move(e)); });
    }

    void start(Layout layout, const StillFeed& feed, cv::Size screen, kiosk::ui::FrontEnd::ViewSource view,
               kiosk::ui::FrontEnd::EventSink post)
    {
        xvfb_ = std::make_unique<kiosk::test::XvfbDisplay>(screen.width, screen.height);
        kiosk::ui::FrontEndOptions options;
        options.layout = layout;
        options.fullscreen = false;
        options.config_dir = kiosk::config_dir();
        options.screenshot_dir = shots_;
        front_end_ = std::make_unique<kiosk::ui::FrontEnd>(options, feed, std::move(view), std::move(post));
        running_ = true;
        ui_thread_ = std::thread([this] {
            try {
                front_end_->run();
            } catch (const std::exception& e) {
                run_error_ = e.what();
            }
            running_ = false;
        });
        // SDL may replace its first window by one that suits its renderer,
        // under the same name: a window that vanishes before it is measured
        // is looked for again.
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        std::string geometry;
        int w = 0, h = 0;
        while (h == 0 && running_ && std::chrono::steady_clock::now() < deadline) {
            window_ = run_command("xdotool search --name '^kiosk$' 2>/dev/null | head -1");
            while (!window_.empty() && window_.back() == '\n')
                window_.pop_back();
            if (!window_.empty()) {
                geometry = run_command("xdotool getwindowgeometry " + window_ + " 2>&1");
                if (const auto at = geometry.find("Geometry: "); at != std::string::npos)
                    std::sscanf(geometry.c_str() + at, "Geometry: %dx%d", &w, &h);
            }
            if (h == 0)
                std::this_thread::sleep_for(50ms);
        }
        ASSERT_FALSE(window_.empty()) << "the kiosk window did not appear; " << run_error_;
        ASSERT_GT(h, 0) << "the kiosk window could not be measured: " << geometry;
        settings_ = kiosk::ui::load_ui_settings(kiosk::config_dir(), layout);
        scale_ = static_cast<double>(h) / settings_.metrics.height;
    }

    void stop()
    {
        if (!front_end_)
            return;
        front_end_->quit();
        if (ui_thread_.joinable())
            ui_thread_.join();
        front_end_.reset();
        xvfb_.reset();
    }

    // A real X click at a point of the layout.
    void click(SDL_Point p)
    {
        const int x = static_cast<int>(p.x * scale_), y = static_cast<int>(p.y * scale_);
        run_command("xdotool mousemove --window " + window_ + " " + std::to_string(x) + " " + std::to_string(y) +
                    " click 1");
        std::this_thread::sleep_for(60ms); // a finger's pace: at least one frame between touches
    }

    kiosk::ui::ScreenLayout layout_of(const ViewModel& v, std::size_t candidates = 0,
                                      std::optional<SDL_Point> preview = std::nullopt) const
    {
        const kiosk::ui::KeyboardKeys* keys = nullptr;
        for (const auto& f : v.fields)
            if (v.focused_field == f.field)
                keys = &settings_.keyboards.at(f.keyboard);
        return kiosk::ui::lay_out({v, settings_.metrics, keys, candidates, preview});
    }

    SDL_Point key_point(const kiosk::ui::ScreenLayout& layout, const std::string& character) const
    {
        for (const auto& cap : layout.keys)
            if (!cap.key.special && cap.key.character == character)
                return centre(cap.rect);
        ADD_FAILURE() << "no key " << character;
        return {0, 0};
    }

    std::filesystem::path shot(int n, Step step) const
    {
        char name[64];
        std::snprintf(name, sizeof name, "%02d-%s.png", n, std::string(kiosk::session::to_string(step)).c_str());
        return shots_ / name;
    }

    // Where the screenshots go, one folder per test: by default the test's
    // temporary folder, or the one KIOSK_UI_SCREENSHOTS names (they may show
    // a real face, so they are kept only when asked for).
    virtual std::filesystem::path screenshot_root() const
    {
        const char* keep = std::getenv("KIOSK_UI_SCREENSHOTS");
        return keep && *keep ? std::filesystem::path(keep) : dir_.path();
    }

    kiosk::test::TestFolder dir_{"kiosk-ui-test"};
    std::filesystem::path shots_;
    Script script_;
    std::unique_ptr<kiosk::test::XvfbDisplay> xvfb_;
    std::unique_ptr<kiosk::ui::FrontEnd> front_end_;
    std::thread ui_thread_;
    std::atomic<bool> running_{false};
    std::string run_error_;
    std::string window_;
    kiosk::ui::UiSettings settings_;
    double scale_ = 1;
};

} // namespace kiosk::ui_test
