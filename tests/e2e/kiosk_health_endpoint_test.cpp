// The running kiosk program's health endpoint, as a fleet's scraper sees it:
// `kiosk --demo --headless` (no script: it serves until SIGTERM) with its own
// health config on a free loopback port, printing through a real temporary
// cupsd whose queue starts paused. /readyz must name the stopped printer,
// then turn ready once the queue is resumed; /metrics must parse as the
// Prometheus text format and say the same; the token must be required.
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/kiosk_health_scrape.h"
#include "e2e/kiosk_run.h"
#include "health/exposition_parser.h"
#include "support/background_program.h"
#include "support/cupsd_fixture.h"
#include "support/faces.h"
#include "support/machine_load.h"
#include "support/review_server_process.h"
#include "support/test_folder.h"

namespace {

using namespace std::chrono;
using namespace kiosk::test;

const std::string token = "kiosk-health-e2e-token-0123456789abcdef";

class KioskHealthEndpoint : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::filesystem::create_directories(root_.path() / "health");
    }

    // The installed health config with this test's port, token and a quick poll.
    std::filesystem::path write_health_config(std::uint16_t port)
    {
        const auto file = write_kiosk_health_config(root_.path() / "health" / "health.json", port, "token.json");
        const auto token_file = root_.path() / "health" / "token.json";
        std::ofstream(token_file) << nlohmann::json{{"bearer_token", token}}.dump();
        std::filesystem::permissions(token_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        return file;
    }

    kiosk::test::TestFolder root_{"kiosk-health"};
};

// /readyz's body each time it changes, until `done` holds for it or `limit` passes.
std::vector<std::string> follow_readiness(std::uint16_t port, const std::function<bool(const nlohmann::json&)>& done,
                                          milliseconds limit)
{
    std::vector<std::string> seen;
    const auto until = steady_clock::now() + limit;
    while (steady_clock::now() < until) {
        try {
            const auto answer = scrape(port, "/readyz", token);
            if (seen.empty() || seen.back() != answer.body)
                seen.push_back(answer.body);
            if (done(nlohmann::json::parse(answer.body)))
                break;
        } catch (const std::runtime_error&) {
            // Not listening yet.
        }
        std::this_thread::sleep_for(milliseconds(20));
    }
    return seen;
}

double sample(const std::map<std::string, kiosk::health::ParsedFamily>& families, const std::string& name)
{
    const auto& samples = families.at(name).samples;
    EXPECT_EQ(samples.size(), 1u) << name;
    return samples.at(0).value;
}

TEST_F(KioskHealthEndpoint, AStoppedPrinterBlocksReadinessUntilItsQueueIsResumed)
{
    KIOSK_REQUIRE_FACES(faces);
    TemporaryCupsd cups;
    cups.add_queue("slips", "capture");
    cups.pause("slips");
    const auto printer = write_cups_printer_config(root_.path(), cups.host(), cups.port(), "slips");
    const auto port = free_loopback_port();
    const auto health = write_health_config(port);

    BackgroundProgram kiosk({KIOSK_BIN, "--demo", "--headless", "--state-dir", (root_.path() / "state").string(), "--faces",
                             faces.string(), "--health-config", health.string(), "--printer-config", printer.string()},
                            root_.path(), "kiosk");

    const auto blocked_by_printer_only = [](const nlohmann::json& body) {
        return body.value("reasons", nlohmann::json::object()) == nlohmann::json{{"printer", "queue-stopped"}};
    };
    auto transitions = follow_readiness(port, blocked_by_printer_only, seconds(60));
    ASSERT_FALSE(transitions.empty()) << kiosk.err();
    ASSERT_TRUE(blocked_by_printer_only(nlohmann::json::parse(transitions.back()))) << transitions.back() << "\n"
                                                                                   << kiosk.err();
    EXPECT_EQ(scrape(port, "/readyz", token).status, 503u);

    auto families = kiosk::health::ExpositionParser::parse(scrape(port, "/metrics", token).body);
    EXPECT_EQ(sample(families, "kiosk_ready"), 0);
    EXPECT_EQ(sample(families, "kiosk_printer_up"), 0);
    EXPECT_EQ(sample(families, "kiosk_printer_paper_out"), 0);
    EXPECT_EQ(sample(families, "kiosk_camera_up"), 1);

    cups.resume("slips");
    const auto ready = [](const nlohmann::json& body) { return body.value("ready", false); };
    const auto after = follow_readiness(port, ready, seconds(10));
    for (const auto& body : after)
        if (body != transitions.back())
            transitions.push_back(body);
    ASSERT_TRUE(ready(nlohmann::json::parse(transitions.back()))) << transitions.back();
    std::cout << "readiness transitions seen:\n";
    for (const auto& body : transitions)
        std::cout << "  " << body << "\n";

    families = kiosk::health::ExpositionParser::parse(scrape(port, "/metrics", token).body);
    EXPECT_EQ(sample(families, "kiosk_ready"), 1);
    EXPECT_EQ(sample(families, "kiosk_printer_up"), 1);
    EXPECT_EQ(sample(families, "kiosk_controller_up"), 1);
    EXPECT_EQ(sample(families, "kiosk_outbox_pending"), 0);
    EXPECT_GT(sample(families, "kiosk_disk_free_bytes"), 0);
    const double now_s = duration<double>(system_clock::now().time_since_epoch()).count();
    EXPECT_NEAR(sample(families, "kiosk_start_time_seconds"), now_s, 120);
    EXPECT_EQ(families.at("kiosk_build_info").samples.at(0).labels.at("version"), "0.1.0");

    // The scrape as Prometheus would time it, on the kiosk while it runs.
    std::vector<double> took_ms;
    for (int i = 0; i < 50; ++i)
        took_ms.push_back(duration<double, std::milli>(scrape(port, "/metrics", token).took).count());
    std::sort(took_ms.begin(), took_ms.end());
    std::cout << "/metrics scrape on the running kiosk (50 scrapes, load average " << load_average()
              << "): median " << took_ms[25] << " ms, p90 " << took_ms[45] << " ms, max " << took_ms.back() << " ms\n";

    EXPECT_EQ(scrape(port, "/healthz", "").status, 200u);
    EXPECT_EQ(scrape(port, "/metrics", "").status, 401u);
    EXPECT_EQ(scrape(port, "/readyz", "wrong-token-0123456789abcdef0123456789").status, 401u);

    kiosk.terminate();
    EXPECT_EQ(kiosk.wait(seconds(30)), 0) << kiosk.err();
    EXPECT_NE(kiosk.out().find("health endpoint: http://127.0.0.1:" + std::to_string(port)), std::string::npos)
        << kiosk.out();
    EXPECT_EQ(kiosk.err().find(token), std::string::npos);
    EXPECT_EQ(kiosk.out().find(token), std::string::npos);
}

TEST_F(KioskHealthEndpoint, AKioskWithoutItsTokenFileStopsWithAClearError)
{
    KIOSK_REQUIRE_FACES(faces);
    const auto health = write_health_config(free_loopback_port());
    std::filesystem::remove(root_.path() / "health" / "token.json");
    const auto run = run_program({KIOSK_BIN, "--demo", "--headless", "--state-dir", (root_.path() / "state").string(),
                                  "--faces", faces.string(), "--health-config", health.string()},
                                 root_.path(), seconds(60));
    EXPECT_EQ(run.status, 2);
    EXPECT_NE(run.err.find("token.json"), std::string::npos) << run.err;
}

} // namespace
