// How long `kioskctl fleet status` takes to poll N kiosks (/readyz and
// /metrics each) at parallelism 8: all answering, one of them dead (its port
// refuses, as after a SIGKILL), or one silent (accepts, never answers: it
// costs its slot the timeout). The kiosks are real HealthEndpoints in this
// process with a full set of kiosk metrics, served by one io_context thread.
#include <benchmark/benchmark.h>

#include "fleet_poller.h"
#include "support/health_kiosks.h"

namespace {

using namespace kiosk;
using namespace std::chrono_literals;

constexpr int most_kiosks = 100;
constexpr auto silent_timeout = 250ms;

enum Odd { none = 0, dead = 1, silent = 2 };

struct Fleet {
    Fleet()
    {
        for (int i = 0; i < most_kiosks; ++i) {
            auto& kiosk = fleet.add_kiosk("0.1.0");
            kiosk.readiness.clear("kiosk");
            for (const char* check : {"yaw", "pitch", "eyes_open", "glasses", "exposure", "sharpness"})
                kiosk.metrics.check_failures(check).add(i);
            kiosk.metrics.outbox_pending.set(i % 3);
            ports.push_back(kiosk.endpoint.port());
        }
        silent_port = fleet.add_silent().port();
        fleet.start();
    }

    std::vector<ctl::FleetKiosk> inventory(int count, Odd odd) const
    {
        std::vector<ctl::FleetKiosk> kiosks;
        for (int i = 0; i < count; ++i) {
            ctl::FleetKiosk kiosk;
            kiosk.name = "k" + std::to_string(i);
            kiosk.hall = "bench hall";
            kiosk.endpoint = {"127.0.0.1", ports[i], ""};
            kiosk.bearer_token = test::HealthKioskFleet::token;
            kiosks.push_back(kiosk);
        }
        // The odd one in the middle, where it shares the poll with others.
        if (odd == dead)
            kiosks[count / 2].endpoint.port = test::refused_port();
        else if (odd == silent)
            kiosks[count / 2].endpoint.port = silent_port;
        return kiosks;
    }

    test::HealthKioskFleet fleet;
    std::vector<unsigned short> ports;
    unsigned short silent_port = 0;
};

void FleetPoll(benchmark::State& state)
{
    static Fleet fleet;
    const int count = static_cast<int>(state.range(0));
    const auto odd = static_cast<Odd>(state.range(1));
    const auto kiosks = fleet.inventory(count, odd);
    ctl::FleetSettings settings;
    settings.parallel = 8;
    settings.timeout = odd == silent ? silent_timeout : 2000ms;
    std::size_t failed = 0;
    for (auto _ : state) {
        const auto answers = ctl::poll_fleet(kiosks, settings);
        failed = 0;
        for (const auto& answer : answers)
            failed += !answer.error.empty();
    }
    if (failed != (odd == none ? 0u : 1u))
        state.SkipWithError("a kiosk that should have answered did not");
    state.counters["kiosks"] = count;
}
BENCHMARK(FleetPoll)
    ->ArgNames({"kiosks", "odd"})
    ->Args({1, none})
    ->Args({10, none})
    ->Args({100, none})
    ->Args({10, dead})
    ->Args({100, dead})
    ->Args({10, silent})
    ->Args({100, silent})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

} // namespace

BENCHMARK_MAIN();
