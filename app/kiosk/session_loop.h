#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "core/latency_window.h"
#include "session/session.h"

namespace kiosk::runtime {

// Runs the session on the io_context's one thread: every event, from
// whichever thread it comes, is posted there and handled in order; the
// commands the session answers with go to the executor on that same thread;
// after each event the new ViewModel is published with an atomic swap, so
// the UI (and the walk-up script) read it without ever waiting for the
// session.
// How many of the newest guidance latencies the report summarises: over two
// minutes of frames at 30 fps, a fixed 32 KB however long the kiosk runs.
inline constexpr std::size_t kGuidanceLatencyWindow = 4096;

class SessionLoop {
public:
    using CommandSink = std::function<void(const session::Command&)>;

    // Hears, on the io thread, what the loop does: the health metrics count
    // visits from it, and the systemd watchdog is fed from its ticks, so a
    // loop that hangs stops the pings.
    class Observer {
    public:
        virtual ~Observer() = default;
        virtual void handled(const session::Event& event, session::Step before, const session::ViewModel& after) = 0;
        // Capture of a live frame to its guidance being published.
        virtual void guidance_published(session::SteadyClock::duration latency) = 0;
        virtual void ticked(session::SteadyClock::time_point now) = 0;
    };

    SessionLoop(boost::asio::io_context& io, std::unique_ptr<session::Session> session, CommandSink execute);

    // Any thread.
    void post(session::Event event);
    // Sends a Tick every `period` from now on, on the io thread.
    void start_ticks(std::chrono::milliseconds period);
    void stop_ticks();
    // Before start_ticks; the observer must outlive the io_context's run.
    void observe(Observer& observer) { observer_ = &observer; }

    std::shared_ptr<const session::ViewModel> view() const { return view_.load(); }
    // Waits until a view newer than the `seen`-th is published, or `timeout`;
    // returns how many have been published.
    std::uint64_t wait_for_view(std::uint64_t seen, std::chrono::milliseconds timeout) const;

    // Camera capture time to the guidance it produced being published.
    LatencySummary guidance_latency() const { return guidance_latency_.summary(); }

private:
    void handle(const session::Event& event);
    void schedule_tick();

    boost::asio::io_context& io_;
    std::unique_ptr<session::Session> session_;
    CommandSink execute_;
    boost::asio::steady_timer tick_timer_;
    std::chrono::milliseconds tick_period_{0};
    bool ticking_ = false;
    Observer* observer_ = nullptr;

    std::atomic<std::shared_ptr<const session::ViewModel>> view_;
    mutable std::mutex published_mutex_;
    mutable std::condition_variable published_changed_;
    std::uint64_t published_ = 0;
    LatencyWindow guidance_latency_{kGuidanceLatencyWindow};
};

} // namespace kiosk::runtime
