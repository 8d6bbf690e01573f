// Issue 8's must-show for operators: `kioskctl fleet status` against real
// kiosk programs (`kiosk --demo --headless`, serving until stopped), each on
// its own loopback port with its own health config and token: one ready, one
// whose printer is a real cupsd queue that is stopped, one SIGKILLed just
// before the poll. The table must say so kiosk by kiosk, and the exit status
// must be the unreachable one.
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <thread>

#include <sys/wait.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "command.h"
#include "core/durable_file.h"
#include "e2e/kiosk_run.h"
#include "fleet_inventory.h"
#include "fleet_poller.h"
#include "fleet_status.h"
#include "support/background_program.h"
#include "support/cupsd_fixture.h"
#include "support/faces.h"
#include "support/health_kiosks.h"
#include "support/machine_load.h"
#include "support/review_server_process.h"
#include "support/test_folder.h"

namespace kiosk::ctl {
namespace {

using namespace std::chrono;
using test::BackgroundProgram;
using test::FleetInventoryFile;

class FleetLiveTest : public testing::Test {
protected:
    // The shipped health config on `port`, its token file the inventory's own
    // for this kiosk (so kiosk and operator hold the same token), readiness
    // looked at every 200 ms.
    std::filesystem::path write_health_config(const std::string& name, std::uint16_t port)
    {
        return test::write_kiosk_health_config(root_.path() / name / "health.json", port,
                                               root_.path() / "fleet" / "tokens" / (name + ".json"));
    }

    std::unique_ptr<BackgroundProgram> start_kiosk(const std::string& name, std::uint16_t port,
                                                   const std::filesystem::path& faces,
                                                   const std::optional<std::filesystem::path>& printer_config = {})
    {
        std::vector<std::string> args{KIOSK_BIN,          "--demo",        "--headless",
                                      "--state-dir",      (root_.path() / name / "state").string(),
                                      "--faces",          faces.string(),  "--health-config",
                                      write_health_config(name, port).string()};
        if (printer_config) {
            args.push_back("--printer-config");
            args.push_back(printer_config->string());
        }
        return std::make_unique<BackgroundProgram>(args, root_.path() / name, "kiosk");
    }

    struct Run {
        int exit_code = -1;
        std::string out;
        std::string err;
    };

    Run kioskctl(const std::string& args) const
    {
        const auto err_file = root_.path() / "kioskctl.err";
        const std::string command = "'" + std::string(KIOSKCTL_BIN) + "' " + args + " 2>'" + err_file.string() + "'";
        Run run;
        FILE* pipe = ::popen(command.c_str(), "r");
        char chunk[4096];
        while (pipe && std::fgets(chunk, sizeof chunk, pipe))
            run.out += chunk;
        const int status = pipe ? ::pclose(pipe) : -1;
        run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        run.err = read_whole_file(err_file);
        return run;
    }

    kiosk::test::TestFolder root_{"kiosk-fleet-live"};
};

TEST_F(FleetLiveTest, TheTableShowsAReadyKioskAStoppedPrinterAndAKilledKiosk)
{
    KIOSK_REQUIRE_FACES(faces);
    test::TemporaryCupsd cups;
    cups.add_queue("slips", "capture");
    cups.pause("slips");
    const auto stopped_printer = test::write_cups_printer_config(root_.path() / "cy-02", cups.host(), cups.port(), "slips");

    const std::map<std::string, std::uint16_t> ports{
        {"cy-01", test::free_loopback_port()}, {"cy-02", test::free_loopback_port()}, {"hd-01", test::free_loopback_port()}};
    FleetInventoryFile inventory(root_.path() / "fleet");
    inventory.add("cy-01", "朝阳区政务服务中心", FleetInventoryFile::url(ports.at("cy-01")),
                  "fleet-live-token-cy01-0123456789abcdef");
    inventory.add("cy-02", "朝阳区政务服务中心", FleetInventoryFile::url(ports.at("cy-02")),
                  "fleet-live-token-cy02-0123456789abcdef");
    inventory.add("hd-01", "海淀区政务服务中心", FleetInventoryFile::url(ports.at("hd-01")),
                  "fleet-live-token-hd01-0123456789abcdef");
    const auto inventory_file = inventory.write();

    auto ready = start_kiosk("cy-01", ports.at("cy-01"), faces);
    auto printer_stopped = start_kiosk("cy-02", ports.at("cy-02"), faces, stopped_printer);
    auto doomed = start_kiosk("hd-01", ports.at("hd-01"), faces);

    // Until all three serve and settle: the poller itself tells.
    const auto kiosks = load_fleet_inventory(inventory_file, 32);
    FleetSettings settings;
    settings.timeout = milliseconds(1000);
    std::vector<KioskStatus> statuses;
    const auto started = steady_clock::now();
    const auto settled = [&] {
        return statuses.size() == 3 && statuses[0].state == KioskState::Ready &&
               statuses[1].reasons == std::map<std::string, std::string>{{"printer", "queue-stopped"}} &&
               statuses[2].state == KioskState::Ready;
    };
    while (steady_clock::now() - started < seconds(150)) {
        const auto answers = poll_fleet(kiosks, settings);
        statuses.clear();
        for (std::size_t i = 0; i < kiosks.size(); ++i)
            statuses.push_back(summarise(kiosks[i], answers[i]));
        if (settled())
            break;
        std::this_thread::sleep_for(milliseconds(300));
    }
    ASSERT_TRUE(settled()) << "cy-01: " << state_name(statuses[0].state) << " " << statuses[0].error << "\n"
                           << ready->err() << "\ncy-02: " << state_name(statuses[1].state) << " "
                           << statuses[1].error << "\n"
                           << printer_stopped->err() << "\nhd-01: " << state_name(statuses[2].state) << " "
                           << statuses[2].error << "\n"
                           << doomed->err();
    std::printf("three kiosks serving after %.1f s (load average %.1f)\n",
                duration<double>(steady_clock::now() - started).count(), test::load_average());

    doomed.reset();   // SIGKILL to its process group

    const auto poll_started = steady_clock::now();
    const Run table = kioskctl("fleet status --inventory '" + inventory_file.string() + "' --timeout-ms 2000");
    const double poll_ms = duration<double, std::milli>(steady_clock::now() - poll_started).count();
    std::printf("%s(kioskctl fleet status: %.0f ms, load average %.1f)\n", table.out.c_str(), poll_ms,
                test::load_average());
    EXPECT_EQ(table.exit_code, kExitFleetUnreachable) << table.err;
    const auto line_of = [&](const std::string& name) {
        const auto at = table.out.find("\n" + name + " ");
        return at == std::string::npos ? std::string() : table.out.substr(at + 1, table.out.find('\n', at + 1) - at - 1);
    };
    EXPECT_NE(line_of("cy-01").find(" yes "), std::string::npos) << line_of("cy-01");
    EXPECT_NE(line_of("cy-01").find("0.1.0"), std::string::npos) << line_of("cy-01");
    EXPECT_NE(line_of("cy-02").find(" no "), std::string::npos) << line_of("cy-02");
    EXPECT_NE(line_of("cy-02").find("printer: queue-stopped"), std::string::npos) << line_of("cy-02");
    EXPECT_NE(line_of("cy-02").find("down"), std::string::npos) << "printer column: " << line_of("cy-02");
    EXPECT_NE(line_of("hd-01").find("unreachable"), std::string::npos) << line_of("hd-01");
    EXPECT_NE(line_of("hd-01").find("connection refused"), std::string::npos) << line_of("hd-01");

    const Run json = kioskctl("fleet status --inventory '" + inventory_file.string() + "' --json");
    EXPECT_EQ(json.exit_code, kExitFleetUnreachable);
    const auto document = nlohmann::json::parse(json.out);
    EXPECT_EQ(document["kiosks"][0]["state"], "ready");
    EXPECT_EQ(document["kiosks"][0]["camera"]["up"], true);
    EXPECT_EQ(document["kiosks"][1]["state"], "not_ready");
    EXPECT_EQ(document["kiosks"][1]["printer"]["up"], false);
    EXPECT_EQ(document["kiosks"][2]["state"], "unreachable");
    EXPECT_EQ(document["summary"]["ready"], 1);

    // Tokens are secrets: neither the table nor the messages carry them.
    for (const std::string& text : {table.out, table.err, json.out, json.err})
        EXPECT_EQ(text.find("fleet-live-token"), std::string::npos);

    ready->terminate();
    printer_stopped->terminate();
    EXPECT_EQ(ready->wait(seconds(30)), 0) << ready->err();
    EXPECT_EQ(printer_stopped->wait(seconds(30)), 0) << printer_stopped->err();
}

} // namespace
} // namespace kiosk::ctl
