#include "support/loopback_http.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>

namespace kiosk::test {

namespace http = boost::beast::http;

std::pair<unsigned, nlohmann::json> loopback_exchange(std::uint16_t port, http::request<http::string_body> request)
{
    boost::asio::io_context io;
    boost::beast::tcp_stream stream(io);
    stream.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    request.set(http::field::host, "127.0.0.1");
    request.prepare_payload();
    http::write(stream, request);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    return {response.result_int(), nlohmann::json::parse(response.body(), nullptr, false)};
}

} // namespace kiosk::test
