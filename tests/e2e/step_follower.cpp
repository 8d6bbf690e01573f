#include "e2e/step_follower.h"

#include <fstream>
#include <iterator>
#include <thread>

namespace kiosk::test {

namespace {

constexpr std::chrono::milliseconds kPoll{20};

} // namespace

void StepFollower::read_new_lines()
{
    std::ifstream in(file_, std::ios::binary);
    if (!in)
        return;
    in.seekg(static_cast<std::streamoff>(consumed_));
    const std::string fresh((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto now = Clock::now();
    // Only whole lines: the kiosk may be half-way through writing the next.
    std::size_t start = 0;
    for (auto end = fresh.find('\n'); end != std::string::npos; end = fresh.find('\n', start)) {
        lines_.push_back({fresh.substr(start, end - start), now});
        start = end + 1;
    }
    consumed_ += start;
}

bool StepFollower::wait_for(const std::string& line, std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        if (newest() == line)
            return true;
        if (Clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(kPoll);
    }
}

bool StepFollower::wait_for_step(const std::string& step, std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        if (newest().starts_with(step + " "))
            return true;
        if (Clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(kPoll);
    }
}

std::string StepFollower::newest()
{
    read_new_lines();
    return lines_.empty() ? std::string() : lines_.back().line;
}

const std::vector<StepFollower::Seen>& StepFollower::lines()
{
    read_new_lines();
    return lines_;
}

} // namespace kiosk::test
