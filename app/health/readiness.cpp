#include "health/readiness.h"

namespace kiosk::health {

Readiness::Readiness(Gauge& ready_gauge) : reasons_{{"kiosk", "starting"}}, ready_gauge_(ready_gauge)
{
    ready_gauge_.set(0);
}

void Readiness::block(const std::string& source, const std::string& reason)
{
    std::lock_guard lock(mutex_);
    reasons_[source] = reason;
    ready_gauge_.set(0);
}

void Readiness::clear(const std::string& source)
{
    std::lock_guard lock(mutex_);
    reasons_.erase(source);
    ready_gauge_.set(reasons_.empty() ? 1 : 0);
}

Readiness::State Readiness::state() const
{
    std::lock_guard lock(mutex_);
    return State{reasons_.empty(), reasons_};
}

} // namespace kiosk::health
