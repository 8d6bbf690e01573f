// The kiosk's outbox and client against the real review-server program on
// loopback: every photo arrives exactly once and byte for byte; a refused
// connection and a 500 are retried; bad requests get a 4xx with a reason.
// A stalled and a truncating listener stand in for the faults the real
// service cannot be made to show on demand.
#include <condition_variable>
#include <mutex>
#include <fstream>
#include <random>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "core/sqlite_db.h"
#include "receipt/receipt_number.h"
#include "core/durable_file.h"
#include "support/loopback_http.h"
#include "support/review_server_process.h"
#include "support/reviewer_session.h"
#include "support/test_folder.h"
#include "upload/outbox.h"
#include "upload/outbox_drainer.h"
#include "upload/request_signature.h"
#include "upload/review_client.h"
#include "upload/upload_worker.h"

namespace {

using namespace kiosk;
using namespace kiosk::upload;
using namespace std::chrono;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

const std::string kSigningKey(32, '\x5a');

// A photo-sized JPEG-looking payload: SOI marker, then random bytes.
std::string photo(std::mt19937& random, std::size_t size)
{
    std::string bytes = "\xFF\xD8\xFF\xE0";
    std::uniform_int_distribution<int> byte(0, 255);
    while (bytes.size() < size)
        bytes.push_back(static_cast<char>(byte(random)));
    return bytes;
}

class UploadRoundTrip : public ::testing::Test {
protected:
    void SetUp() override
    {
        port_ = test::free_loopback_port();
        // Its data in data/ of the test's folder, where server_rows() and server_photo() look.
        server_.emplace(REVIEW_SERVER_BIN, root_.path(), port_, "GZ001", kSigningKey);

        AtRestCipher::Key key{};
        key.fill(7);
        outbox_.emplace(root_.path() / "spool", AtRestCipher(key), BackoffPolicy{milliseconds(200), milliseconds(2000), 2.0, 0.5},
                        hours(1));
        client_.emplace(ServiceEndpoint{"127.0.0.1", port_, milliseconds(2000), milliseconds(5000)}, "GZ001", kSigningKey);
    }

    void TearDown() override
    {
        if (server_ && server_->running()) {
            EXPECT_TRUE(server_->stop()) << "the server stops cleanly on SIGTERM";
        }
        server_.reset();
        outbox_.reset();
    }

    void start_server() { server_->start(); }

    Submission submission(int sequence, std::mt19937& random, std::size_t photo_size = 300'000)
    {
        Submission s;
        s.receipt_number = receipt::ReceiptNumber::issue("GZ001", year{2025} / November / 25, sequence).str();
        s.spec = "cn-id-card";
        s.city = "guangzhou";
        s.kiosk_id = "GZ001";
        s.assessment = {{"verdict", "pass"}, {"checks", 23}};
        s.photo_jpeg = photo(random, photo_size);
        return s;
    }

    // Drains until the outbox is empty or `attempts` rounds have passed,
    // stepping the clock past any backoff.
    void drain_all(int rounds = 20)
    {
        auto now = WallClock::now();
        for (int i = 0; i < rounds && outbox_->status(now).depth > 0; ++i) {
            drain_due(*outbox_, *client_, now);
            if (auto next = outbox_->next_attempt_at())
                now = std::max(now, *next);
        }
    }

    // How many submission rows the server holds for a receipt: read from its own database.
    std::int64_t server_rows(const std::string& number)
    {
        SqliteDb db(root_.path() / "data" / "review.db");
        auto count = db.prepare("SELECT COUNT(*) FROM submissions WHERE receipt_number = ?");
        count.bind(1, number);
        count.step();
        return count.column_int(0);
    }

    std::filesystem::path server_photo(const std::string& bytes)
    {
        const auto sha = sha256_hex(bytes);
        return root_.path() / "data" / "photos" / sha.substr(0, 2) / sha;
    }

    // One raw request, for what the kiosk's own client would never send.
    std::pair<unsigned, nlohmann::json> raw(http::request<http::string_body> request) const
    {
        return test::loopback_exchange(port_, std::move(request));
    }

    kiosk::test::TestFolder root_{"kiosk-upload-it"};
    std::uint16_t port_ = 0;
    std::optional<test::ReviewServerProcess> server_;
    std::optional<Outbox> outbox_;
    std::optional<ReviewClient> client_;
};

TEST_F(UploadRoundTrip, EveryPhotoArrivesExactlyOnceByteForByte)
{
    start_server();
    std::mt19937 random(5);
    std::vector<Submission> sent;
    for (int i = 1; i <= 20; ++i) {
        sent.push_back(submission(i, random));
        outbox_->add(sent.back(), WallClock::now());
    }
    drain_all();
    EXPECT_EQ(outbox_->status(WallClock::now()).depth, 0);
    for (const auto& s : sent) {
        EXPECT_EQ(server_rows(s.receipt_number), 1) << s.receipt_number;
        ASSERT_TRUE(std::filesystem::exists(server_photo(s.photo_jpeg)));
        EXPECT_EQ(read_whole_file(server_photo(s.photo_jpeg)), s.photo_jpeg) << "byte-identical";
        // A retry after a lost acknowledgement: acknowledged again, stored once.
        EXPECT_TRUE(client_->send(s).acknowledged);
        EXPECT_EQ(server_rows(s.receipt_number), 1) << "a resend is not a second submission";
    }
    const auto [status, body] = raw(http::request<http::string_body>(
        http::verb::get, "/v1/receipts/" + sent[0].receipt_number, 11));
    EXPECT_EQ(status, 200u);
    EXPECT_EQ(body.value("status", ""), "pending");
    EXPECT_EQ(body.value("submissions", 0), 1);
}

// A citizen comes back with a rejected receipt and retakes the photo: the
// kiosk queues it under the same number while the first photo's entry is
// still kept for retention; the service gets it as version 2, pending, with
// version 1's rejection kept; adding it again sends nothing more.
TEST_F(UploadRoundTrip, ARetakeOfARejectedReceiptArrivesAsItsNextVersion)
{
    start_server();
    const test::ReviewerSession reviewer(REVIEW_SERVER_BIN, *server_, "alice");
    std::mt19937 random(11);
    const auto first = submission(1, random);
    ASSERT_EQ(outbox_->add(first, WallClock::now()), Outbox::Added::Queued);
    drain_all();
    const auto first_id = reviewer.pending_submission(first.receipt_number);
    ASSERT_TRUE(first_id);
    ASSERT_EQ(reviewer.reject(*first_id, "blurred"), 201u);
    ASSERT_EQ(client_->fetch_receipt_decision(first.receipt_number).state, ReviewState::Rejected);

    auto retake = first;
    retake.photo_jpeg = photo(random, 280'000);
    ASSERT_EQ(outbox_->status(WallClock::now()).awaiting_deletion, 1) << "the first photo is still in retention";
    ASSERT_EQ(outbox_->add(retake, WallClock::now()), Outbox::Added::Queued);
    drain_all();
    EXPECT_EQ(outbox_->status(WallClock::now()).depth, 0);
    EXPECT_TRUE(outbox_->progress(retake.receipt_number)->acknowledged);
    EXPECT_EQ(outbox_->add(retake, WallClock::now()), Outbox::Added::AlreadyQueued);
    EXPECT_EQ(outbox_->add(first, WallClock::now()), Outbox::Added::AlreadyQueued);
    drain_all();

    const auto decision = client_->fetch_receipt_decision(first.receipt_number);
    EXPECT_EQ(decision.state, ReviewState::Pending);
    EXPECT_EQ(decision.submissions, 2);
    EXPECT_EQ(server_rows(first.receipt_number), 2);
    const auto second_id = reviewer.pending_submission(first.receipt_number);
    ASSERT_TRUE(second_id);
    EXPECT_NE(*second_id, *first_id);
    const auto second = reviewer.submission(*second_id);
    EXPECT_EQ(second.value("version", 0), 2);
    EXPECT_EQ(second.value("latest", false), true);
    EXPECT_EQ(read_whole_file(server_photo(retake.photo_jpeg)), retake.photo_jpeg) << "byte-identical";
    const auto earlier = reviewer.submission(*first_id);
    EXPECT_EQ(earlier.value("decision", ""), "rejected");
    EXPECT_EQ(earlier.value("reason", ""), "blurred");
    EXPECT_EQ(earlier.value("latest", true), false);
}

// The worker thread on its own: added while the service is down, sent once it
// is up, without anyone calling drain; stop() joins it.
TEST_F(UploadRoundTrip, TheWorkerSendsOnItsOwnThreadOnceTheServiceIsUp)
{
    UploadWorker worker(*outbox_, *client_, milliseconds(100));
    worker.start();
    std::mt19937 random(9);
    std::vector<Submission> sent;
    for (int i = 1; i <= 5; ++i) {
        sent.push_back(submission(i, random));
        outbox_->add(sent.back(), WallClock::now());
        worker.wake();
    }
    std::this_thread::sleep_for(milliseconds(300));
    EXPECT_EQ(outbox_->status(WallClock::now()).depth, 5) << "nothing can be sent yet";
    start_server();
    const auto deadline = steady_clock::now() + seconds(20);
    while (outbox_->status(WallClock::now()).depth > 0 && steady_clock::now() < deadline)
        std::this_thread::sleep_for(milliseconds(50));
    worker.stop();
    EXPECT_EQ(outbox_->status(WallClock::now()).depth, 0);
    for (const auto& s : sent) {
        EXPECT_EQ(server_rows(s.receipt_number), 1);
        EXPECT_EQ(read_whole_file(server_photo(s.photo_jpeg)), s.photo_jpeg);
    }
}

TEST_F(UploadRoundTrip, ARefusedConnectionIsRetriedUntilTheServiceIsUp)
{
    std::mt19937 random(6);
    const auto s = submission(1, random);
    outbox_->add(s, WallClock::now());
    EXPECT_EQ(drain_due(*outbox_, *client_, WallClock::now()), 0);
    auto status = outbox_->status(WallClock::now());
    EXPECT_EQ(status.depth, 1);
    EXPECT_NE(status.last_error.find("refused"), std::string::npos) << status.last_error;

    start_server();
    drain_all();
    EXPECT_EQ(outbox_->status(WallClock::now()).depth, 0);
    EXPECT_EQ(server_rows(s.receipt_number), 1);
    EXPECT_EQ(read_whole_file(server_photo(s.photo_jpeg)), s.photo_jpeg);
}

TEST_F(UploadRoundTrip, AServerErrorIsRetried)
{
    start_server();
    // A file where the photo folder should be: the service cannot store, answers 500.
    std::filesystem::create_directories(root_.path() / "data");
    std::ofstream(root_.path() / "data" / "photos") << "in the way";
    std::mt19937 random(7);
    const auto s = submission(1, random);
    outbox_->add(s, WallClock::now());
    EXPECT_EQ(drain_due(*outbox_, *client_, WallClock::now()), 0);
    EXPECT_EQ(outbox_->status(WallClock::now()).last_error, "HTTP 500");
    EXPECT_EQ(outbox_->status(WallClock::now()).depth, 1);

    std::filesystem::remove(root_.path() / "data" / "photos");
    drain_all();
    EXPECT_EQ(outbox_->status(WallClock::now()).depth, 0);
    EXPECT_EQ(server_rows(s.receipt_number), 1);
}

TEST_F(UploadRoundTrip, BadRequestsGetAReasonAndStoreNothing)
{
    start_server();
    std::mt19937 random(8);
    const auto s = submission(1, random);

    http::request<http::string_body> unsigned_post(http::verb::post, "/v1/submissions", 11);
    unsigned_post.body() = "{}";
    auto [status, body] = raw(unsigned_post);
    EXPECT_EQ(status, 401u);
    EXPECT_NE(body.value("error", "").find("not signed"), std::string::npos);

    const auto signed_post = [&](const std::string& text, const std::string& key) {
        http::request<http::string_body> request(http::verb::post, "/v1/submissions", 11);
        const auto now = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
        request.set(std::string(kKioskIdHeader), "GZ001");
        request.set(std::string(kTimestampHeader), std::to_string(now));
        request.set(std::string(kSignatureHeader),
                    sign_canonical_request(key, canonical_request("POST", "/v1/submissions", "GZ001", now, text)));
        request.body() = text;
        return raw(request);
    };
    std::tie(status, body) = signed_post("{\"receipt_number\": 1}", std::string(32, 'x'));
    EXPECT_EQ(status, 401u) << "signed with another key";
    EXPECT_EQ(body.value("error", ""), "signature does not match");

    std::tie(status, body) = signed_post("not json", kSigningKey);
    EXPECT_EQ(status, 400u);
    EXPECT_NE(body.value("error", "").find("not JSON"), std::string::npos);

    auto wrong = nlohmann::json::parse(R"({"receipt_number": ")" + s.receipt_number +
                                       R"(", "spec": "cn-id-card", "city": "guangzhou", "kiosk_id": "GZ001",
                                          "assessment": {}, "photo_jpeg_base64": "aGVsbG8="})");
    std::tie(status, body) = signed_post(wrong.dump(), kSigningKey);
    EXPECT_EQ(status, 415u);
    EXPECT_EQ(body.value("error", ""), "photo is not a JPEG");

    wrong["spec"] = "../../etc";
    std::tie(status, body) = signed_post(wrong.dump(), kSigningKey);
    EXPECT_EQ(status, 400u);
    EXPECT_NE(body.value("error", "").find("\"spec\""), std::string::npos);

    const auto too_big = submission(2, random, 700'000);
    EXPECT_EQ(client_->send(too_big).error, "HTTP 413") << "body over max_body_bytes";

    std::tie(status, body) = raw(http::request<http::string_body>(http::verb::get, "/v1/receipts/nonsense", 11));
    EXPECT_EQ(status, 400u);
    std::tie(status, body) = raw(http::request<http::string_body>(http::verb::get, "/v1/receipts/" + s.receipt_number, 11));
    EXPECT_EQ(status, 404u) << "nothing was stored by any of the bad requests";
}

// A listener on loopback that accepts one connection, reads the request
// head, answers with `reply` (possibly nothing) and then holds the connection
// open until the test ends: a stalled or truncating service.
class MisbehavingService {
public:
    explicit MisbehavingService(std::string reply)
        : acceptor_(io_, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)), reply_(std::move(reply))
    {
        thread_ = std::thread([this] {
            boost::system::error_code error;
            tcp::socket socket(io_);
            acceptor_.accept(socket, error);
            if (error)
                return;
            boost::asio::streambuf head;
            boost::asio::read_until(socket, head, "\r\n\r\n", error);
            boost::asio::write(socket, boost::asio::buffer(reply_), error);
            if (reply_.empty()) {
                std::unique_lock lock(mutex_);
                released_.wait(lock, [this] { return release_; });
            }
            // A truncated answer: the connection closes before the promised body.
        });
    }
    ~MisbehavingService()
    {
        {
            std::lock_guard lock(mutex_);
            release_ = true;
        }
        released_.notify_all();
        thread_.join();
    }
    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

private:
    boost::asio::io_context io_;
    tcp::acceptor acceptor_;
    std::string reply_;
    std::mutex mutex_;
    std::condition_variable released_;
    bool release_ = false;
    std::thread thread_;
};

TEST_F(UploadRoundTrip, AStalledServiceCostsOneTimeoutAndIsNotAnAcknowledgement)
{
    MisbehavingService stalled("");
    const ReviewClient client(ServiceEndpoint{"127.0.0.1", stalled.port(), milliseconds(1000), milliseconds(500)},
                              "GZ001", kSigningKey);
    std::mt19937 random(10);
    const auto started = steady_clock::now();
    const auto attempt = client.send(submission(1, random));
    EXPECT_FALSE(attempt.acknowledged);
    EXPECT_NE(attempt.error.find("receive"), std::string::npos) << attempt.error;
    EXPECT_LT(steady_clock::now() - started, seconds(3)) << "the request deadline was honoured";
}

TEST_F(UploadRoundTrip, ATruncatedOkIsNotAnAcknowledgement)
{
    MisbehavingService truncating("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"outc");
    const ReviewClient client(ServiceEndpoint{"127.0.0.1", truncating.port(), milliseconds(1000), milliseconds(2000)},
                              "GZ001", kSigningKey);
    std::mt19937 random(11);
    const auto attempt = client.send(submission(1, random));
    EXPECT_FALSE(attempt.acknowledged) << "half an answer proves nothing was stored";
    EXPECT_NE(attempt.error.find("receive"), std::string::npos) << attempt.error;
}

} // namespace
