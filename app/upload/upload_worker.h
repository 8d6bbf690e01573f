#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "upload/outbox.h"
#include "upload/review_client.h"

namespace kiosk::upload {

// The outbox's own thread: sends what is due, sleeps until the next attempt
// is due (or `housekeeping_interval` passes, when it also deletes what has
// outlived its retention), and wakes at once when told a submission was added.
// An upload blocks only this thread, never the session or the screen.
class UploadWorker {
public:
    UploadWorker(Outbox& outbox, ReviewClient client, std::chrono::milliseconds housekeeping_interval);
    ~UploadWorker();
    UploadWorker(const UploadWorker&) = delete;
    UploadWorker& operator=(const UploadWorker&) = delete;

    void start();
    // Returns once the thread has finished its current attempt and exited.
    void stop();
    // Call after Outbox::add() so the new submission goes now, not at the next wake-up.
    void wake();

private:
    void run();

    Outbox& outbox_;
    ReviewClient client_;
    std::chrono::milliseconds housekeeping_interval_;
    std::mutex mutex_;
    std::condition_variable changed_;
    bool stopping_ = false;
    bool woken_ = false;
    std::thread thread_;
};

} // namespace kiosk::upload
