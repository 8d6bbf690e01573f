// What reviewing costs the review service, on its SQLite database on disk in
// a temporary folder (removed at the end):
//   Login/shipped    one reviewer login at the shipped Argon2id cost
//                    (config/review-server/reviewing.json): the time the
//                    service's one network thread is held by a login
//   QueuePage/<n>    one page of 20 from a queue of n pending receipts, read
//                    from the start and from the middle (after=n/2)
// Times are wall-clock: Argon2id's cost is memory traffic as much as CPU.
#include <chrono>
#include <filesystem>
#include <optional>

#include <benchmark/benchmark.h>

#include "core/paths.h"
#include "receipt/receipt_number.h"
#include "review_store.h"
#include "reviewer_accounts.h"
#include "reviewing_config.h"
#include "support/test_folder.h"

namespace {

using namespace kiosk;
using namespace kiosk::review;
using namespace std::chrono;

const std::string kPassword = "a reviewer's long password";

void Login(benchmark::State& state)
{
    const test::TestFolder folder("kiosk-review-bench-login");
    const auto config = load_reviewing_config(config_dir() / "review-server" / "reviewing.json");
    ReviewStore store(folder.path() / "data", upload::AtRestCipher::Key{});
    ReviewerAccounts accounts(store.db(), config);
    accounts.add("alice", kPassword, system_clock::now());
    for (auto _ : state)
        benchmark::DoNotOptimize(accounts.login("alice", kPassword, system_clock::now()));
    state.SetLabel("ops " + std::to_string(config.kdf_ops_limit) + ", " +
                   std::to_string(config.kdf_mem_limit_bytes >> 20) + " MiB");
}
BENCHMARK(Login)->Name("Login/shipped")->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);

void QueuePage(benchmark::State& state)
{
    const test::TestFolder folder("kiosk-review-bench-queue");
    ReviewStore store(folder.path() / "data", upload::AtRestCipher::Key{});
    const int pending = static_cast<int>(state.range(0));
    // Rows only: the queue reads the database, never the photos.
    {
        SqliteTransaction transaction(store.db());
        for (int i = 1; i <= pending; ++i) {
            const auto day = sys_days(year{2026} / January / 1) + days(i / receipt::ReceiptNumber::kMaxSequence);
            const auto number =
                receipt::ReceiptNumber::issue("GZ001", year_month_day(day), i % receipt::ReceiptNumber::kMaxSequence + 1)
                    .str();
            auto receipt = store.db().prepare(
                "INSERT INTO receipts (receipt_number, status, updated_at_ms) VALUES (?, 'pending', 0)");
            receipt.bind(1, number);
            receipt.run();
            auto row = store.db().prepare(
                "INSERT INTO submissions (receipt_number, photo_sha256, photo_bytes, spec, city, kiosk_id, assessment, "
                "received_at_ms) VALUES (?, 'sha', 1, 'resident-id', 'guangzhou', 'GZ001', '{}', ?)");
            row.bind(1, number).bind(2, static_cast<std::int64_t>(i));
            row.run();
            auto latest = store.db().prepare(
                "UPDATE receipts SET latest_submission_id = last_insert_rowid() WHERE receipt_number = ?");
            latest.bind(1, number);
            latest.run();
        }
        transaction.commit();
    }
    const std::int64_t middle = pending / 2;
    bool from_middle = false;
    for (auto _ : state) {
        benchmark::DoNotOptimize(store.queue(from_middle ? middle : 0, 20));
        from_middle = !from_middle;
    }
}
BENCHMARK(QueuePage)->Arg(1000)->Arg(100000)->Unit(benchmark::kMicrosecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
