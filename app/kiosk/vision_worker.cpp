#include "kiosk/vision_worker.h"

#include <spdlog/spdlog.h>

namespace kiosk::runtime {

VisionWorker::VisionWorker(const camera::FrameMailbox& frames, const vision::Models& models, EventSink sink,
                           std::chrono::milliseconds wait)
    : frames_(frames), models_(models), sink_(std::move(sink)), wait_(wait)
{
}

VisionWorker::~VisionWorker()
{
    stop();
}

void VisionWorker::start()
{
    std::lock_guard lock(mutex_);
    if (thread_.joinable())
        return;
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void VisionWorker::stop()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

void VisionWorker::use_spec(const spec::DocumentSpec& spec)
{
    {
        std::lock_guard lock(mutex_);
        order_.emplace(spec);
    }
    changed_.notify_all();
}

void VisionWorker::forget()
{
    {
        std::lock_guard lock(mutex_);
        order_.emplace(std::nullopt);
    }
    changed_.notify_all();
}

void VisionWorker::run()
{
    std::unique_ptr<vision::LiveAssessor> assessor;
    std::uint64_t last_sequence = 0;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            if (!assessor)
                changed_.wait(lock, [this] { return stopping_ || order_; });
            if (stopping_)
                return;
            if (order_) {
                const auto order = std::move(*order_);
                order_.reset();
                lock.unlock();
                // A new assessor per document: its spec is fixed and its track starts empty.
                assessor.reset();
                try {
                    if (order)
                        assessor = std::make_unique<vision::LiveAssessor>(models_, *order);
                } catch (const std::exception& e) {
                    spdlog::error("vision: cannot judge spec {}: {}", order->id, e.what());
                }
                continue;
            }
        }
        const auto frame = frames_.wait_newer(last_sequence, wait_);
        if (!frame)
            continue;
        last_sequence = frame->sequence;
        try {
            assessor->use_plate(plate_.load());
            sink_(session::LiveAssessment{assessor->assess(frame->image), frame->timestamp, frame->sequence});
        } catch (const std::exception& e) {
            // One unusable frame; the next one gets its chance.
            spdlog::warn("vision: frame {} could not be judged: {}", frame->sequence, e.what());
        }
    }
}

} // namespace kiosk::runtime
