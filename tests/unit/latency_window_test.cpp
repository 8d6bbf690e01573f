// The latency summary both the session loop (camera frame to guidance
// published) and the screen (to the overlay drawn) keep.
#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "core/latency_window.h"

namespace {

using kiosk::LatencyWindow;
using std::chrono::microseconds;

TEST(LatencyWindow, SummarisesWithNearestRankPercentiles)
{
    LatencyWindow window(100);
    EXPECT_EQ(window.summary().count, 0u);
    for (int ms = 10; ms >= 1; --ms)
        window.add(microseconds(ms * 1000));
    const auto s = window.summary();
    EXPECT_EQ(s.count, 10u);
    EXPECT_EQ(s.median, microseconds(5000));
    EXPECT_EQ(s.p90, microseconds(9000));
    EXPECT_EQ(s.max, microseconds(10000));
}

TEST(LatencyWindow, KeepsOnlyTheNewestSamples)
{
    LatencyWindow window(3);
    for (int us : {100, 100, 100, 1, 2, 3})
        window.add(microseconds(us));
    const auto s = window.summary();
    EXPECT_EQ(s.count, 3u);
    EXPECT_EQ(s.max, microseconds(3));
    EXPECT_EQ(s.median, microseconds(2));
}

TEST(LatencyWindow, AWindowOfNothingStillKeepsOne)
{
    LatencyWindow window(0);
    window.add(microseconds(7));
    window.add(microseconds(9));
    EXPECT_EQ(window.summary().count, 1u);
    EXPECT_EQ(window.summary().max, microseconds(9));
}

// The session adds on its thread while a report summarises on another: every
// summary is of whole samples, never a torn or half-grown window.
TEST(LatencyWindow, AddsAndSummariesFromTwoThreads)
{
    LatencyWindow window(64);
    std::atomic<bool> reading{false};
    std::atomic<bool> done{false};
    // On a loaded machine the adder could finish before the reader ran at all.
    std::thread adder([&] {
        while (!reading)
            std::this_thread::yield();
        for (int i = 0; i < 200'000; ++i)
            window.add(microseconds(1000 + i % 50));
        done = true;
    });
    do {
        reading = true;
        const auto s = window.summary();
        EXPECT_LE(s.count, 64u);
        if (s.count > 0) {
            EXPECT_GE(s.median, microseconds(1000));
            EXPECT_LE(s.max, microseconds(1049));
        }
    } while (!done);
    adder.join();
    EXPECT_EQ(window.summary().count, 64u);
}

} // namespace
