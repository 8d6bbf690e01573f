#include "upload/review_client.h"

#include <type_traits>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "receipt/receipt_number.h"
#include "upload/request_signature.h"
#include "upload/submission_body.h"

namespace kiosk::upload {
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
namespace ssl = boost::asio::ssl;

namespace {

constexpr const char* kSubmissionsTarget = "/v1/submissions";
constexpr const char* kReceiptsTarget = "/v1/receipts/";

// One request and its response, or why there is none ("<step>: <error>").
struct Exchange {
    http::response<http::string_body> response;
    std::string error;
};

// Connects, (for TLS) shakes hands, sends and reads on `stream`, all as
// asynchronous operations on `io`, because only those honour
// beast::tcp_stream's deadlines; io.run() returns when the exchange has
// finished one way or the other.
template <class Stream>
Exchange run_exchange(boost::asio::io_context& io, Stream& stream, const tcp::resolver::results_type& addresses,
                      const ServiceEndpoint& endpoint, http::request<http::string_body>& request)
{
    beast::flat_buffer buffer;
    Exchange result;
    beast::error_code failure;
    std::string failed_step;
    const auto fail = [&](const char* step, beast::error_code error) {
        failure = error;
        failed_step = step;
    };
    const auto send_and_receive = [&] {
        http::async_write(stream, request, [&](beast::error_code error, std::size_t) {
            if (error)
                return fail("send", error);
            http::async_read(stream, buffer, result.response, [&](beast::error_code error, std::size_t) {
                if (error)
                    fail("receive", error);
            });
        });
    };

    auto& tcp_layer = beast::get_lowest_layer(stream);
    tcp_layer.expires_after(endpoint.connect_timeout);
    tcp_layer.async_connect(addresses, [&](beast::error_code error, const tcp::endpoint&) {
        if (error)
            return fail("connect", error);
        tcp_layer.expires_after(endpoint.request_timeout);
        if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
            send_and_receive();
        } else {
            stream.async_handshake(ssl::stream_base::client, [&](beast::error_code error) {
                if (error)
                    return fail("TLS handshake", error);
                send_and_receive();
            });
        }
    });
    io.run();

    beast::error_code ignored;
    tcp_layer.socket().shutdown(tcp::socket::shutdown_both, ignored);
    if (failure)
        result.error = failed_step + ": " + failure.message();
    return result;
}

Exchange exchange(const ServiceEndpoint& endpoint, http::request<http::string_body>& request)
{
    boost::asio::io_context io;
    tcp::resolver resolver(io);
    beast::error_code resolve_error;
    const auto addresses = resolver.resolve(endpoint.host, std::to_string(endpoint.port), resolve_error);
    if (resolve_error)
        return {{}, "resolve: " + resolve_error.message()};
    if (endpoint.ca_file.empty()) {
        beast::tcp_stream stream(io);
        return run_exchange(io, stream, addresses, endpoint, request);
    }

    // The review centre's CA is pinned: it is the only one trusted (no
    // system CAs), the peer must present a chain to it, and the certificate
    // must name the host the kiosk was configured with.
    ssl::context tls(ssl::context::tls_client);
    tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                    ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    beast::error_code ca_error;
    tls.load_verify_file(endpoint.ca_file.string(), ca_error);
    if (ca_error)
        return {{}, "TLS: cannot read the service's CA " + endpoint.ca_file.string() + ": " + ca_error.message()};
    tls.set_verify_mode(ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(io, tls);
    stream.set_verify_callback(ssl::host_name_verification(endpoint.host));
    // Server Name Indication, for a service behind a proxy that hosts several names.
    SSL_set_tlsext_host_name(stream.native_handle(), endpoint.host.c_str());
    return run_exchange(io, stream, addresses, endpoint, request);
}

} // namespace

ReviewClient::ReviewClient(ServiceEndpoint endpoint, std::string kiosk_id, std::string signing_key)
    : endpoint_(std::move(endpoint)), kiosk_id_(std::move(kiosk_id)), signing_key_(std::move(signing_key))
{
}

UploadAttempt ReviewClient::send(const Submission& submission) const
{
    http::request<http::string_body> request(http::verb::post, kSubmissionsTarget, 11);
    request.set(http::field::host, endpoint_.host);
    request.set(http::field::content_type, "application/json");
    request.body() = encode_submission_body(submission);
    request.prepare_payload();
    const auto timestamp = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch()).count();
    const auto canonical = canonical_request("POST", kSubmissionsTarget, kiosk_id_, timestamp, request.body());
    request.set(std::string(kKioskIdHeader), kiosk_id_);
    request.set(std::string(kTimestampHeader), std::to_string(timestamp));
    request.set(std::string(kSignatureHeader), sign_canonical_request(signing_key_, canonical));

    const auto answer = exchange(endpoint_, request);
    if (!answer.error.empty())
        return {false, answer.error};
    const auto status = answer.response.result_int();
    if (status == 200 || status == 201)
        return {true, {}};
    return {false, "HTTP " + std::to_string(status)};
}

ReceiptDecision ReviewClient::fetch_receipt_decision(std::string_view receipt_number) const
{
    const auto number = receipt::ReceiptNumber::parse(receipt_number);
    http::request<http::string_body> request(http::verb::get, kReceiptsTarget + number.str(), 11);
    request.set(http::field::host, endpoint_.host);
    const auto answer = exchange(endpoint_, request);
    if (!answer.error.empty())
        throw ReviewServiceError("receipt status: " + answer.error);
    const auto status = answer.response.result_int();
    if (status == 404)
        throw UnknownReceipt("the review service has no photo under receipt number " + number.str());
    if (status != 200)
        throw ReviewServiceError("receipt status: HTTP " + std::to_string(status));
    auto decision = parse_receipt_decision(answer.response.body());
    if (decision.receipt_number != number.str())
        throw ReviewServiceError("receipt status: the answer is about another receipt number");
    return decision;
}

} // namespace kiosk::upload
