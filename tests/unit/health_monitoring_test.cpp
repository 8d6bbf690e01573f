// config/monitoring must speak of metrics the kiosk really serves: every
// kiosk_* name in the alert rules is checked against the names KioskMetrics
// registers, and promtool checks and unit-tests the rules themselves.
#include <filesystem>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "health/kiosk_metrics.h"
#include "support/shell_command.h"

namespace kiosk::health {
namespace {

using test::CommandResult;
using test::read_text_file;
using test::run_command;

const std::filesystem::path monitoring_dir = std::filesystem::path(KIOSK_SOURCE_DIR) / "config/monitoring";

// The series names a scrape of the registry can carry: every family, and a
// histogram's _bucket, _sum and _count.
std::set<std::string> served_names(const MetricsRegistry& registry)
{
    std::set<std::string> names;
    for (const auto& family : registry.collect()) {
        names.insert(family.name);
        if (family.type == MetricType::Histogram) {
            for (const char* suffix : {"_bucket", "_sum", "_count"})
                names.insert(family.name + suffix);
        }
    }
    return names;
}

// kiosk_* names in `text` that the registry does not serve.
std::set<std::string> unknown_metrics(const std::string& text, const std::set<std::string>& served)
{
    std::set<std::string> unknown;
    static const std::regex metric(R"(\bkiosk_[a-zA-Z0-9_:]*)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), metric); it != std::sregex_iterator(); ++it) {
        if (!served.count(it->str()))
            unknown.insert(it->str());
    }
    return unknown;
}

class MonitoringRules : public ::testing::Test {
protected:
    MetricsRegistry registry_;
    KioskMetrics metrics_{registry_, {0.01, 0.1}, "test"};
};

TEST_F(MonitoringRules, EveryKioskMetricInTheRulesIsServed)
{
    const std::string rules = read_text_file(monitoring_dir / "kiosk-alerts.yml");
    ASSERT_FALSE(rules.empty());
    EXPECT_EQ(unknown_metrics(rules, served_names(registry_)), std::set<std::string>{});
    // Read the same way, the rule unit tests must feed real names too, or they would test a fiction.
    EXPECT_EQ(unknown_metrics(read_text_file(monitoring_dir / "kiosk-alerts.test.yml"), served_names(registry_)),
              std::set<std::string>{});
}

TEST_F(MonitoringRules, ADriftedNameIsCaught)
{
    const std::string drifted = "expr: kiosk_printer_paper_empty == 1 or kiosk_live_frame_latency_seconds_bucket > 0";
    EXPECT_EQ(unknown_metrics(drifted, served_names(registry_)), std::set<std::string>{"kiosk_printer_paper_empty"});
}

TEST_F(MonitoringRules, TheOperatorsAlertsAreThere)
{
    const std::string rules = read_text_file(monitoring_dir / "kiosk-alerts.yml");
    for (const char* alert : {"KioskPrinterOutOfPaper", "KioskOutboxBackingUp", "KioskNotReady", "KioskCameraFault"})
        EXPECT_NE(rules.find(std::string("alert: ") + alert), std::string::npos) << alert;
}

TEST_F(MonitoringRules, PromtoolChecksAndTestsTheRules)
{
    if (!test::have_program("promtool"))
        GTEST_SKIP() << "promtool not installed (Debian package prometheus)";
    const std::string dir = monitoring_dir.string();
    const CommandResult check = run_command("promtool check rules " + dir + "/kiosk-alerts.yml");
    EXPECT_EQ(check.status, 0) << check.output;
    // The rule tests name their rule file relative to themselves.
    const CommandResult tests = run_command("cd " + dir + " && promtool test rules kiosk-alerts.test.yml");
    EXPECT_EQ(tests.status, 0) << tests.output;
    EXPECT_NE(tests.output.find("SUCCESS"), std::string::npos) << tests.output;
    // The token file named in the sample exists only on the Prometheus server, so syntax only.
    const CommandResult config = run_command("promtool check config --syntax-only " + dir + "/prometheus.yml");
    EXPECT_EQ(config.status, 0) << config.output;
}

} // namespace
} // namespace kiosk::health
