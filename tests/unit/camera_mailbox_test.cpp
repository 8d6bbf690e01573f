#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "camera/frame_mailbox.h"

namespace kiosk::camera {
namespace {

using namespace std::chrono_literals;

std::shared_ptr<const Frame> frame_with(std::uint64_t sequence)
{
    auto frame = std::make_shared<Frame>();
    frame->sequence = sequence;
    return frame;
}

TEST(FrameMailbox, LatestWinsAndUnseenFramesCountAsDropped)
{
    FrameMailbox box;
    EXPECT_EQ(box.latest(), nullptr);
    box.post(frame_with(1));
    box.post(frame_with(2));
    box.post(frame_with(3));
    ASSERT_NE(box.latest(), nullptr);
    EXPECT_EQ(box.latest()->sequence, 3u);
    EXPECT_EQ(box.posted(), 3u);
    EXPECT_EQ(box.dropped(), 2u);
}

TEST(FrameMailbox, AFrameSomeoneReadIsNotDroppedWhenReplaced)
{
    FrameMailbox box;
    box.post(frame_with(1));
    ASSERT_NE(box.latest(), nullptr);
    box.post(frame_with(2));
    EXPECT_EQ(box.dropped(), 0u);
}

TEST(FrameMailbox, WaitNewerTimesOutWithoutANewerFrame)
{
    FrameMailbox box;
    box.post(frame_with(7));
    EXPECT_EQ(box.wait_newer(7, 20ms), nullptr);
    const auto frame = box.wait_newer(6, 20ms);
    ASSERT_NE(frame, nullptr);
    EXPECT_EQ(frame->sequence, 7u);
}

TEST(FrameMailbox, WaitNewerWakesWhenTheCameraPosts)
{
    FrameMailbox box;
    box.post(frame_with(1));
    std::thread camera([&] {
        std::this_thread::sleep_for(30ms);
        box.post(frame_with(2));
    });
    const auto frame = box.wait_newer(1, 5s);
    camera.join();
    ASSERT_NE(frame, nullptr);
    EXPECT_EQ(frame->sequence, 2u);
}

TEST(FrameMailbox, ABusyConsumerGetsTheNewestFrameNotTheOldest)
{
    FrameMailbox box;
    for (std::uint64_t s = 1; s <= 5; ++s)
        box.post(frame_with(s));
    const auto frame = box.wait_any(0ms);
    ASSERT_NE(frame, nullptr);
    EXPECT_EQ(frame->sequence, 5u);
    EXPECT_EQ(box.dropped(), 4u);
}

TEST(FrameMailbox, ClearEmptiesTheSlotAndCounters)
{
    FrameMailbox box;
    box.post(frame_with(1));
    box.post(frame_with(2));
    box.clear();
    EXPECT_EQ(box.latest(), nullptr);
    EXPECT_EQ(box.posted(), 0u);
    EXPECT_EQ(box.dropped(), 0u);
}

// A fast camera and a slow consumer: however long the consumer dawdles, the
// frames alive at any moment stay bounded (the consumer's, the slot's and the
// one being filled) and every frame it takes is newer than the last.
TEST(FrameMailbox, ASlowConsumerNeverMakesFramesPileUp)
{
    FrameMailbox box;
    std::atomic<int> alive{0};
    std::atomic<int> most_alive{0};
    std::atomic<bool> done{false};
    constexpr std::uint64_t kFrames = 5000;

    std::thread camera([&] {
        for (std::uint64_t s = 1; s <= kFrames; ++s) {
            const int now = ++alive;
            int seen = most_alive.load();
            while (now > seen && !most_alive.compare_exchange_weak(seen, now)) {
            }
            auto* raw = new Frame;
            raw->sequence = s;
            box.post(std::shared_ptr<const Frame>(raw, [&alive](const Frame* f) {
                --alive;
                delete f;
            }));
        }
        done = true;
    });

    std::uint64_t last = 0;
    int taken = 0;
    while (!done || last < kFrames) {
        auto frame = box.wait_newer(last, 1s);
        if (!frame)
            break;
        EXPECT_GT(frame->sequence, last);
        last = frame->sequence;
        ++taken;
        std::this_thread::sleep_for(1ms);   // the slow part: vision takes its time
    }
    camera.join();

    EXPECT_EQ(last, kFrames) << "the consumer must end on the newest frame";
    EXPECT_LE(most_alive.load(), 3);
    EXPECT_EQ(box.posted(), kFrames);
    // Whatever the consumer did not take was dropped, not queued.
    EXPECT_EQ(box.dropped() + static_cast<std::uint64_t>(taken), kFrames);
}

} // namespace
} // namespace kiosk::camera
