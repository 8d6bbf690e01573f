#include "upload/outbox_drainer.h"

#include <spdlog/spdlog.h>

namespace kiosk::upload {

int drain_due(Outbox& outbox, const ReviewClient& client, WallClock::time_point now)
{
    int acknowledged = 0;
    while (auto due = outbox.next_due(now)) {
        const auto& number = due->submission.receipt_number;
        const auto attempt = client.send(due->submission);
        if (attempt.acknowledged) {
            outbox.record_acknowledged(due->entry, WallClock::now());
            ++acknowledged;
        } else {
            // Receipt numbers are printed on the slip and carry no personal data.
            spdlog::warn("upload of {} failed (attempt {}): {}", number, due->failures + 1, attempt.error);
            outbox.record_failure(due->entry, attempt.error, now);
        }
    }
    return acknowledged;
}

} // namespace kiosk::upload
