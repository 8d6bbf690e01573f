#pragma once

#include <string>

#include <sys/types.h>

namespace kiosk::test {

// A private X server (Xvfb) for one test: it picks a free display number
// itself (-displayfd), so tests running in parallel never collide, and DISPLAY
// points at it until the fixture ends.
class XvfbDisplay {
public:
    // Throws std::runtime_error when Xvfb is missing or does not start.
    XvfbDisplay(int width, int height);
    ~XvfbDisplay();
    XvfbDisplay(const XvfbDisplay&) = delete;
    XvfbDisplay& operator=(const XvfbDisplay&) = delete;

    // ":<n>"
    const std::string& name() const { return name_; }

    // Whether a program is on PATH (Xvfb, xdotool), for a clear skip.
    static bool program_available(const std::string& program);

private:
    pid_t pid_ = -1;
    std::string name_;
    std::string previous_display_;
    bool had_display_ = false;
};

} // namespace kiosk::test
