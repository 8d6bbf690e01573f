// kioskctl fleet against health endpoints in this process on loopback: real
// HealthEndpoints in distinct states, a kiosk that accepts and never answers,
// a refused port, a refused token and a garbage /metrics body; first through
// the poller and report in process, then through the built kioskctl program.
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "command.h"
#include "fleet_inventory.h"
#include "fleet_poller.h"
#include "fleet_report.h"
#include "fleet_status.h"
#include "support/health_kiosks.h"
#include "support/test_folder.h"

namespace kiosk::ctl {
namespace {

namespace http = boost::beast::http;
using namespace std::chrono_literals;
using test::FleetInventoryFile;
using test::HealthKioskFleet;

// Answers /readyz as a ready kiosk would and /metrics with `metrics_body`:
// the one kiosk here that is not a real endpoint, because a real one cannot
// be made to serve a broken body.
class CannedKiosk {
public:
    explicit CannedKiosk(std::string metrics_body)
        : acceptor_(io_, {boost::asio::ip::address_v4::loopback(), 0}), metrics_body_(std::move(metrics_body))
    {
        thread_ = std::thread([this] { serve(); });
    }
    ~CannedKiosk()
    {
        boost::system::error_code ignored;
        acceptor_.close(ignored);
        thread_.join();
    }
    unsigned short port() const { return acceptor_.local_endpoint().port(); }

private:
    void serve()
    {
        boost::system::error_code error;
        boost::asio::ip::tcp::socket socket(io_);
        acceptor_.accept(socket, error);
        if (error)
            return;
        boost::beast::flat_buffer buffer;
        for (;;) {
            http::request<http::string_body> request;
            http::read(socket, buffer, request, error);
            if (error)
                return;
            http::response<http::string_body> response(http::status::ok, 11);
            response.body() = request.target() == "/readyz" ? R"({"ready":true,"reasons":{}})" : metrics_body_;
            response.prepare_payload();
            http::write(socket, response, error);
            if (error)
                return;
        }
    }

    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::string metrics_body_;
    std::thread thread_;
};

class FleetStatusTest : public testing::Test {
protected:
    FleetSettings settings(std::chrono::milliseconds timeout = 2000ms, int parallel = 8) const
    {
        FleetSettings s;
        s.timeout = timeout;
        s.parallel = parallel;
        return s;
    }

    std::vector<KioskStatus> poll(const std::filesystem::path& inventory, const FleetSettings& s) const
    {
        const auto kiosks = load_fleet_inventory(inventory, s.min_token_chars);
        const auto answers = poll_fleet(kiosks, s);
        std::vector<KioskStatus> statuses;
        for (std::size_t i = 0; i < kiosks.size(); ++i)
            statuses.push_back(summarise(kiosks[i], answers[i]));
        return statuses;
    }

    struct Run {
        int exit_code = -1;
        std::string out;
        std::string err;
    };

    // The built kioskctl, stdout and stderr kept apart.
    Run kioskctl(const std::string& args) const
    {
        const auto err_file = folder_.path() / "stderr.txt";
        const std::string command = "'" + std::string(KIOSKCTL_BIN) + "' " + args + " 2>'" + err_file.string() + "'";
        Run run;
        FILE* pipe = ::popen(command.c_str(), "r");
        std::array<char, 4096> chunk{};
        while (pipe && std::fgets(chunk.data(), chunk.size(), pipe))
            run.out += chunk.data();
        const int status = pipe ? ::pclose(pipe) : -1;
        run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        std::ifstream err(err_file);
        run.err.assign(std::istreambuf_iterator<char>(err), {});
        return run;
    }

    kiosk::test::TestFolder folder_{"kiosk-fleet"};
};

// Four real endpoints in four states, reported part by part.
TEST_F(FleetStatusTest, DistinctKioskStatesAreReportedPartByPart)
{
    HealthKioskFleet fleet;
    auto& ready = fleet.add_kiosk("0.1.0");
    ready.readiness.clear("kiosk");
    ready.metrics.printer_up.set(1);
    ready.metrics.camera_up.set(1);
    ready.metrics.controller_up.set(1);
    ready.registry.gauge("kiosk_last_session_end_timestamp_seconds", "When a visit last ended.").set(1.7e9);

    auto& paper_out = fleet.add_kiosk("0.1.0");
    paper_out.readiness.clear("kiosk");
    paper_out.readiness.block("printer", "paper_out");
    paper_out.metrics.printer_up.set(1);
    paper_out.metrics.printer_paper_out.set(1);
    paper_out.metrics.camera_up.set(1);
    paper_out.metrics.controller_up.set(1);

    auto& camera_gone = fleet.add_kiosk("0.2.0");
    camera_gone.readiness.clear("kiosk");
    camera_gone.readiness.block("camera", "absent");
    camera_gone.metrics.camera_fault.set(1);
    camera_gone.metrics.printer_up.set(1);
    camera_gone.metrics.controller_up.set(0);
    camera_gone.metrics.controller_faults.add(3);
    camera_gone.metrics.outbox_pending.set(3);
    camera_gone.metrics.outbox_oldest_pending_age.set(4200);

    auto& starting = fleet.add_kiosk("0.2.0");   // still blocked by "kiosk: starting"
    fleet.start();

    FleetInventoryFile inventory(folder_.path());
    inventory.add("cy-01", "朝阳区政务服务中心", FleetInventoryFile::url(ready.endpoint.port()));
    inventory.add("cy-02", "朝阳区政务服务中心", FleetInventoryFile::url(paper_out.endpoint.port()));
    inventory.add("hd-01", "Haidian hall", FleetInventoryFile::url(camera_gone.endpoint.port()));
    inventory.add("hd-02", "Haidian hall", FleetInventoryFile::url(starting.endpoint.port()));
    const auto statuses = poll(inventory.write(), settings());
    ASSERT_EQ(statuses.size(), 4u);

    EXPECT_EQ(statuses[0].state, KioskState::Ready);
    EXPECT_TRUE(statuses[0].error.empty()) << statuses[0].error;
    EXPECT_EQ(statuses[0].printer_up, true);
    EXPECT_EQ(statuses[0].paper_out, false);
    EXPECT_EQ(statuses[0].version, "0.1.0");
    EXPECT_EQ(statuses[0].last_session_end_s, 1.7e9);

    EXPECT_EQ(statuses[1].state, KioskState::NotReady);
    EXPECT_EQ(statuses[1].reasons, (std::map<std::string, std::string>{{"printer", "paper_out"}}));
    EXPECT_EQ(statuses[1].paper_out, true);
    EXPECT_FALSE(statuses[1].last_session_end_s) << "0 means no visit yet";

    EXPECT_EQ(statuses[2].state, KioskState::NotReady);
    EXPECT_EQ(statuses[2].reasons.at("camera"), "absent");
    EXPECT_EQ(statuses[2].camera_fault, true);
    EXPECT_EQ(statuses[2].controller_up, false);
    EXPECT_EQ(statuses[2].controller_faults, 3);
    EXPECT_EQ(statuses[2].outbox_pending, 3);
    EXPECT_EQ(statuses[2].outbox_oldest_age_s, 4200);
    EXPECT_EQ(statuses[2].version, "0.2.0");

    EXPECT_EQ(statuses[3].state, KioskState::NotReady);
    EXPECT_EQ(statuses[3].reasons.at("kiosk"), "starting");
    EXPECT_EQ(fleet_outcome(statuses), FleetOutcome::SomeNotReady);

    const std::string table = fleet_table(statuses, std::chrono::system_clock::from_time_t(1'700'000'300));
    std::printf("%s", table.c_str());
    EXPECT_NE(table.find("printer: paper_out"), std::string::npos);
    EXPECT_NE(table.find("up, paper out"), std::string::npos);
    EXPECT_NE(table.find("down (3 faults)"), std::string::npos);
    EXPECT_NE(table.find("3, oldest 70 min"), std::string::npos);
    EXPECT_NE(table.find("5 min ago"), std::string::npos);
    EXPECT_NE(table.find("fault"), std::string::npos);
}

TEST_F(FleetStatusTest, UnreachableAndUnusableKiosksSayWhyWithoutHoldingUpTheOthers)
{
    HealthKioskFleet fleet;
    auto& ready = fleet.add_kiosk();
    ready.readiness.clear("kiosk");
    auto& wrong_token = fleet.add_kiosk();
    auto& silent = fleet.add_silent();
    fleet.start();
    CannedKiosk garbage("kiosk_ready{ 1\n");

    FleetInventoryFile inventory(folder_.path());
    inventory.add("ready", "A", FleetInventoryFile::url(ready.endpoint.port()));
    inventory.add("silent", "A", FleetInventoryFile::url(silent.port()));
    inventory.add("refused", "B", FleetInventoryFile::url(test::refused_port()));
    inventory.add("wrong-token", "B", FleetInventoryFile::url(wrong_token.endpoint.port()),
                  "another-token-that-this-kiosk-never-issued");
    inventory.add("garbage", "C", FleetInventoryFile::url(garbage.port()));
    const auto statuses = poll(inventory.write(), settings(1500ms));
    for (const auto& s : statuses)
        std::printf("%-12s %-12s %5lld ms  %s\n", s.name.c_str(), state_name(s.state),
                    static_cast<long long>(s.took.count()), s.error.c_str());

    EXPECT_EQ(statuses[0].state, KioskState::Ready);
    EXPECT_LT(statuses[0].took, 1000ms) << "the silent kiosk must not hold up the others";

    EXPECT_EQ(statuses[1].state, KioskState::Unreachable);
    EXPECT_EQ(statuses[1].error, "timeout after 1500 ms waiting for /readyz");
    EXPECT_GE(statuses[1].took, 1500ms);
    EXPECT_LT(statuses[1].took, 2500ms);

    EXPECT_EQ(statuses[2].state, KioskState::Unreachable);
    EXPECT_EQ(statuses[2].error, "connection refused");

    EXPECT_EQ(statuses[3].state, KioskState::Failed);
    EXPECT_NE(statuses[3].error.find("unauthorised (HTTP 401)"), std::string::npos) << statuses[3].error;
    EXPECT_FALSE(statuses[3].ready);

    EXPECT_EQ(statuses[4].state, KioskState::Ready) << "/readyz was fine";
    EXPECT_NE(statuses[4].error.find("/metrics is not Prometheus text: line 1"), std::string::npos)
        << statuses[4].error;
    EXPECT_FALSE(statuses[4].printer_up);
    EXPECT_EQ(fleet_outcome(statuses), FleetOutcome::SomeUnreachable);

    const auto json = fleet_json(statuses);
    EXPECT_EQ(json["summary"]["unreachable"], 2);
    EXPECT_EQ(json["summary"]["error"], 1);
    EXPECT_EQ(json["kiosks"][1]["ready"], nullptr);
    EXPECT_EQ(json["kiosks"][2]["error"], "connection refused");
    EXPECT_EQ(json["outcome"], "some_unreachable");
}

// Six inventory entries for one listener that never answers, polled three at
// a time: three connections at once, the fourth only when the first gives up.
TEST_F(FleetStatusTest, ParallelismIsBounded)
{
    HealthKioskFleet fleet;
    auto& silent = fleet.add_silent();
    fleet.start();
    FleetInventoryFile inventory(folder_.path());
    for (int i = 0; i < 6; ++i)
        inventory.add("k" + std::to_string(i), "A", FleetInventoryFile::url(silent.port()));

    const auto started = std::chrono::steady_clock::now();
    const auto statuses = poll(inventory.write(), settings(300ms, 3));
    const auto took = std::chrono::steady_clock::now() - started;
    const auto accepted = silent.accept_times();
    ASSERT_EQ(accepted.size(), 6u);
    EXPECT_LT(accepted[2] - accepted[0], 250ms) << "the first three together";
    EXPECT_GE(accepted[3] - accepted[0], 250ms) << "the fourth waits for a slot";
    EXPECT_GE(took, 600ms) << "two rounds of three";
    for (const auto& s : statuses)
        EXPECT_EQ(s.error, "timeout after 300 ms waiting for /readyz");
}

TEST_F(FleetStatusTest, KioskctlPrintsTheTableAndExitsByTheWorstKiosk)
{
    HealthKioskFleet fleet;
    auto& ready = fleet.add_kiosk("0.1.0");
    ready.readiness.clear("kiosk");
    ready.metrics.printer_up.set(1);
    auto& not_ready = fleet.add_kiosk("0.1.0");
    not_ready.readiness.clear("kiosk");
    not_ready.readiness.block("printer", "stopped");
    fleet.start();

    FleetInventoryFile all_ready(folder_.path() / "a");
    all_ready.add("cy-01", "朝阳区政务服务中心", FleetInventoryFile::url(ready.endpoint.port()));
    const Run good = kioskctl("fleet status --inventory '" + all_ready.write().string() + "'");
    std::printf("%s", good.out.c_str());
    EXPECT_EQ(good.exit_code, 0) << good.err;
    EXPECT_NE(good.out.find("cy-01  朝阳区政务服务中心  yes"), std::string::npos) << good.out;

    FleetInventoryFile one_down(folder_.path() / "b");
    one_down.add("cy-01", "A", FleetInventoryFile::url(ready.endpoint.port()));
    one_down.add("cy-02", "A", FleetInventoryFile::url(not_ready.endpoint.port()));
    const Run down = kioskctl("fleet status --inventory '" + one_down.write().string() + "' --json");
    EXPECT_EQ(down.exit_code, kExitFleetNotReady) << down.err;
    const auto json = nlohmann::json::parse(down.out);   // stdout is the JSON document alone
    EXPECT_EQ(json["kiosks"][1]["reasons"]["printer"], "stopped");
    EXPECT_EQ(json["summary"]["not_ready"], 1);
    EXPECT_NE(down.err.find("1 not ready"), std::string::npos) << down.err;

    one_down.add("gone", "B", FleetInventoryFile::url(test::refused_port()));
    const Run gone = kioskctl("fleet status --inventory '" + one_down.write().string() + "' --timeout-ms 800");
    std::printf("%s", gone.out.c_str());
    EXPECT_EQ(gone.exit_code, kExitFleetUnreachable) << gone.err;
    EXPECT_NE(gone.out.find("unreachable  connection refused"), std::string::npos) << gone.out;

    std::ofstream(folder_.path() / "bad.toml") << "[[kiosk]]\nname = \"x\"\nhall = \"A\"\nurl = \"http://127.0.0.1\"\n";
    const Run bad = kioskctl("fleet status --inventory '" + (folder_.path() / "bad.toml").string() + "'");
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("bad.toml:4: kiosk 1 (x): url"), std::string::npos) << bad.err;
    EXPECT_TRUE(bad.out.empty());

    EXPECT_EQ(kioskctl("fleet status").exit_code, 2);
    EXPECT_EQ(kioskctl("fleet status --inventory x.toml --parallel 0").exit_code, 2);
    const Run help = kioskctl("fleet --help");
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("[[kiosk]]"), std::string::npos);
    EXPECT_NE(help.out.find("Exit status"), std::string::npos);
}

} // namespace
} // namespace kiosk::ctl
