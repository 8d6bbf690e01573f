#include "health/metrics_registry.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace kiosk::health {

namespace {

// std::atomic<double> has no fetch_add before C++20's library support is
// complete everywhere; a compare-exchange loop is what it would do anyway.
void atomic_add(std::atomic<double>& target, double delta)
{
    double current = target.load(std::memory_order_relaxed);
    while (!target.compare_exchange_weak(current, current + delta, std::memory_order_relaxed)) {
    }
}

} // namespace

const char* metric_type_name(MetricType type)
{
    switch (type) {
    case MetricType::Counter: return "counter";
    case MetricType::Gauge: return "gauge";
    case MetricType::Histogram: return "histogram";
    }
    return "untyped";
}

void check_metric_name(const std::string& name, bool label)
{
    // The exposition format's grammar: [a-zA-Z_:][a-zA-Z0-9_:]* for metrics;
    // labels may not use ':' and names starting "__" are reserved.
    const auto allowed = [label](char c, bool first) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!label && c == ':');
        return letter || (!first && c >= '0' && c <= '9');
    };
    bool ok = !name.empty() && !(label && name.rfind("__", 0) == 0);
    for (std::size_t i = 0; ok && i < name.size(); ++i)
        ok = allowed(name[i], i == 0);
    if (!ok)
        throw InputError(std::string(label ? "label" : "metric") + " name '" + name + "' is not valid");
}

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), buckets_(new std::atomic<std::uint64_t>[bounds_.size() + 1])
{
    check_bounds(bounds_);
    for (std::size_t i = 0; i <= bounds_.size(); ++i)
        buckets_[i].store(0, std::memory_order_relaxed);
}

void Histogram::check_bounds(const std::vector<double>& bounds)
{
    if (bounds.empty())
        throw InputError("a histogram needs at least one bucket bound");
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        if (!std::isfinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            throw InputError("histogram bucket bounds must be finite and increasing");
    }
}

void Histogram::observe(double value)
{
    const auto bucket = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
    buckets_[static_cast<std::size_t>(bucket)].fetch_add(1, std::memory_order_relaxed);
    atomic_add(sum_, value);
}

Histogram::Snapshot Histogram::snapshot() const
{
    Snapshot snapshot;
    snapshot.bounds = bounds_;
    std::uint64_t running = 0;
    for (std::size_t i = 0; i <= bounds_.size(); ++i) {
        running += buckets_[i].load(std::memory_order_relaxed);
        snapshot.cumulative.push_back(running);
    }
    // Read without a lock, the sum may include an observation the buckets do
    // not yet show; a scrape tolerates that, the count stays consistent.
    snapshot.count = running;
    snapshot.sum = sum_.load(std::memory_order_relaxed);
    return snapshot;
}

MetricsRegistry::Series& MetricsRegistry::series(const std::string& name, const std::string& help, MetricType type,
                                                 const Labels& labels, const std::vector<double>& bounds)
{
    check_metric_name(name);
    std::vector<std::string> label_names;
    for (const auto& [label, value] : labels) {
        check_metric_name(label, true);
        if (type == MetricType::Histogram && label == "le")
            throw InputError("metric " + name + ": label 'le' is reserved for histogram buckets");
        label_names.push_back(label);
    }

    auto [it, added] = families_.try_emplace(name);
    Family& family = it->second;
    if (added) {
        family.name = name;
        family.help = help;
        family.type = type;
        family.label_names = label_names;
        if (type == MetricType::Histogram)
            histogram_bounds_[name] = bounds;
    } else {
        if (family.type != type)
            throw InputError("metric " + name + " is already a " + metric_type_name(family.type));
        if (family.label_names != label_names)
            throw InputError("metric " + name + " is registered with other label names");
        if (type == MetricType::Histogram && histogram_bounds_[name] != bounds)
            throw InputError("metric " + name + " is registered with other bucket bounds");
    }
    for (Series& existing : family.series) {
        if (existing.labels == labels)
            return existing;
    }
    family.series.push_back(Series{labels});
    return family.series.back();
}

Counter& MetricsRegistry::counter(const std::string& name, const std::string& help, const Labels& labels)
{
    std::lock_guard lock(mutex_);
    Series& found = series(name, help, MetricType::Counter, labels);
    if (!found.counter)
        found.counter = &counters_.emplace_back();
    return *found.counter;
}

Gauge& MetricsRegistry::gauge(const std::string& name, const std::string& help, const Labels& labels)
{
    std::lock_guard lock(mutex_);
    Series& found = series(name, help, MetricType::Gauge, labels);
    if (!found.gauge)
        found.gauge = &gauges_.emplace_back();
    return *found.gauge;
}

Histogram& MetricsRegistry::histogram(const std::string& name, const std::string& help,
                                      const std::vector<double>& bounds, const Labels& labels)
{
    std::lock_guard lock(mutex_);
    // Checked before the family is touched, so bad bounds leave no empty family behind.
    Histogram::check_bounds(bounds);
    Series& found = series(name, help, MetricType::Histogram, labels, bounds);
    if (!found.histogram)
        found.histogram = &histograms_.emplace_back(bounds);
    return *found.histogram;
}

std::vector<MetricsRegistry::Family> MetricsRegistry::collect() const
{
    std::lock_guard lock(mutex_);
    std::vector<Family> families;
    for (const auto& [name, family] : families_)
        families.push_back(family);
    return families;
}

std::vector<std::string> MetricsRegistry::names() const
{
    std::lock_guard lock(mutex_);
    std::vector<std::string> names;
    for (const auto& [name, family] : families_)
        names.push_back(name);
    return names;
}

} // namespace kiosk::health
