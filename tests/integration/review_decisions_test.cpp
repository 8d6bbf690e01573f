// Reviewers at work against the real review-server program on loopback, its
// SQLite database on disk: accounts made with `review-server add-reviewer`,
// login, the queue, approve and reject through the HTTP API and through the
// HTML forms, the kiosk library reading each decision by receipt number,
// and the 4xx every bad or unauthorised request gets. Then the same service
// over TLS with a CA and certificate made by openssl for the test run: the
// kiosk trusts the pinned CA and nothing else.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <map>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include "core/error.h"
#include "core/paths.h"
#include "core/text_catalog.h"
#include "html_text.h"
#include "receipt/receipt_number.h"
#include "support/review_server_process.h"
#include "support/test_folder.h"
#include "upload/request_signature.h"
#include "upload/review_client.h"
#include "upload/submission_body.h"

namespace {

using namespace kiosk;
using namespace kiosk::upload;
using namespace std::chrono;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

const std::string kSigningKey(32, '\x3c');
const std::string kPassword = "a long reviewer password";

struct Reply {
    unsigned status = 0;
    std::string body;
    std::string location;
    std::string set_cookie;
    std::string retry_after;
    std::string content_type;
    nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

class ReviewDecisions : public ::testing::Test {
protected:
    void SetUp() override
    {
        port_ = test::free_loopback_port();
        server_.emplace(REVIEW_SERVER_BIN, root_.path(), port_, "GZ001", kSigningKey);
        // Reviewer settings of the test's own, beside the server's.
        auto config = server_config();
        config["reviewing_file"] = "reviewing.json";
        write_server_config(config);
        // The shipped settings, with a cheap KDF (these tests are about the
        // rules, not the cost) and a short lock.
        reviewing_ = load_json(config_dir() / "review-server" / "reviewing.json");
        reviewing_["locale"] = "en";
        reviewing_["password"]["kdf_ops_limit"] = 1;
        reviewing_["password"]["kdf_mem_limit_kib"] = 8;
        reviewing_["lockout"] = {{"max_failed_logins", 3}, {"lock_s", 60}};
        reviewing_["queue"] = {{"default_page", 2}, {"max_page", 10}};
        write_reviewing();
        client_.emplace(ServiceEndpoint{"127.0.0.1", port_, milliseconds(2000), milliseconds(5000)}, "GZ001", kSigningKey);
    }

    void TearDown() override
    {
        stop_server();
        server_.reset();
    }

    static nlohmann::json load_json(const std::filesystem::path& file)
    {
        return nlohmann::json::parse(std::ifstream(file));
    }

    void write_reviewing() { std::ofstream(root_.path() / "reviewing.json") << reviewing_.dump(); }

    // The server's settings as written in SetUp, to change before start_server().
    nlohmann::json server_config() const { return load_json(server_->config_file()); }
    void write_server_config(const nlohmann::json& config) const { std::ofstream(server_->config_file()) << config.dump(); }

    // review-server add-reviewer NAME, the password on stdin; its exit status.
    int add_reviewer(const std::string& name, const std::string& password)
    {
        const std::string command = std::string(REVIEW_SERVER_BIN) + " --log-level warn --config " +
                                    server_->config_file().string() + " add-reviewer " + name + " >/dev/null";
        FILE* pipe = ::popen(command.c_str(), "w");
        if (!pipe)
            return -1;
        std::fputs((password + "\n").c_str(), pipe);
        const int status = ::pclose(pipe);
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    void start_server() { ASSERT_NO_THROW(server_->start()); }

    void stop_server()
    {
        if (server_ && server_->running()) {
            EXPECT_TRUE(server_->stop()) << "the server stops cleanly on SIGTERM";
        }
    }

    Submission submission(int sequence, const std::string& photo_tail)
    {
        Submission s;
        s.receipt_number = receipt::ReceiptNumber::issue("GZ001", year{2025} / November / 25, sequence).str();
        s.spec = "resident-id";
        s.city = "guangzhou";
        s.kiosk_id = "GZ001";
        s.assessment = {{"verdict", "pass"},
                        {"checks", {{{"id", "sharpness"}, {"status", "pass"}, {"value", 812.5}}}}};
        s.photo_jpeg = "\xFF\xD8\xFF\xE0" + photo_tail;
        return s;
    }

    void send_all(const std::vector<Submission>& submissions)
    {
        for (const auto& s : submissions)
            ASSERT_TRUE(client_->send(s).acknowledged) << s.receipt_number;
    }

    Reply request(http::verb method, const std::string& target, const std::string& body = {},
                  const std::string& content_type = "application/json", const std::string& token = {},
                  const std::string& cookie = {}, const std::map<std::string, std::string>& headers = {})
    {
        http::request<http::string_body> message(method, target, 11);
        message.set(http::field::host, "127.0.0.1");
        for (const auto& [name, value] : headers)
            message.set(name, value);
        if (!body.empty() || method == http::verb::post) {
            message.set(http::field::content_type, content_type);
            message.body() = body;
        }
        if (!token.empty())
            message.set(http::field::authorization, "Bearer " + token);
        if (!cookie.empty())
            message.set(http::field::cookie, cookie);
        message.prepare_payload();
        boost::asio::io_context io;
        boost::beast::tcp_stream stream(io);
        stream.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port_));
        http::write(stream, message);
        boost::beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(10'000'000);
        http::read(stream, buffer, parser);
        const auto& response = parser.get();
        const auto field = [&](http::field name) {
            const auto it = response.find(name);
            return it == response.end() ? std::string() : std::string(it->value());
        };
        return {response.result_int(), response.body(), field(http::field::location), field(http::field::set_cookie),
                field(http::field::retry_after), field(http::field::content_type)};
    }

    // POST /v1/submissions signed as kiosk GZ001, so the test sees the refusal's reason.
    Reply submit(const Submission& s)
    {
        const auto body = encode_submission_body(s);
        const auto timestamp = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
        const auto signature =
            sign_canonical_request(kSigningKey, canonical_request("POST", "/v1/submissions", "GZ001", timestamp, body));
        return request(http::verb::post, "/v1/submissions", body, "application/json", {}, {},
                       {{std::string(kKioskIdHeader), "GZ001"},
                        {std::string(kTimestampHeader), std::to_string(timestamp)},
                        {std::string(kSignatureHeader), signature}});
    }

    Reply get(const std::string& target, const std::string& token = {}) { return request(http::verb::get, target, {}, {}, token); }
    Reply post(const std::string& target, const nlohmann::json& body, const std::string& token = {})
    {
        return request(http::verb::post, target, body.dump(), "application/json", token);
    }

    std::string login(const std::string& name = "alice", const std::string& password = kPassword)
    {
        const auto reply = post("/v1/review/login", {{"name", name}, {"password", password}});
        EXPECT_EQ(reply.status, 200u) << reply.body;
        return reply.json().value("token", "");
    }

    std::vector<nlohmann::json> whole_queue(const std::string& token)
    {
        std::vector<nlohmann::json> items;
        std::string target = "/v1/review/queue";
        for (int page = 0; page < 20; ++page) {
            const auto reply = get(target, token);
            EXPECT_EQ(reply.status, 200u) << reply.body;
            const auto json = reply.json();
            for (const auto& item : json.at("submissions"))
                items.push_back(item);
            if (json.at("next_after").is_null())
                break;
            target = "/v1/review/queue?after=" + std::to_string(json.at("next_after").get<std::int64_t>());
        }
        return items;
    }

    kiosk::test::TestFolder root_{"kiosk-review-it"};
    std::uint16_t port_ = 0;
    std::optional<test::ReviewServerProcess> server_;
    nlohmann::json reviewing_;
    std::optional<ReviewClient> client_;
};

TEST_F(ReviewDecisions, AReviewerApprovesAndRejectsAndTheKioskSeesBothByNumber)
{
    ASSERT_EQ(add_reviewer("alice", kPassword), 0);
    start_server();
    const std::vector<Submission> sent = {submission(1, "one"), submission(2, "two"), submission(3, "three")};
    send_all(sent);

    const auto token = login();
    ASSERT_EQ(token.size(), 64u);
    // Pages of two (default_page): oldest first, all three once.
    const auto first_page = get("/v1/review/queue", token).json();
    ASSERT_EQ(first_page.at("submissions").size(), 2u);
    EXPECT_FALSE(first_page.at("next_after").is_null());
    const auto queue = whole_queue(token);
    ASSERT_EQ(queue.size(), 3u);
    for (std::size_t i = 0; i < sent.size(); ++i) {
        EXPECT_EQ(queue[i].at("receipt_number"), sent[i].receipt_number);
        EXPECT_EQ(queue[i].at("version"), 1);
    }

    const auto id = [&](std::size_t i) { return std::to_string(queue[i].at("id").get<std::int64_t>()); };
    const auto photo = get("/v1/review/submissions/" + id(1) + "/photo", token);
    EXPECT_EQ(photo.status, 200u);
    EXPECT_EQ(photo.content_type, "image/jpeg");
    EXPECT_EQ(photo.body, sent[1].photo_jpeg) << "the photo as the kiosk sent it, byte for byte";
    const auto detail = get("/v1/review/submissions/" + id(1), token).json();
    EXPECT_EQ(detail.at("assessment"), sent[1].assessment);

    auto reply = post("/v1/review/submissions/" + id(0) + "/decision", {{"decision", "approve"}}, token);
    EXPECT_EQ(reply.status, 201u) << reply.body;
    reply = post("/v1/review/submissions/" + id(1) + "/decision", {{"decision", "reject"}, {"reason", "blurred"}}, token);
    EXPECT_EQ(reply.status, 201u) << reply.body;
    reply = post("/v1/review/submissions/" + id(0) + "/decision", {{"decision", "reject"}, {"reason", "blurred"}}, token);
    EXPECT_EQ(reply.status, 409u) << "one decision per submission version";

    const auto text = TextCatalog::load(config_dir() / "text", "en");
    const auto approved = client_->fetch_receipt_decision(sent[0].receipt_number);
    EXPECT_EQ(approved.state, ReviewState::Approved);
    EXPECT_TRUE(approved.reason_code.empty());
    const auto rejected = client_->fetch_receipt_decision(sent[1].receipt_number);
    EXPECT_EQ(rejected.state, ReviewState::Rejected);
    EXPECT_EQ(rejected.reason_code, "blurred");
    EXPECT_EQ(rejected.reason_text, text.text("review.reason.blurred"));
    EXPECT_EQ(client_->fetch_receipt_decision(sent[2].receipt_number).state, ReviewState::Pending);
    ASSERT_EQ(whole_queue(token).size(), 1u) << "decided photos leave the queue";

    // The citizen retakes the rejected photo: same number, its history kept, back in the queue.
    auto retake = sent[1];
    retake.photo_jpeg = "\xFF\xD8\xFF\xE0 retaken";
    ASSERT_TRUE(client_->send(retake).acknowledged);
    const auto again = client_->fetch_receipt_decision(sent[1].receipt_number);
    EXPECT_EQ(again.state, ReviewState::Pending);
    EXPECT_EQ(again.submissions, 2);
    const auto requeued = whole_queue(token);
    ASSERT_EQ(requeued.size(), 2u);
    EXPECT_EQ(requeued[1].at("receipt_number"), sent[1].receipt_number);
    EXPECT_EQ(requeued[1].at("version"), 2);
    const auto old_version = get("/v1/review/submissions/" + id(1), token).json();
    EXPECT_EQ(old_version.value("decision", ""), "rejected");
    EXPECT_EQ(old_version.value("latest", true), false);

    // Typed as on the slip, lower case with spaces: read the same.
    std::string typed = receipt::ReceiptNumber::parse(sent[2].receipt_number).grouped();
    for (auto& c : typed)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(client_->fetch_receipt_decision(typed).receipt_number, sent[2].receipt_number);
    EXPECT_THROW(client_->fetch_receipt_decision(submission(99, "x").receipt_number), UnknownReceipt);
    EXPECT_THROW(client_->fetch_receipt_decision("GZ001-not-a-number"), InputError);
}

TEST_F(ReviewDecisions, EveryBadOrUnauthorisedRequestGetsItsOwn4xx)
{
    reviewing_["sessions"]["lifetime_s"] = 2;
    write_reviewing();
    ASSERT_EQ(add_reviewer("alice", kPassword), 0);
    ASSERT_EQ(add_reviewer("bob", kPassword), 0);
    EXPECT_EQ(add_reviewer("alice", kPassword), 2) << "the name is taken";
    EXPECT_EQ(add_reviewer("carol", "short"), 2) << "the password is too short";
    start_server();
    send_all({submission(1, "one")});

    EXPECT_EQ(post("/v1/review/login", {{"name", "alice"}, {"password", "wrong"}}).status, 401u);
    EXPECT_EQ(post("/v1/review/login", {{"name", "nobody"}, {"password", kPassword}}).status, 401u);
    EXPECT_EQ(get("/v1/review/queue").status, 401u) << "no token";
    EXPECT_EQ(get("/v1/review/queue", std::string(64, 'f')).status, 401u) << "a made-up token";
    EXPECT_EQ(get("/v1/review/submissions/1/photo").status, 401u) << "photos only for reviewers";
    EXPECT_EQ(post("/v1/review/submissions/1/decision", {{"decision", "approve"}}).status, 401u);

    const auto token = login();
    EXPECT_EQ(request(http::verb::post, "/v1/review/login", "name=alice", "text/plain").status, 415u);
    EXPECT_EQ(request(http::verb::post, "/v1/review/login", "{\"name\": ", "application/json").status, 400u);
    EXPECT_EQ(post("/v1/review/login", {{"name", "alice"}, {"password", std::string(5000, 'x')}}).status, 413u)
        << "over max_form_bytes";
    EXPECT_EQ(post("/v1/review/submissions/1/decision", {{"decision", "reject"}, {"reason", "ugly"}}, token).status, 400u);
    EXPECT_EQ(post("/v1/review/submissions/1/decision", {{"decision", "reject"}}, token).status, 400u);
    EXPECT_EQ(post("/v1/review/submissions/999/decision", {{"decision", "approve"}}, token).status, 404u);
    EXPECT_EQ(post("/v1/review/submissions/abc/decision", {{"decision", "approve"}}, token).status, 400u);
    EXPECT_EQ(get("/v1/review/queue?limit=11", token).status, 400u) << "over max_page";
    EXPECT_EQ(get("/v1/review/queue?limit=%zz", token).status, 400u);
    EXPECT_EQ(get("/v1/review/submissions/1/decision", token).status, 405u);
    EXPECT_EQ(get("/v1/review/nothing", token).status, 404u);
    const auto refused = post("/v1/review/submissions/1/decision", {{"decision", "maybe"}}, token);
    EXPECT_EQ(refused.status, 400u);
    EXPECT_FALSE(refused.json().value("error", "").empty()) << "every refusal says why";
    EXPECT_EQ(client_->fetch_receipt_decision(submission(1, "one").receipt_number).state, ReviewState::Pending)
        << "none of the refused decisions was recorded";

    // An expired token (lifetime 2 s), and a logged-out one.
    std::this_thread::sleep_for(milliseconds(2100));
    EXPECT_EQ(get("/v1/review/queue", token).status, 401u) << "expired";
    const auto fresh = login("bob");
    EXPECT_EQ(get("/v1/review/queue", fresh).status, 200u);
    EXPECT_EQ(post("/v1/review/logout", nlohmann::json::object(), fresh).status, 200u);
    EXPECT_EQ(get("/v1/review/queue", fresh).status, 401u) << "logged out";

    // Three wrong passwords lock the account; then even the right one gets 429.
    for (int i = 0; i < 2; ++i)
        EXPECT_EQ(post("/v1/review/login", {{"name", "alice"}, {"password", "wrong"}}).status, 401u);
    const auto locked = post("/v1/review/login", {{"name", "alice"}, {"password", "wrong"}});
    EXPECT_EQ(locked.status, 429u);
    EXPECT_EQ(locked.retry_after, "60");
    EXPECT_EQ(post("/v1/review/login", {{"name", "alice"}, {"password", kPassword}}).status, 429u);
    EXPECT_EQ(post("/v1/review/login", {{"name", "bob"}, {"password", kPassword}}).status, 200u)
        << "the lock is per account";
}

TEST_F(ReviewDecisions, TheReviewerPagesAndTheStatusPageShowWhatTheyShould)
{
    ASSERT_EQ(add_reviewer("alice", kPassword), 0);
    start_server();
    auto hostile = submission(1, "one");
    hostile.assessment["note"] = "<script>alert(1)</script>";
    send_all({hostile, submission(2, "two")});
    const auto catalog = TextCatalog::load(config_dir() / "text", "en");
    // As the pages show it: "document's" arrives as "document&#39;s".
    const auto shown = [&](const std::string& key) { return review::html_escape(catalog.text(key)); };

    const auto anonymous = get("/review/queue");
    EXPECT_EQ(anonymous.status, 303u);
    EXPECT_EQ(anonymous.location, "/review/login");
    const auto form = get("/review/login");
    EXPECT_EQ(form.status, 200u);
    EXPECT_NE(form.body.find("name=\"password\""), std::string::npos);

    const auto form_type = "application/x-www-form-urlencoded";
    EXPECT_EQ(request(http::verb::post, "/review/login", "name=alice&password=wrong", form_type).status, 401u);
    const auto signed_in =
        request(http::verb::post, "/review/login", "name=alice&password=a+long+reviewer+password", form_type);
    ASSERT_EQ(signed_in.status, 303u) << signed_in.body;
    EXPECT_EQ(signed_in.location, "/review/queue");
    EXPECT_NE(signed_in.set_cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(signed_in.set_cookie.find("SameSite=Strict"), std::string::npos);
    const auto cookie = signed_in.set_cookie.substr(0, signed_in.set_cookie.find(';'));

    const auto queue = request(http::verb::get, "/review/queue", {}, {}, {}, cookie);
    ASSERT_EQ(queue.status, 200u);
    EXPECT_EQ(queue.content_type, "text/html; charset=utf-8");
    EXPECT_NE(queue.body.find(shown("review.page.queue_title")), std::string::npos);
    EXPECT_NE(queue.body.find(hostile.receipt_number), std::string::npos);
    const auto link = queue.body.find("/review/submissions/");
    ASSERT_NE(link, std::string::npos);
    const auto page_path = queue.body.substr(link, queue.body.find('"', link) - link);

    const auto page = request(http::verb::get, page_path, {}, {}, {}, cookie);
    ASSERT_EQ(page.status, 200u);
    const auto id = page_path.substr(std::string("/review/submissions/").size());
    EXPECT_NE(page.body.find("<img src=\"/v1/review/submissions/" + id + "/photo\""), std::string::npos);
    EXPECT_NE(page.body.find("sharpness"), std::string::npos) << "the kiosk's check results beside the photo";
    EXPECT_NE(page.body.find(shown("review.reason.background")), std::string::npos) << "the reasons to choose from";
    EXPECT_EQ(page.body.find("<script>"), std::string::npos) << "what the kiosk sent is escaped";
    EXPECT_NE(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    const auto photo = request(http::verb::get, "/v1/review/submissions/" + id + "/photo", {}, {}, {}, cookie);
    EXPECT_EQ(photo.body, hostile.photo_jpeg) << "the page's photo loads with the session cookie";

    const auto decided = request(http::verb::post, page_path + "/decision", "decision=reject&reason=background",
                                 form_type, {}, cookie);
    EXPECT_EQ(decided.status, 303u) << decided.body;
    EXPECT_EQ(request(http::verb::post, page_path + "/decision", "decision=approve", form_type, {}, cookie).status, 409u);

    const auto rejected = get("/status/" + hostile.receipt_number);
    EXPECT_EQ(rejected.status, 200u);
    EXPECT_NE(rejected.body.find(shown("review.status.rejected")), std::string::npos);
    EXPECT_NE(rejected.body.find(shown("review.reason.background")), std::string::npos);
    const auto pending = get("/status?number=" + submission(2, "").receipt_number);
    EXPECT_EQ(pending.status, 200u);
    EXPECT_NE(pending.body.find(shown("review.status.pending")), std::string::npos);
    const auto unknown = get("/status/" + submission(77, "").receipt_number);
    EXPECT_EQ(unknown.status, 404u);
    EXPECT_NE(unknown.body.find(shown("review.status_page.unknown")), std::string::npos);
    const auto invalid = get("/status?number=%3Cb%3Ebold%3C%2Fb%3E");
    EXPECT_EQ(invalid.status, 400u);
    EXPECT_EQ(invalid.body.find("<b>bold"), std::string::npos) << "a typed number is echoed escaped";
    EXPECT_NE(invalid.body.find("&lt;b&gt;bold"), std::string::npos);

    EXPECT_EQ(request(http::verb::post, "/review/logout", {}, form_type, {}, cookie).status, 303u);
    EXPECT_EQ(request(http::verb::get, "/review/queue", {}, {}, {}, cookie).status, 303u) << "signed out";
}

// A test CA and a server certificate for 127.0.0.1 signed by it, plus a
// second CA that signed nothing here; made fresh in `folder`, never kept.
// False when openssl cannot make them.
bool make_certificates(const std::filesystem::path& folder)
{
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "server.ext") << "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n";
    const std::string in = "cd '" + folder.string() + "' && ";
    const std::string key = " -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes ";
    const auto run = [](const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; };
    return run(in + "openssl req -x509" + key + "-keyout ca.key -out ca.pem -days 1 -subj '/CN=Test review CA'") &&
           run(in + "openssl req -x509" + key + "-keyout other-ca.key -out other-ca.pem -days 1 -subj '/CN=Other CA'") &&
           run(in + "openssl req" + key + "-keyout server.key -out server.csr -subj '/CN=review service'") &&
           run(in + "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 "
                    "-extfile server.ext -out server.pem");
}

TEST_F(ReviewDecisions, OverTlsTheKioskTrustsOnlyThePinnedCa)
{
    const auto tls = root_.path() / "tls";
    if (!make_certificates(tls))
        GTEST_SKIP() << "openssl could not make a test CA and certificate";
    auto config = server_config();
    config["tls"] = {{"certificate_chain_file", "tls/server.pem"}, {"private_key_file", "tls/server.key"}};
    write_server_config(config);
    start_server();

    const auto endpoint = [&](const std::string& host, const std::filesystem::path& ca) {
        return ServiceEndpoint{host, port_, milliseconds(2000), milliseconds(5000), ca};
    };
    const ReviewClient pinned(endpoint("127.0.0.1", tls / "ca.pem"), "GZ001", kSigningKey);
    const auto s = submission(1, "over tls");
    const auto sent = pinned.send(s);
    EXPECT_TRUE(sent.acknowledged) << sent.error;
    EXPECT_EQ(pinned.fetch_receipt_decision(s.receipt_number).state, ReviewState::Pending);

    const ReviewClient other_ca(endpoint("127.0.0.1", tls / "other-ca.pem"), "GZ001", kSigningKey);
    const auto refused = other_ca.send(submission(2, "two"));
    EXPECT_FALSE(refused.acknowledged);
    EXPECT_NE(refused.error.find("TLS handshake"), std::string::npos) << refused.error;
    EXPECT_THROW(other_ca.fetch_receipt_decision(s.receipt_number), ReviewServiceError);

    // The right CA, but the certificate names 127.0.0.1, not "localhost".
    const ReviewClient wrong_name(endpoint("localhost", tls / "ca.pem"), "GZ001", kSigningKey);
    const auto misnamed = wrong_name.send(submission(3, "three"));
    EXPECT_FALSE(misnamed.acknowledged);
    EXPECT_NE(misnamed.error.find("TLS handshake"), std::string::npos) << misnamed.error;

    const ReviewClient plain(endpoint("127.0.0.1", {}), "GZ001", kSigningKey);
    EXPECT_FALSE(plain.send(submission(4, "four")).acknowledged) << "plain HTTP to the TLS port gets nothing";

    const ReviewClient missing_ca(endpoint("127.0.0.1", tls / "no-such-ca.pem"), "GZ001", kSigningKey);
    const auto unread = missing_ca.send(submission(5, "five"));
    EXPECT_FALSE(unread.acknowledged);
    EXPECT_NE(unread.error.find("CA"), std::string::npos) << unread.error;
    EXPECT_THROW(client_->fetch_receipt_decision(submission(2, "").receipt_number), ReviewServiceError)
        << "the plain-HTTP client cannot ask a TLS service either";
}

std::string file_bytes(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_F(ReviewDecisions, ApplicantDetailsAreSealedOnDiskAndShownOnlyToReviewers)
{
    ASSERT_EQ(add_reviewer("alice", kPassword), 0);
    start_server();
    const nlohmann::json details = {{"name", "Mary O'Brien-Smith"}, {"id_number", "11010519491231002X"},
                                    {"phone", "13800138000"}};
    auto with = submission(1, "with details");
    with.applicant = details;
    const auto without = submission(2, "without details");
    EXPECT_EQ(submit(with).status, 201u);
    EXPECT_EQ(submit(without).status, 201u);

    // Refused with a reason that names the field, and nothing is kept of them.
    auto bad = submission(3, "bad details");
    bad.applicant = {{"name", "Mary"}, {"id_number", "110105194912310021"}};
    auto refused = submit(bad);
    EXPECT_EQ(refused.status, 400u);
    EXPECT_NE(refused.json().value("error", "").find("check character"), std::string::npos) << refused.body;
    EXPECT_EQ(refused.body.find("110105194912310021"), std::string::npos) << "the reason never repeats the value";
    bad.applicant = nlohmann::json{{"name", std::string(65, 'a')}};
    refused = submit(bad);
    EXPECT_EQ(refused.status, 400u);
    EXPECT_NE(refused.json().value("error", "").find("longer than 64"), std::string::npos) << refused.body;
    bad.applicant = {{"name", "Mary"}, {"email", "mary@example.cn"}};
    EXPECT_EQ(submit(bad).status, 400u);
    EXPECT_EQ(get("/v1/receipts/" + bad.receipt_number).status, 404u) << "a refused submission leaves nothing";

    // Reviewers see them through the API and on the page, escaped.
    const auto token = login();
    const auto queue = whole_queue(token);
    ASSERT_EQ(queue.size(), 2u);
    const auto id_with = std::to_string(queue[0].at("id").get<std::int64_t>());
    const auto id_without = std::to_string(queue[1].at("id").get<std::int64_t>());
    EXPECT_EQ(get("/v1/review/submissions/" + id_with, token).json().at("applicant"), details);
    EXPECT_TRUE(get("/v1/review/submissions/" + id_without, token).json().at("applicant").is_null());
    EXPECT_EQ(get("/v1/review/submissions/" + id_with).status, 401u) << "not without a session";
    const auto queue_reply = get("/v1/review/queue", token);
    EXPECT_EQ(queue_reply.body.find("13800138000"), std::string::npos) << "the queue lists no personal details";

    const std::string form_type = "application/x-www-form-urlencoded";
    const auto signed_in =
        request(http::verb::post, "/review/login", "name=alice&password=a+long+reviewer+password", form_type);
    ASSERT_EQ(signed_in.status, 303u) << signed_in.body;
    const auto cookie = signed_in.set_cookie.substr(0, signed_in.set_cookie.find(';'));
    const auto page = request(http::verb::get, "/review/submissions/" + id_with, {}, {}, {}, cookie);
    ASSERT_EQ(page.status, 200u);
    EXPECT_NE(page.body.find(review::html_escape("Mary O'Brien-Smith")), std::string::npos) << page.body;
    EXPECT_EQ(page.body.find("O'Brien"), std::string::npos) << "escaped, never raw";
    EXPECT_NE(page.body.find("11010519491231002X"), std::string::npos);
    EXPECT_NE(page.body.find("13800138000"), std::string::npos);
    const auto plain_page = request(http::verb::get, "/review/submissions/" + id_without, {}, {}, {}, cookie);
    ASSERT_EQ(plain_page.status, 200u);
    EXPECT_EQ(plain_page.body.find("11010519491231002X"), std::string::npos);
    EXPECT_EQ(get("/review/submissions/" + id_with).status, 303u) << "to the sign-in form";

    // Never on the public status page or in the kiosk's status JSON.
    for (const auto& target : {"/status/" + with.receipt_number, "/status?number=" + with.receipt_number,
                               "/v1/receipts/" + with.receipt_number}) {
        const auto reply = get(target);
        EXPECT_EQ(reply.status, 200u) << target;
        for (const auto& [field, value] : details.items()) {
            EXPECT_EQ(reply.body.find(value.get<std::string>()), std::string::npos) << field << " on " << target;
            EXPECT_EQ(reply.body.find(review::html_escape(value.get<std::string>())), std::string::npos) << field;
        }
    }

    // On disk: sealed in the database, with a key readable by its owner only.
    stop_server();
    const auto key_file = root_.path() / "applicant-key.json";
    ASSERT_TRUE(std::filesystem::exists(key_file)) << "made at the first start beside the kiosk keys";
    EXPECT_EQ(std::filesystem::status(key_file).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    int database_files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root_.path() / "data")) {
        if (!entry.is_regular_file())
            continue;
        database_files += entry.path().filename().string().starts_with("review.db");
        const auto bytes = file_bytes(entry.path());
        for (const auto& [field, value] : details.items())
            EXPECT_EQ(bytes.find(value.get<std::string>()), std::string::npos) << field << " in " << entry.path();
    }
    EXPECT_GE(database_files, 1);

    // Restarted with its key, the service opens them again.
    start_server();
    EXPECT_EQ(get("/v1/review/submissions/" + id_with, login()).json().at("applicant"), details);
}

// A login's Argon2id check runs off the network thread: a receipt status asked
// while a costly check is running is answered before the login is.
TEST_F(ReviewDecisions, AStatusRequestIsAnsweredWhileALoginIsChecked)
{
    // Over a second per check here, far more than a status lookup costs.
    reviewing_["password"]["kdf_ops_limit"] = 24;
    reviewing_["password"]["kdf_mem_limit_kib"] = 65536;
    write_reviewing();
    ASSERT_EQ(add_reviewer("alice", kPassword), 0);
    start_server();
    const auto s = submission(1, "status while signing in");
    ASSERT_TRUE(client_->send(s).acknowledged);

    const auto started = steady_clock::now();
    auto signing_in = std::async(std::launch::async, [&] {
        const auto reply = post("/v1/review/login", {{"name", "alice"}, {"password", kPassword}});
        return std::pair{reply.status, steady_clock::now()};
    });
    // Long enough for the service to have read the login and started its check.
    std::this_thread::sleep_for(150ms);
    const auto status = get("/v1/receipts/" + s.receipt_number);
    const auto status_answered = steady_clock::now();
    const auto [login_status, login_answered] = signing_in.get();
    EXPECT_EQ(status.status, 200u) << status.body;
    EXPECT_EQ(login_status, 200u);
    const auto ms = [&](steady_clock::time_point t) { return duration_cast<milliseconds>(t - started).count(); };
    RecordProperty("status_answered_ms", static_cast<int>(ms(status_answered)));
    RecordProperty("login_answered_ms", static_cast<int>(ms(login_answered)));
    EXPECT_LT(status_answered, login_answered)
        << "status at " << ms(status_answered) << " ms, login at " << ms(login_answered) << " ms";
}

// Logins beyond max_waiting_checks are turned away at once instead of queuing.
TEST_F(ReviewDecisions, LoginsBeyondTheWaitingLimitGet503)
{
    reviewing_["password"]["kdf_ops_limit"] = 24;
    reviewing_["password"]["kdf_mem_limit_kib"] = 65536;
    reviewing_["password"]["check_threads"] = 1;
    reviewing_["password"]["max_waiting_checks"] = 1;
    write_reviewing();
    ASSERT_EQ(add_reviewer("alice", kPassword), 0);
    start_server();
    auto first = std::async(std::launch::async,
                            [&] { return post("/v1/review/login", {{"name", "alice"}, {"password", kPassword}}); });
    std::this_thread::sleep_for(150ms);
    const auto second = post("/v1/review/login", {{"name", "alice"}, {"password", kPassword}});
    EXPECT_EQ(second.status, 503u) << second.body;
    EXPECT_NE(second.json().value("error", "").find("too many sign-ins"), std::string::npos) << second.body;
    EXPECT_EQ(first.get().status, 200u);
    EXPECT_EQ(post("/v1/review/login", {{"name", "alice"}, {"password", kPassword}}).status, 200u)
        << "once the check is done the next login is taken";
}

} // namespace
