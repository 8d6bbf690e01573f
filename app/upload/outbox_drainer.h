#pragma once

#include "upload/outbox.h"
#include "upload/review_client.h"

namespace kiosk::upload {

// Sends every submission that is due by `now`, one after another, and
// records each answer in the outbox (acknowledged, or failed with backoff).
// Returns how many were acknowledged. Each is attempted at most once per
// call, since a failure moves its next attempt past `now`.
int drain_due(Outbox& outbox, const ReviewClient& client, WallClock::time_point now);

} // namespace kiosk::upload
