#include "e2e/touch_screen.h"

#include <thread>

#include "support/shell_command.h"

namespace kiosk::test {

TouchScreen::TouchScreen(const WindowGeometry& window, const ui::LayoutMetrics& metrics)
    : window_(window),
      scale_x_(static_cast<double>(window.width) / metrics.width),
      scale_y_(static_cast<double>(window.height) / metrics.height)
{
}

void TouchScreen::touch(SDL_Point p) const
{
    const auto s = on_screen(p);
    click_on_screen(s.x, s.y);
    std::this_thread::sleep_for(kFingerPace);
}

void TouchScreen::hold(SDL_Point p, std::chrono::milliseconds how_long) const
{
    const auto s = on_screen(p);
    press_on_screen(s.x, s.y, how_long);
    std::this_thread::sleep_for(kFingerPace);
}

cv::Rect TouchScreen::pixels(const SDL_Rect& r) const
{
    const auto a = on_screen({r.x, r.y});
    const auto b = on_screen({r.x + r.w, r.y + r.h});
    return {a.x, a.y, b.x - a.x, b.y - a.y};
}

SDL_Point TouchScreen::on_screen(SDL_Point p) const
{
    return {window_.x + static_cast<int>(p.x * scale_x_), window_.y + static_cast<int>(p.y * scale_y_)};
}

bool wait_for_screenshot(const std::filesystem::path& folder, const std::string& step,
                         std::chrono::milliseconds timeout)
{
    using namespace std::chrono_literals;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (std::filesystem::is_directory(folder))
            for (const auto& entry : std::filesystem::directory_iterator(folder))
                if (entry.path().filename().string().ends_with("-" + step + ".png"))
                    return true;
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

std::string touch_screen_missing()
{
    for (const char* program : {"Xvfb", "xdotool", "umockdev-run"})
        if (!have_program(program))
            return std::string(program) + " is not installed (tools/setup/install-deps installs it)";
    return "";
}

} // namespace kiosk::test
