#pragma once

#include <string>

#include "health/metrics_registry.h"

namespace kiosk::health {

// The Content-Type of the text exposition format, version 0.0.4.
inline constexpr const char* prometheus_content_type = "text/plain; version=0.0.4; charset=utf-8";

// Every family as "# HELP", "# TYPE" and its samples; a histogram as its
// _bucket series (cumulative, le="+Inf" last), _sum and _count.
std::string render_prometheus_text(const MetricsRegistry& registry);

} // namespace kiosk::health
