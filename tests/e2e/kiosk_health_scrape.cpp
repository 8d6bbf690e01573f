#include "e2e/kiosk_health_scrape.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace kiosk::test {

Scrape scrape(std::uint16_t port, const std::string& target, const std::string& token)
{
    namespace http = boost::beast::http;
    const auto start = std::chrono::steady_clock::now();
    boost::asio::io_context io;
    boost::beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(5));
    stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    http::request<http::empty_body> request(http::verb::get, target, 11);
    request.set(http::field::host, "127.0.0.1");
    if (!token.empty())
        request.set(http::field::authorization, "Bearer " + token);
    http::write(stream, request);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    boost::beast::error_code ignored;
    stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    return Scrape{response.result_int(), response.body(), std::chrono::steady_clock::now() - start};
}

} // namespace kiosk::test
