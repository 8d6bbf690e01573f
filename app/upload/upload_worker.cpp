#include "upload/upload_worker.h"

#include <spdlog/spdlog.h>

#include "upload/outbox_drainer.h"

namespace kiosk::upload {

UploadWorker::UploadWorker(Outbox& outbox, ReviewClient client, std::chrono::milliseconds housekeeping_interval)
    : outbox_(outbox), client_(std::move(client)), housekeeping_interval_(housekeeping_interval)
{
}

UploadWorker::~UploadWorker()
{
    stop();
}

void UploadWorker::start()
{
    std::lock_guard lock(mutex_);
    if (thread_.joinable())
        return;
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void UploadWorker::stop()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

void UploadWorker::wake()
{
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    changed_.notify_all();
}

void UploadWorker::run()
{
    for (;;) {
        try {
            outbox_.purge_expired(WallClock::now());
            drain_due(outbox_, client_, WallClock::now());
        } catch (const std::exception& e) {
            // The database or the disk failed; the outbox keeps its state,
            // so trying again at the next wake-up loses nothing.
            spdlog::error("upload worker: {}", e.what());
        }
        auto wake_at = WallClock::now() + housekeeping_interval_;
        try {
            if (const auto next = outbox_.next_attempt_at())
                wake_at = std::min(wake_at, *next);
        } catch (const std::exception& e) {
            spdlog::error("upload worker: {}", e.what());
        }
        std::unique_lock lock(mutex_);
        changed_.wait_until(lock, wake_at, [this] { return stopping_ || woken_; });
        if (stopping_)
            return;
        woken_ = false;
    }
}

} // namespace kiosk::upload
