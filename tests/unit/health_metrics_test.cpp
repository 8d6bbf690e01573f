#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>


#include <gtest/gtest.h>

#include "core/error.h"
#include "health/exposition_parser.h"
#include "health/kiosk_metrics.h"
#include "health/prometheus_text.h"
#include "support/shell_command.h"
#include "support/test_folder.h"

namespace kiosk::health {
namespace {

const ParsedSample& find_sample(const ParsedFamily& family, const std::string& name,
                                const std::map<std::string, std::string>& labels)
{
    for (const auto& sample : family.samples) {
        if (sample.name == name && sample.labels == labels)
            return sample;
    }
    throw std::runtime_error("no sample " + name);
}

TEST(HealthMetrics, CountersAndGaugesReadBackThroughAnIndependentParser)
{
    MetricsRegistry registry;
    registry.counter("kiosk_sessions_started_total", "Sessions started.").add(3);
    registry.counter("kiosk_check_failures_total", "By check.", {{"check", "yaw"}}).add(2);
    registry.counter("kiosk_check_failures_total", "By check.", {{"check", "glasses"}}).add();
    registry.gauge("kiosk_outbox_pending", "Waiting.").set(7);
    registry.gauge("kiosk_disk_free_bytes", "Free.").set(1.5e10);

    const auto families = ExpositionParser::parse(render_prometheus_text(registry));
    ASSERT_EQ(families.size(), 4u);
    EXPECT_EQ(families.at("kiosk_sessions_started_total").type, "counter");
    EXPECT_EQ(families.at("kiosk_sessions_started_total").help, "Sessions started.");
    EXPECT_EQ(families.at("kiosk_sessions_started_total").samples.at(0).value, 3);
    const auto& failures = families.at("kiosk_check_failures_total");
    EXPECT_EQ(find_sample(failures, "kiosk_check_failures_total", {{"check", "yaw"}}).value, 2);
    EXPECT_EQ(find_sample(failures, "kiosk_check_failures_total", {{"check", "glasses"}}).value, 1);
    EXPECT_EQ(families.at("kiosk_outbox_pending").type, "gauge");
    EXPECT_EQ(families.at("kiosk_outbox_pending").samples.at(0).value, 7);
    EXPECT_EQ(families.at("kiosk_disk_free_bytes").samples.at(0).value, 1.5e10);
}

TEST(HealthMetrics, HelpAndLabelValuesAreEscaped)
{
    MetricsRegistry registry;
    const std::string help = "A back\\slash and a\nsecond line, \"quoted\".";
    const std::string value = "C:\\state \"new\"\nline 打印机";
    registry.gauge("kiosk_odd", help, {{"path", value}}).set(1);

    const std::string text = render_prometheus_text(registry);
    // Nothing the text carries may break the one-sample-a-line layout.
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3);
    const auto families = ExpositionParser::parse(text);
    EXPECT_EQ(families.at("kiosk_odd").help, help);
    EXPECT_EQ(families.at("kiosk_odd").samples.at(0).labels.at("path"), value);
}

TEST(HealthMetrics, HistogramBucketsAreCumulativeWithInfSumAndCount)
{
    MetricsRegistry registry;
    Histogram& latency = registry.histogram("kiosk_live_frame_latency_seconds", "Latency.", {0.01, 0.05, 0.1},
                                            {{"stage", "guidance"}});
    for (double seconds : {0.004, 0.01, 0.02, 0.05, 0.07, 0.3, 2.0})
        latency.observe(seconds);

    const auto families = ExpositionParser::parse(render_prometheus_text(registry));
    const auto& family = families.at("kiosk_live_frame_latency_seconds");
    EXPECT_EQ(family.type, "histogram");
    const auto bucket = [&](const std::string& le) {
        return find_sample(family, "kiosk_live_frame_latency_seconds_bucket", {{"stage", "guidance"}, {"le", le}}).value;
    };
    // An observation equal to a bound belongs to that bound's bucket (le: less or equal).
    EXPECT_EQ(bucket("0.01"), 2);
    EXPECT_EQ(bucket("0.05"), 4);
    EXPECT_EQ(bucket("0.1"), 5);
    EXPECT_EQ(bucket("+Inf"), 7);
    EXPECT_EQ(find_sample(family, "kiosk_live_frame_latency_seconds_count", {{"stage", "guidance"}}).value, 7);
    EXPECT_NEAR(find_sample(family, "kiosk_live_frame_latency_seconds_sum", {{"stage", "guidance"}}).value, 2.454,
                1e-12);
}

TEST(HealthMetrics, ConcurrentUpdatesLoseNothing)
{
    MetricsRegistry registry;
    constexpr int threads = 4;
    constexpr int per_thread = 100000;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&registry, t] {
            // Every thread registers the same series itself, as components do.
            Counter& frames = registry.counter("kiosk_frames_total", "Frames.");
            Histogram& latency = registry.histogram("kiosk_latency_seconds", "Latency.", {0.5});
            Gauge& last = registry.gauge("kiosk_last", "Last.", {{"thread", std::to_string(t)}});
            for (int i = 0; i < per_thread; ++i) {
                frames.add();
                latency.observe(i % 2 == 0 ? 0.25 : 1.0);
                last.set(i);
            }
        });
    }
    for (auto& worker : workers)
        worker.join();

    const auto families = ExpositionParser::parse(render_prometheus_text(registry));
    EXPECT_EQ(families.at("kiosk_frames_total").samples.at(0).value, threads * per_thread);
    const auto& latency = families.at("kiosk_latency_seconds");
    EXPECT_EQ(find_sample(latency, "kiosk_latency_seconds_bucket", {{"le", "0.5"}}).value, threads * per_thread / 2);
    EXPECT_EQ(find_sample(latency, "kiosk_latency_seconds_count", {}).value, threads * per_thread);
    EXPECT_DOUBLE_EQ(find_sample(latency, "kiosk_latency_seconds_sum", {}).value, threads * per_thread * 0.625);
    EXPECT_EQ(families.at("kiosk_last").samples.size(), static_cast<std::size_t>(threads));
}

TEST(HealthMetrics, MisuseIsRefusedWithTheReason)
{
    MetricsRegistry registry;
    registry.counter("kiosk_a_total", "A.", {{"check", "yaw"}});
    EXPECT_THROW(registry.counter("1bad", "Bad."), InputError);
    EXPECT_THROW(registry.counter("kiosk-dash", "Bad."), InputError);
    EXPECT_THROW(registry.counter("kiosk_b_total", "Bad.", {{"__reserved", "x"}}), InputError);
    EXPECT_THROW(registry.counter("kiosk_b_total", "Bad.", {{"a:b", "x"}}), InputError);
    EXPECT_THROW(registry.gauge("kiosk_a_total", "Same name, other type.", {{"check", "yaw"}}), InputError);
    EXPECT_THROW(registry.counter("kiosk_a_total", "Other labels.", {{"reason", "x"}}), InputError);
    EXPECT_THROW(registry.histogram("kiosk_h", "Empty.", {}), InputError);
    EXPECT_THROW(registry.histogram("kiosk_h", "Not increasing.", {0.1, 0.1}), InputError);
    EXPECT_THROW(registry.histogram("kiosk_h", "Reserved label.", {0.1}, {{"le", "x"}}), InputError);
    registry.histogram("kiosk_h", "Good.", {0.1, 0.2});
    EXPECT_THROW(registry.histogram("kiosk_h", "Other bounds.", {0.1, 0.3}), InputError);
    // Refused registrations leave no half-made family behind.
    EXPECT_EQ(registry.names(), (std::vector<std::string>{"kiosk_a_total", "kiosk_h"}));
    EXPECT_NO_THROW(ExpositionParser::parse(render_prometheus_text(registry)));
}

TEST(HealthMetrics, TheParserRejectsWhatAScraperWould)
{
    // The parser must be able to fail, or passing it proves nothing.
    EXPECT_THROW(ExpositionParser::parse("kiosk_a 1"), std::runtime_error);
    EXPECT_THROW(ExpositionParser::parse("kiosk_a{x=\"1} 1\n"), std::runtime_error);
    EXPECT_THROW(ExpositionParser::parse("kiosk_a one\n"), std::runtime_error);
    EXPECT_THROW(ExpositionParser::parse("# TYPE kiosk_a counter\nkiosk_a -1\n"), std::runtime_error);
    EXPECT_THROW(ExpositionParser::parse("kiosk_a 1\n# TYPE kiosk_a gauge\n"), std::runtime_error);
    EXPECT_THROW(ExpositionParser::parse("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n"
                                         "h_count 1\n"),
                 std::runtime_error);
    EXPECT_THROW(ExpositionParser::parse("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n"), std::runtime_error);
}

TEST(HealthMetrics, KioskMetricsAreAllPresentAtZeroAndKioskPrefixed)
{
    MetricsRegistry registry;
    KioskMetrics metrics(registry, {0.01, 0.033, 0.1, 0.25}, "0.1.0");
    metrics.sessions_abandoned("walked_away").add();
    metrics.check_failures("lens_glare").add();
    metrics.live_frame_latency.observe(0.02);

    const auto families = ExpositionParser::parse(render_prometheus_text(registry));
    for (const std::string& name : registry.names()) {
        EXPECT_EQ(name.rfind("kiosk_", 0), 0u) << name;
        ASSERT_TRUE(families.count(name)) << name;
        EXPECT_FALSE(families.at(name).help.empty()) << name;
        EXPECT_FALSE(families.at(name).samples.empty()) << name;
    }
    EXPECT_EQ(find_sample(families.at("kiosk_build_info"), "kiosk_build_info", {{"version", "0.1.0"}}).value, 1);
    EXPECT_EQ(find_sample(families.at("kiosk_sessions_abandoned_total"), "kiosk_sessions_abandoned_total",
                          {{"reason", "walked_away"}})
                  .value,
              1);
    EXPECT_GT(families.at("kiosk_start_time_seconds").samples.at(0).value, 1.7e9);
}

// promtool (Debian's prometheus package) lints the output as Prometheus
// itself would read it: names, suffixes, HELP, the histogram layout.
TEST(HealthMetrics, PromtoolAcceptsTheKioskMetrics)
{
    if (!test::have_program("promtool"))
        GTEST_SKIP() << "promtool not installed (Debian package prometheus)";
    MetricsRegistry registry;
    KioskMetrics metrics(registry, {0.01, 0.033, 0.1, 0.25}, "0.1.0");
    metrics.live_frame_latency.observe(0.02);

    const kiosk::test::TestFolder folder("kiosk-metrics");
    const auto file = folder.path() / "metrics.txt";
    std::ofstream(file) << render_prometheus_text(registry);
    const test::CommandResult lint = test::run_command("promtool check metrics < " + file.string());
    EXPECT_EQ(lint.status, 0) << lint.output;
    EXPECT_EQ(lint.output, "");
}

} // namespace
} // namespace kiosk::health
