// What reporting into the health metrics costs the components that do it
// (the frame loop observes latency on every frame), and what one scrape of
// /metrics costs the io_context thread.
#include <thread>

#include <benchmark/benchmark.h>

#include "health/kiosk_metrics.h"
#include "health/prometheus_text.h"

namespace {

using namespace kiosk::health;

const std::vector<double> latency_bounds = {0.005, 0.01, 0.02, 0.033, 0.05, 0.1, 0.25, 0.5, 1.0};

void CounterAdd(benchmark::State& state)
{
    static MetricsRegistry registry;
    Counter& counter = registry.counter("kiosk_bench_total", "Bench.");
    for (auto _ : state)
        counter.add();
    benchmark::DoNotOptimize(counter.value());
}
BENCHMARK(CounterAdd)->Threads(1)->Threads(2);

void LatencyObserve(benchmark::State& state)
{
    static MetricsRegistry registry;
    Histogram& latency = registry.histogram("kiosk_bench_seconds", "Bench.", latency_bounds);
    double seconds = 0.0;
    for (auto _ : state) {
        latency.observe(seconds);
        seconds = seconds > 0.3 ? 0.0 : seconds + 0.0037;
    }
}
BENCHMARK(LatencyObserve)->Threads(1)->Threads(2);

// A whole /metrics body for a kiosk that has seen every check fail and a
// few abandonment reasons: about the size a real kiosk serves.
void RenderKioskMetrics(benchmark::State& state)
{
    MetricsRegistry registry;
    KioskMetrics metrics(registry, latency_bounds, "0.1.0");
    for (const char* check : {"face_count", "face_size", "face_centered", "yaw", "pitch", "roll", "eyes_open",
                              "mouth_closed", "expression_neutral", "glasses", "lens_glare", "head_covering",
                              "hair_accessory", "hair_over_eyebrows", "ears_visible", "earrings", "necklace",
                              "face_shadow", "face_hotspot", "background_uniform", "background_shadow", "exposure",
                              "sharpness", "colour_cast"})
        metrics.check_failures(check).add(3);
    for (const char* reason : {"timeout", "walked_away", "cancelled"})
        metrics.sessions_abandoned(reason).add();
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string text = render_prometheus_text(registry);
        bytes = text.size();
        benchmark::DoNotOptimize(text.data());
    }
    state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(RenderKioskMetrics)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
