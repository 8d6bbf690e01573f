// Controller events wrapped by post_events_to run on the io_context's thread,
// in order, and not before the context runs them.
#include <chrono>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <gtest/gtest.h>

#include "core/paths.h"
#include "lightseat/posting_event_handler.h"
#include "lightseat/simulated_lightseat_controller.h"
#include "support/controller_event_log.h"

namespace kiosk::lightseat {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

SimulatedLightSeatController make_controller()
{
    return SimulatedLightSeatController(ControllerSettings::load(config_dir() / "lightseat" / "controller.json"),
                                        BoardSettings::load(config_dir() / "lightseat" / "board.json"));
}

// Runs `io` on this thread until `done` holds or `limit` passes.
template <typename Done>
bool run_until(boost::asio::io_context& io, Done done, std::chrono::milliseconds limit)
{
    const auto give_up = Clock::now() + limit;
    while (!done() && Clock::now() < give_up)
        io.run_one_for(10ms);
    return done();
}

TEST(PostingEventHandler, EventsRunOnTheIoContextThreadInOrder)
{
    boost::asio::io_context io;
    std::vector<ControllerEvent> seen;
    std::vector<std::thread::id> threads;
    auto controller = make_controller();
    controller.set_event_handler(post_events_to(io.get_executor(), [&](const ControllerEvent& e) {
        seen.push_back(e);
        threads.push_back(std::this_thread::get_id());
    }));
    controller.start();
    const auto give_up = Clock::now() + 2s;
    while (controller.state() != ControllerState::Ready && Clock::now() < give_up)
        std::this_thread::sleep_for(5ms);
    ASSERT_EQ(controller.state(), ControllerState::Ready);
    controller.act_on_board([](BoardModel& b) { b.set_occupied(true); });
    std::this_thread::sleep_for(100ms);
    EXPECT_TRUE(seen.empty()) << "nothing runs on the driver's thread";

    ASSERT_TRUE(run_until(io, [&] { return seen.size() >= 4; }, 2s));
    EXPECT_TRUE(state_is(ControllerState::Searching)(seen[0]));
    EXPECT_TRUE(state_is(ControllerState::Initialising)(seen[1]));
    EXPECT_TRUE(state_is(ControllerState::Ready)(seen[2]));
    ASSERT_TRUE(is<OccupancyChanged>(seen[3]));
    EXPECT_TRUE(std::get<OccupancyChanged>(seen[3]).occupied);
    for (const auto id : threads)
        EXPECT_EQ(id, std::this_thread::get_id());
    controller.stop();
}

TEST(PostingEventHandler, AReactionOnTheIoContextMayStopTheController)
{
    // Forbidden on the driver's own thread (stop() joins it); allowed once
    // the event has been posted to the kiosk's thread.
    boost::asio::io_context io;
    auto guard = boost::asio::make_work_guard(io);
    std::thread kiosk_thread([&io] { io.run(); });
    auto controller = make_controller();
    EventLog log;
    controller.set_event_handler(
        post_events_to(boost::asio::make_strand(io), [&](const ControllerEvent& e) {
            log.add(e);
            if (is<OccupancyChanged>(e))
                controller.stop();
        }));
    controller.start();
    ASSERT_TRUE(log.wait_for(state_is(ControllerState::Ready), 2s));
    controller.act_on_board([](BoardModel& b) { b.set_occupied(true); });
    EXPECT_TRUE(log.wait_for(state_is(ControllerState::Stopped), 2s));
    EXPECT_EQ(controller.state(), ControllerState::Stopped);
    guard.reset();
    kiosk_thread.join();
}

} // namespace
} // namespace kiosk::lightseat
