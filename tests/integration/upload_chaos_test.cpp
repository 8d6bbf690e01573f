// Issue 5's proof that the hand-over never loses a photo. The kiosk adds 200
// distinct JPEGs of about 300 KB to its outbox while `kioskctl upload drain`
// sends them to the real review-server, and the test SIGKILLs the service and
// the drainer at random moments and starts them again. The moments come from
// a seeded generator: the seed is printed, and KIOSK_CHAOS_SEED=<seed>
// replays a run. In the end every photo is in the service exactly once and
// byte for byte, the outbox is empty once the retention window has passed,
// and nothing personal was readable in the kiosk's spool or written to
// either program's log.
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <system_error>
#include <thread>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/durable_file.h"
#include "receipt/receipt_number.h"
#include "support/exec_program.h"
#include "support/review_server_process.h"
#include "support/test_folder.h"
#include "upload/outbox.h"
#include "upload/request_signature.h"
#include "upload/upload_config.h"

namespace {

using namespace kiosk;
using namespace std::chrono;
using Clock = steady_clock;

constexpr int kPhotos = 200;
constexpr const char* kKioskId = "GZ001";
// Made-up personal data, searched for wherever it must not be readable.
constexpr const char* kApplicantMarker = "APPLICANT-WANG-XIAOMING";
const std::string kSigningKey(32, '\x3c');

// A distinct JPEG: normal noise from its own seed (noise keeps JPEG from
// compressing it much, so the size lands near 300 KB at a fixed quality)
// with a comment segment naming the applicant, which a readable copy would show.
std::string make_photo(int index, int quality)
{
    cv::Mat image(600, 480, CV_8UC3);
    cv::RNG random(static_cast<std::uint64_t>(index) * 7919 + 1);
    random.fill(image, cv::RNG::NORMAL, cv::Scalar(128, 120, 110), cv::Scalar(24, 24, 24));
    std::vector<unsigned char> encoded;
    cv::imencode(".jpg", image, encoded, {cv::IMWRITE_JPEG_QUALITY, quality});
    const std::string comment = std::string(kApplicantMarker) + "-" + std::to_string(index);
    const auto length = static_cast<unsigned>(comment.size() + 2);
    std::string segment = "\xFF\xFE";
    segment.push_back(static_cast<char>(length >> 8));
    segment.push_back(static_cast<char>(length & 0xFF));
    segment += comment;
    std::string jpeg(encoded.begin(), encoded.end());
    jpeg.insert(2, segment);   // right after SOI
    return jpeg;
}

// The quality at which these noise photos come out at about 300 KB.
int quality_for_300kb()
{
    int low = 30, high = 100;
    while (low < high) {
        const int mid = (low + high) / 2;
        if (make_photo(0, mid).size() < 300'000)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

std::string receipt_number(int index)
{
    return receipt::ReceiptNumber::issue(kKioskId, year{2026} / November / 25, index + 1).str();
}

upload::Submission submission(int index, const std::string& photo)
{
    upload::Submission s;
    s.receipt_number = receipt_number(index);
    s.spec = "resident-id";
    s.city = "guangzhou";
    s.kiosk_id = kKioskId;
    s.assessment = {{"verdict", "pass"}, {"note", kApplicantMarker}};
    s.photo_jpeg = photo;
    return s;
}

struct Finished {
    int exit_code = -1;
    std::string out;
};

pid_t spawn(const std::vector<std::string>& args, int stdin_fd, int stdout_fd, const std::filesystem::path& log)
{
    const pid_t pid = ::fork();
    if (pid != 0)
        return pid;
    ::dup2(stdin_fd, STDIN_FILENO);
    ::dup2(stdout_fd, STDOUT_FILENO);
    const int err = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    ::dup2(err, STDERR_FILENO);
    test::exec_program(args);
}

// Runs kioskctl to its end with `input` on its standard input (so the photo
// never sits in a file of the test's); stderr goes to `log`.
Finished run_kioskctl(std::vector<std::string> args, const std::string& input, const std::filesystem::path& log)
{
    args.insert(args.begin(), KIOSKCTL_BIN);
    int in[2], out[2];
    // Close-on-exec, so kioskctl holds only the ends it was given and sees
    // the end of its input when the test closes its own.
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe failed");
    const pid_t pid = spawn(args, in[0], out[1], log);
    ::close(in[0]);
    ::close(out[1]);
    // kioskctl reads all of its input before it writes a line, so writing
    // first and reading after cannot deadlock; SIGPIPE is ignored in case it
    // exits early.
    for (std::size_t sent = 0; sent < input.size();) {
        const auto n = ::write(in[1], input.data() + sent, input.size() - sent);
        if (n <= 0)
            break;
        sent += static_cast<std::size_t>(n);
    }
    ::close(in[1]);
    Finished finished;
    char chunk[4096];
    for (ssize_t n; (n = ::read(out[0], chunk, sizeof chunk)) > 0;)
        finished.out.append(chunk, static_cast<std::size_t>(n));
    ::close(out[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    finished.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return finished;
}

// A number from a "<label> <number>" line of `kioskctl upload status`.
long long status_field(const std::string& status, const std::string& label)
{
    std::istringstream lines(status);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(label + " ", 0) == 0)
            return std::stoll(line.substr(label.size() + 1));
    }
    throw std::runtime_error("no \"" + label + "\" in kioskctl upload status: " + status);
}

// What the service stored, read from its database without a write lock
// (the service keeps running and writing).
struct StoredSubmission {
    int copies = 0;
    std::string photo_sha256;
};

std::map<std::string, StoredSubmission> read_service_database(const std::filesystem::path& file)
{
    std::map<std::string, StoredSubmission> stored;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return stored;   // not created yet
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* query = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT receipt_number, COUNT(*), MAX(photo_sha256) FROM submissions GROUP BY receipt_number",
                           -1, &query, nullptr) == SQLITE_OK) {
        while (sqlite3_step(query) == SQLITE_ROW) {
            auto& entry = stored[reinterpret_cast<const char*>(sqlite3_column_text(query, 0))];
            entry.copies = sqlite3_column_int(query, 1);
            entry.photo_sha256 = reinterpret_cast<const char*>(sqlite3_column_text(query, 2));
        }
    }
    sqlite3_finalize(query);
    sqlite3_close(db);
    return stored;
}

bool file_contains(const std::filesystem::path& path, const std::string& needle)
{
    return read_whole_file(path).find(needle) != std::string::npos;
}

class UploadChaos : public ::testing::Test {
protected:
    void SetUp() override
    {
        // A kioskctl that exits before reading its input must not kill the test.
        std::signal(SIGPIPE, SIG_IGN);
        std::filesystem::create_directories(root_.path() / "kiosk");
        port_ = test::free_loopback_port();
        server_.emplace(REVIEW_SERVER_BIN, root_.path() / "service", port_, kKioskId, kSigningKey, "info");

        // Short waits everywhere so the run fits in well under a minute and a
        // half: a restarted service is tried again within a second, and an
        // acknowledged photo is kept for about 4 s (0.001 h) before deletion.
        const nlohmann::json upload = {
            {"service",
             {{"host", "127.0.0.1"}, {"port", port_}, {"connect_timeout_ms", 1000}, {"request_timeout_ms", 5000}}},
            {"outbox",
             {{"spool_dir", "spool"},
              {"retention_hours", 0.001},
              {"housekeeping_interval_ms", 200},
              {"backoff", {{"initial_ms", 50}, {"max_ms", 800}, {"multiplier", 2.0}, {"jitter", 0.5}}}}},
            {"secrets_file", "secrets.json"}};
        std::ofstream(config_file()) << upload.dump();
        std::string signing_hex;
        for (const unsigned char byte : kSigningKey) {
            char pair[3];
            std::snprintf(pair, sizeof pair, "%02x", byte);
            signing_hex += pair;
        }
        const auto secrets = root_.path() / "kiosk" / "secrets.json";
        std::ofstream(secrets) << nlohmann::json{{"kiosk_id", kKioskId},
                                                 {"at_rest_key_hex", std::string(64, 'e')},
                                                 {"signing_key_hex", signing_hex}}
                                      .dump();
        std::filesystem::permissions(secrets, std::filesystem::perms::owner_read);
    }

    void TearDown() override
    {
        kill_drainer();
        server_.reset();
    }

    std::filesystem::path config_file() const { return root_.path() / "kiosk" / "upload.json"; }
    std::filesystem::path spool() const { return root_.path() / "kiosk" / "spool"; }
    std::filesystem::path kiosk_log() const { return root_.path() / "kioskctl.log"; }

    void start_drainer()
    {
        const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
        drainer_ = spawn({KIOSKCTL_BIN, "--log-level", "info", "upload", "--config", config_file().string(), "drain"},
                         null_fd, null_fd, kiosk_log());
        ::close(null_fd);
    }

    void kill_drainer()
    {
        if (drainer_ <= 0)
            return;
        ::kill(drainer_, SIGKILL);
        ::waitpid(drainer_, nullptr, 0);
        drainer_ = -1;
    }

    // No file in the kiosk's spool shows a photo or the applicant: the
    // outbox seals both, and nothing else may be there.
    void expect_nothing_readable_in_spool(const std::vector<std::string>& photos)
    {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(spool())) {
            const auto relative = std::filesystem::relative(entry.path(), spool()).string();
            if (entry.is_directory()) {
                EXPECT_EQ(relative, "photos") << "an unexpected folder in the spool";
                continue;
            }
            const bool outbox_file = relative.rfind("outbox.db", 0) == 0 ||
                                     (relative.rfind("photos/", 0) == 0 && relative.ends_with(".sealed"));
            EXPECT_TRUE(outbox_file) << relative << " is neither the outbox database nor a sealed photo";
            std::string bytes;
            try {
                bytes = read_whole_file(entry.path());
            } catch (const std::system_error&) {
                if (!std::filesystem::exists(entry.path()))
                    continue;   // purged by the drainer while we looked
                throw;
            }
            EXPECT_EQ(bytes.find(kApplicantMarker), std::string::npos) << relative << " shows the applicant";
            for (std::size_t i = 0; i < photos.size(); i += 37)
                EXPECT_EQ(bytes.find(photos[i].substr(photos[i].size() / 2, 64)), std::string::npos)
                    << relative << " holds photo bytes in the clear";
        }
    }

    kiosk::test::TestFolder root_{"kiosk-upload-chaos"};
    std::uint16_t port_ = 0;
    std::optional<test::ReviewServerProcess> server_;
    pid_t drainer_ = -1;
};

TEST_F(UploadChaos, EveryPhotoArrivesExactlyOnceThroughKillsAndRestarts)
{
    const char* replay = std::getenv("KIOSK_CHAOS_SEED");
    const std::uint32_t seed = replay ? static_cast<std::uint32_t>(std::stoul(replay)) : std::random_device{}();
    std::printf("chaos seed %u (replay with KIOSK_CHAOS_SEED=%u)\n", seed, seed);
    RecordProperty("seed", std::to_string(seed));
    std::mt19937 chaos(seed);

    const int quality = quality_for_300kb();
    std::vector<std::string> photos;
    for (int i = 0; i < kPhotos; ++i) {
        photos.push_back(make_photo(i, quality));
        ASSERT_GT(photos.back().size(), 250'000u);
        ASSERT_LT(photos.back().size(), 350'000u);
    }

    // The kiosk session's side of the outbox, opened from the same config
    // and keys as kioskctl: it adds while the drainer process sends.
    const auto config = upload::load_upload_config(config_file());
    const auto secrets = upload::load_kiosk_secrets(config.secrets_file);
    upload::Outbox session_outbox(config.spool_dir, upload::AtRestCipher(secrets.at_rest_key), config.backoff,
                                  config.retention);
    const auto pending = [&] { return session_outbox.status(upload::WallClock::now()).depth; };

    server_->start();
    start_drainer();

    // Kill one of the two every 0.1..0.8 s while photos are on their way; the
    // service stays down for up to 0.4 s, the drainer comes straight back (as
    // systemd would restart it). The victims take turns from a random first
    // one, so a machine fast enough to drain everything in a few seconds
    // still kills both sides several times.
    std::uniform_int_distribution<int> gap_ms(100, 800);
    std::uniform_int_distribution<int> outage_ms(0, 400);
    bool kill_service_next = std::bernoulli_distribution(0.5)(chaos);
    int service_kills = 0, drainer_kills = 0;
    auto next_kill = Clock::now() + milliseconds(gap_ms(chaos));
    const auto give_up = Clock::now() + seconds(200);
    int enqueued = 0;
    while (enqueued < kPhotos || pending() > 0) {
        ASSERT_LT(Clock::now(), give_up) << "the outbox did not drain";
        if (enqueued < kPhotos) {
            // A citizen every few milliseconds: far faster than a real hall,
            // so adds and uploads overlap all through the run.
            ASSERT_EQ(session_outbox.add(submission(enqueued, photos[enqueued]), upload::WallClock::now()),
                      upload::Outbox::Added::Queued);
            ++enqueued;
            if (enqueued == kPhotos)
                expect_nothing_readable_in_spool(photos);
        } else {
            std::this_thread::sleep_for(milliseconds(50));
        }
        if (Clock::now() >= next_kill && pending() > 0) {
            const bool kill_service = kill_service_next;
            kill_service_next = !kill_service_next;
            if (kill_service) {
                server_->kill();
                std::this_thread::sleep_for(milliseconds(outage_ms(chaos)));
                server_->start();
                ++service_kills;
            } else {
                kill_drainer();
                start_drainer();
                ++drainer_kills;
            }
            next_kill = Clock::now() + milliseconds(gap_ms(chaos));
        }
    }
    std::printf("killed the service %d times and the drainer %d times\n", service_kills, drainer_kills);
    EXPECT_GE(service_kills, 2) << "too few kills to prove anything";
    EXPECT_GE(drainer_kills, 2) << "too few kills to prove anything";

    // Everything acknowledged: the service holds each receipt once, with the
    // very bytes that were queued.
    const auto stored = read_service_database(server_->data_dir() / "review.db");
    EXPECT_EQ(stored.size(), static_cast<std::size_t>(kPhotos));
    for (int i = 0; i < kPhotos; ++i) {
        const auto it = stored.find(receipt_number(i));
        ASSERT_NE(it, stored.end()) << receipt_number(i) << " never arrived";
        EXPECT_EQ(it->second.copies, 1) << receipt_number(i) << " arrived more than once";
        EXPECT_EQ(it->second.photo_sha256, upload::sha256_hex(photos[i])) << receipt_number(i);
        const auto kept = server_->photo_path(upload::sha256_hex(photos[i]));
        ASSERT_TRUE(std::filesystem::exists(kept)) << receipt_number(i);
        EXPECT_TRUE(read_whole_file(kept) == photos[i]) << receipt_number(i) << " is not byte-identical";
    }

    // The retention window passes and the drainer's housekeeping empties the outbox.
    const auto retention_deadline = Clock::now() + seconds(30);
    while (session_outbox.status(upload::WallClock::now()).awaiting_deletion > 0 && Clock::now() < retention_deadline)
        std::this_thread::sleep_for(milliseconds(250));
    const auto shown = run_kioskctl({"upload", "--config", config_file().string(), "status"}, "", kiosk_log());
    EXPECT_EQ(shown.exit_code, 0);
    EXPECT_EQ(status_field(shown.out, "pending"), 0) << shown.out;
    EXPECT_EQ(status_field(shown.out, "awaiting deletion"), 0) << shown.out;
    EXPECT_NE(shown.out.find("oldest pending -\n"), std::string::npos) << shown.out;
    EXPECT_TRUE(std::filesystem::is_empty(spool() / "photos")) << "every sealed photo was deleted";
    expect_nothing_readable_in_spool(photos);

    ::kill(drainer_, SIGTERM);
    int drainer_status = 0;
    ::waitpid(drainer_, &drainer_status, 0);
    drainer_ = -1;
    EXPECT_TRUE(WIFEXITED(drainer_status) && WEXITSTATUS(drainer_status) == 0) << "the drainer stops on SIGTERM";
    EXPECT_TRUE(server_->stop()) << "the service stops cleanly on SIGTERM";

    // Both programs logged (receipt numbers, errors) but never the applicant.
    EXPECT_FALSE(file_contains(kiosk_log(), kApplicantMarker));
    EXPECT_FALSE(file_contains(server_->log_file(), kApplicantMarker));
    EXPECT_TRUE(file_contains(server_->log_file(), receipt_number(0))) << "the service did log its work";
}

// The technician's way in: `kioskctl upload enqueue` refuses what the service
// would refuse for ever, queues a good photo once, and `status` shows it;
// another photo under the same number is a resubmission, queued behind it.
TEST_F(UploadChaos, KioskctlEnqueueRefusesBadInputAndQueuesOnce)
{
    const auto photo = make_photo(1, 80);
    const auto enqueue = [&](const std::string& number, const std::string& input) {
        return run_kioskctl({"upload", "--config", config_file().string(), "enqueue", "--number", number, "--spec",
                             "resident-id", "--city", "guangzhou", "-"},
                            input, kiosk_log());
    };
    auto finished = enqueue(receipt_number(0), "not a jpeg");
    EXPECT_EQ(finished.exit_code, 2) << "not a JPEG";
    const auto other_kiosk = receipt::ReceiptNumber::issue("SZ002", year{2026} / November / 25, 1).str();
    finished = enqueue(other_kiosk, photo);
    EXPECT_EQ(finished.exit_code, 2) << "another kiosk's receipt";
    finished = enqueue(receipt_number(0), photo);
    EXPECT_EQ(finished.exit_code, 0);
    EXPECT_EQ(finished.out, receipt_number(0) + " queued\n");
    finished = enqueue(receipt_number(0), photo);
    EXPECT_EQ(finished.exit_code, 0);
    EXPECT_EQ(finished.out, receipt_number(0) + " already queued with this photo (left as it was)\n");

    const auto shown = run_kioskctl({"upload", "--config", config_file().string(), "status"}, "", kiosk_log());
    EXPECT_EQ(status_field(shown.out, "pending"), 1) << shown.out;
    EXPECT_NE(shown.out.find("last error none"), std::string::npos) << shown.out;
    expect_nothing_readable_in_spool({photo});
    const auto log = read_whole_file(kiosk_log());
    EXPECT_NE(log.find("not a JPEG"), std::string::npos) << log;
    EXPECT_NE(log.find("was not issued by this kiosk"), std::string::npos) << log;

    const auto retaken = make_photo(2, 80);
    finished = enqueue(receipt_number(0), retaken);
    EXPECT_EQ(finished.exit_code, 0);
    EXPECT_EQ(finished.out, receipt_number(0) + " queued\n");
    const auto both = run_kioskctl({"upload", "--config", config_file().string(), "status"}, "", kiosk_log());
    EXPECT_EQ(status_field(both.out, "pending"), 2) << both.out;
    expect_nothing_readable_in_spool({photo, retaken});
}

} // namespace
