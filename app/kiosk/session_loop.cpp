#include "kiosk/session_loop.h"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

namespace kiosk::runtime {

SessionLoop::SessionLoop(boost::asio::io_context& io, std::unique_ptr<session::Session> session,
                         CommandSink execute)
    : io_(io), session_(std::move(session)), execute_(std::move(execute)), tick_timer_(io),
      view_(session_->view())
{
}

void SessionLoop::post(session::Event event)
{
    boost::asio::post(io_, [this, event = std::move(event)] { handle(event); });
}

void SessionLoop::start_ticks(std::chrono::milliseconds period)
{
    boost::asio::post(io_, [this, period] {
        tick_period_ = period;
        ticking_ = true;
        schedule_tick();
    });
}

void SessionLoop::stop_ticks()
{
    boost::asio::post(io_, [this] {
        ticking_ = false;
        tick_timer_.cancel();
    });
}

void SessionLoop::schedule_tick()
{
    tick_timer_.expires_after(tick_period_);
    tick_timer_.async_wait([this](const boost::system::error_code& error) {
        if (error || !ticking_)
            return;
        const auto now = session::SteadyClock::now();
        handle(session::Tick{now});
        if (observer_)
            observer_->ticked(now);
        schedule_tick();
    });
}

void SessionLoop::handle(const session::Event& event)
{
    std::vector<session::Command> commands;
    const auto before = view_.load()->step;
    try {
        commands = session_->handle(event);
    } catch (const std::exception& e) {
        // The session is pure logic; an exception is a bug. The event is
        // dropped and the visit goes on with the state it had.
        spdlog::error("session: event {} refused: {}", event.index(), e.what());
        return;
    }
    const auto after = session_->view();
    view_.store(after);
    if (const auto* live = std::get_if<session::LiveAssessment>(&event); live && after->guide) {
        const auto latency = session::SteadyClock::now() - live->frame_time;
        guidance_latency_.add(std::chrono::duration_cast<std::chrono::microseconds>(latency));
        if (observer_)
            observer_->guidance_published(latency);
    }
    if (observer_)
        observer_->handled(event, before, *after);
    {
        std::lock_guard lock(published_mutex_);
        ++published_;
    }
    published_changed_.notify_all();
    for (const auto& command : commands)
        execute_(command);
}

std::uint64_t SessionLoop::wait_for_view(std::uint64_t seen, std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(published_mutex_);
    published_changed_.wait_for(lock, timeout, [&] { return published_ > seen; });
    return published_;
}

} // namespace kiosk::runtime
