// Review-server throughput as a kiosk meets it: 300 KB photos sent one after
// another by the kiosk's own client over loopback to the real review-server
// program, which this benchmark starts with its SQLite database and photo
// store on disk in a temporary folder (removed at the end).
//   Upload/300000            ReviewClient::send alone: connect, signed POST,
//                            the service checks it, hashes and fsyncs the
//                            photo, commits the row and answers 201
//   OutboxThenUpload/300000  the kiosk's whole path: sealed into the outbox
//                            (photo fsynced, row committed), then drained
// Every iteration is a new receipt with a photo of its own, so the service
// stores each one and none is answered as a duplicate. items_per_second is
// uploads per second; times are wall-clock, since the work is mostly in the
// server process and on the disk.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>

#include <benchmark/benchmark.h>
#include <unistd.h>

#include "receipt/receipt_number.h"
#include "support/review_server_process.h"
#include "support/test_folder.h"
#include "upload/outbox.h"
#include "upload/outbox_drainer.h"
#include "upload/review_client.h"

namespace {

using namespace kiosk;
using namespace std::chrono;

constexpr const char* kKioskId = "GZ001";
const std::string kSigningKey(32, '\x42');

std::filesystem::path g_root;
std::optional<test::ReviewServerProcess> g_service;
// Shared by both benchmarks so no receipt number is ever sent twice.
int g_next_receipt = 0;

std::string next_receipt_number()
{
    const int index = g_next_receipt++;
    const auto day = sys_days(year{2026} / January / 1) + days(index / receipt::ReceiptNumber::kMaxSequence);
    return receipt::ReceiptNumber::issue(kKioskId, year_month_day(day), index % receipt::ReceiptNumber::kMaxSequence + 1)
        .str();
}

// A JPEG-looking photo (SOI and a marker, then random bytes) that a counter
// written into it makes distinct for every upload.
class PhotoSource {
public:
    explicit PhotoSource(std::size_t size) : bytes_("\xFF\xD8\xFF\xE0")
    {
        std::mt19937 random(1);
        std::uniform_int_distribution<int> byte(0, 255);
        while (bytes_.size() < size)
            bytes_.push_back(static_cast<char>(byte(random)));
    }
    upload::Submission next()
    {
        const auto counter = std::to_string(++count_);
        bytes_.replace(4, counter.size(), counter);
        upload::Submission submission;
        submission.receipt_number = next_receipt_number();
        submission.spec = "resident-id";
        submission.city = "guangzhou";
        submission.kiosk_id = kKioskId;
        submission.assessment = {{"verdict", "pass"}};
        submission.photo_jpeg = bytes_;
        return submission;
    }

private:
    std::string bytes_;
    long count_ = 0;
};

upload::ReviewClient client()
{
    return upload::ReviewClient({"127.0.0.1", g_service->port(), milliseconds(2000), milliseconds(10000)}, kKioskId,
                                kSigningKey);
}

void Upload(benchmark::State& state)
{
    PhotoSource photos(static_cast<std::size_t>(state.range(0)));
    const auto uploader = client();
    for (auto _ : state) {
        state.PauseTiming();
        const auto submission = photos.next();
        state.ResumeTiming();
        const auto attempt = uploader.send(submission);
        if (!attempt.acknowledged) {
            state.SkipWithError(("upload failed: " + attempt.error).c_str());
            break;
        }
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(Upload)->Arg(300'000)->UseRealTime()->MinTime(5.0)->Unit(benchmark::kMillisecond);

void OutboxThenUpload(benchmark::State& state)
{
    PhotoSource photos(static_cast<std::size_t>(state.range(0)));
    const auto uploader = client();
    upload::AtRestCipher::Key key{};
    key.fill(0x17);
    upload::Outbox outbox(g_root / "spool", upload::AtRestCipher(key), upload::BackoffPolicy{}, hours(72));
    for (auto _ : state) {
        state.PauseTiming();
        const auto submission = photos.next();
        state.ResumeTiming();
        outbox.add(submission, upload::WallClock::now());
        if (upload::drain_due(outbox, uploader, upload::WallClock::now()) != 1) {
            state.SkipWithError(("upload failed: " + outbox.status(upload::WallClock::now()).last_error).c_str());
            break;
        }
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(OutboxThenUpload)->Arg(300'000)->UseRealTime()->MinTime(5.0)->Unit(benchmark::kMillisecond);

std::string cpu_model()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);) {
        if (line.rfind("model name", 0) == 0)
            return line.substr(line.find(':') + 2);
    }
    return "unknown";
}

} // namespace

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 2;
    const test::TestFolder root("kiosk-upload-bench");
    g_root = root.path();
    int status = 0;
    try {
        g_service.emplace(REVIEW_SERVER_BIN, g_root / "service", test::free_loopback_port(), kKioskId, kSigningKey);
        g_service->start();
        benchmark::AddCustomContext("cpu_model", cpu_model());
        benchmark::AddCustomContext("server_storage", g_root.string());
        benchmark::RunSpecifiedBenchmarks();
        if (!g_service->stop()) {
            std::fprintf(stderr, "upload-bench: the review server did not stop cleanly\n");
            status = 1;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "upload-bench: %s\n", e.what());
        status = 1;
    }
    g_service.reset();
    benchmark::Shutdown();
    return status;
}
