#include "camera/frame_mailbox.h"

namespace kiosk::camera {

void FrameMailbox::post(std::shared_ptr<const Frame> frame)
{
    std::shared_ptr<const Frame> replaced;
    {
        std::lock_guard lock(mutex_);
        if (slot_ && !taken_)
            ++dropped_;
        // The old frame is released outside the lock: freeing a large image
        // must not hold up a consumer that is waiting for the new one.
        replaced = std::move(slot_);
        slot_ = std::move(frame);
        taken_ = false;
        ++posted_;
    }
    changed_.notify_all();
}

std::shared_ptr<const Frame> FrameMailbox::latest() const
{
    std::lock_guard lock(mutex_);
    if (slot_)
        taken_ = true;
    return slot_;
}

std::shared_ptr<const Frame> FrameMailbox::wait_newer(std::uint64_t after_sequence,
                                                      std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(mutex_);
    const bool ready = changed_.wait_for(lock, timeout, [&] { return slot_ && slot_->sequence > after_sequence; });
    if (!ready)
        return nullptr;
    taken_ = true;
    return slot_;
}

std::shared_ptr<const Frame> FrameMailbox::wait_any(std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, timeout, [&] { return slot_ != nullptr; }))
        return nullptr;
    taken_ = true;
    return slot_;
}

std::uint64_t FrameMailbox::dropped() const
{
    std::lock_guard lock(mutex_);
    return dropped_;
}

std::uint64_t FrameMailbox::posted() const
{
    std::lock_guard lock(mutex_);
    return posted_;
}

void FrameMailbox::clear()
{
    std::shared_ptr<const Frame> released;
    {
        std::lock_guard lock(mutex_);
        released = std::move(slot_);
        taken_ = false;
        posted_ = 0;
        dropped_ = 0;
    }
}

} // namespace kiosk::camera
