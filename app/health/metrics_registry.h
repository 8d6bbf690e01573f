#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kiosk::health {

enum class MetricType { Counter, Gauge, Histogram };

// The word the exposition format's TYPE line uses: "counter", "gauge", "histogram".
const char* metric_type_name(MetricType type);

// A value that only goes up (events seen since the kiosk started).
// Updates are one relaxed atomic add: cheap enough for the frame loop.
class Counter {
public:
    void add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
    std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> value_{0};
};

// A value that is set to what is true now (queue depth, a state as 0/1).
class Gauge {
public:
    void set(double value) { value_.store(value, std::memory_order_relaxed); }
    double value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<double> value_{0.0};
};

// Observations counted into fixed buckets, Prometheus style: bucket i counts
// observations <= bounds[i]; the +Inf bucket is the total count.
class Histogram {
public:
    explicit Histogram(std::vector<double> bounds);

    void observe(double value);

    // Throws InputError unless the bounds are finite, increasing and not empty.
    static void check_bounds(const std::vector<double>& bounds);

    struct Snapshot {
        std::vector<double> bounds;
        std::vector<std::uint64_t> cumulative;   // one per bound, then +Inf
        double sum = 0.0;
        std::uint64_t count = 0;
    };
    Snapshot snapshot() const;

private:
    std::vector<double> bounds_;
    // Per-bucket (not cumulative) counts, so an observation touches one slot.
    std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;
    std::atomic<double> sum_{0.0};
};

using Labels = std::map<std::string, std::string>;

// The kiosk's metrics: families (one name, one type, one help text, fixed
// label names) and their series (one per set of label values). Registering
// takes a lock; the returned Counter/Gauge/Histogram stays valid for the
// registry's life, so a component keeps the reference and updates it without
// any lock. Registering the same name again returns the existing series, so
// two components may report into one family.
class MetricsRegistry {
public:
    Counter& counter(const std::string& name, const std::string& help, const Labels& labels = {});
    Gauge& gauge(const std::string& name, const std::string& help, const Labels& labels = {});
    Histogram& histogram(const std::string& name, const std::string& help, const std::vector<double>& bounds,
                         const Labels& labels = {});

    struct Series {
        Labels labels;
        Counter* counter = nullptr;
        Gauge* gauge = nullptr;
        Histogram* histogram = nullptr;
    };
    struct Family {
        std::string name;
        std::string help;
        MetricType type;
        std::vector<std::string> label_names;
        std::vector<Series> series;   // in registration order
    };
    // A consistent list of families and series, sorted by name, for rendering.
    std::vector<Family> collect() const;

    // Every family name, sorted: what alert rules may refer to.
    std::vector<std::string> names() const;

private:
    // The series for `labels` in family `name`, created empty (no metric yet)
    // when new; throws InputError for a bad name or a clash with the family.
    Series& series(const std::string& name, const std::string& help, MetricType type, const Labels& labels,
                   const std::vector<double>& bounds = {});

    mutable std::mutex mutex_;
    std::map<std::string, Family> families_;
    std::map<std::string, std::vector<double>> histogram_bounds_;
    std::deque<Counter> counters_;
    std::deque<Gauge> gauges_;
    std::deque<Histogram> histograms_;
};

// Throws InputError unless `name` is a valid metric (or, with label=true, label) name.
void check_metric_name(const std::string& name, bool label = false);

} // namespace kiosk::health
