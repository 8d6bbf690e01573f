#include "e2e/studio_board.h"

#include <regex>
#include <sstream>
#include <thread>
#include <vector>

namespace kiosk::test {

namespace {

// The console's answer to "status": "lights 600/600/700 seat 450 mm (target
// 450, motion 0) occupied yes faults none".
const std::regex kStatusLine(R"(^lights (\d+)/(\d+)/(\d+) seat (\d+) mm .* occupied (yes|no) .*)");

std::vector<BoardReading> status_answers(const std::string& output)
{
    std::vector<BoardReading> readings;
    std::istringstream lines(output);
    std::smatch match;
    for (std::string line; std::getline(lines, line);) {
        if (!std::regex_match(line, match, kStatusLine))
            continue;
        BoardReading r;
        r.lights.key_left = static_cast<std::uint16_t>(std::stoi(match[1]));
        r.lights.key_right = static_cast<std::uint16_t>(std::stoi(match[2]));
        r.lights.background = static_cast<std::uint16_t>(std::stoi(match[3]));
        r.seat_mm = std::stoi(match[4]);
        r.occupied = match[5] == "yes";
        readings.push_back(r);
    }
    return readings;
}

} // namespace

std::optional<BoardReading> StudioBoard::read(std::chrono::milliseconds patience)
{
    simulator_.say("status");
    const auto deadline = std::chrono::steady_clock::now() + patience;
    for (;;) {
        const auto answers = status_answers(simulator_.out());
        if (answers.size() > answers_seen_) {
            answers_seen_ = answers.size();
            return answers.back();
        }
        if (std::chrono::steady_clock::now() > deadline)
            return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

} // namespace kiosk::test
