#include "pin_prompt.h"

#include <cstdio>
#include <iostream>

#include <termios.h>
#include <unistd.h>

namespace kiosk::ctl {

std::string read_pin(const char* prompt)
{
    const bool terminal = ::isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (terminal) {
        std::fprintf(stderr, "%s", prompt);
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string pin;
    std::getline(std::cin, pin);
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
    }
    if (!pin.empty() && pin.back() == '\r')
        pin.pop_back();
    return pin;
}

} // namespace kiosk::ctl
