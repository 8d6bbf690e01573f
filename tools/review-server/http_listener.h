#pragma once

#include <functional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http.hpp>

#include "review_api.h"

namespace kiosk::review {

// Accepts connections on the io_context's thread and serves each with
// Boost.Beast: one request at a time per connection, keep-alive honoured,
// the body limit enforced while reading (413 before the rest is read), and
// a connection idle or stalled past `read_timeout` closed. With a TLS
// context every connection starts with the TLS handshake (under the same
// deadline); without one it is plain HTTP.
class HttpListener {
public:
    // Answers a request through the Reply, at once or later on the io_context's thread.
    using Handler = std::function<void(const HttpRequest&, Reply)>;

    // `tls` may be null (plain HTTP); it must outlive the listener.
    HttpListener(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint, const InputLimits& limits,
                 boost::asio::ssl::context* tls, Handler handler);
    void start();
    std::uint16_t port() const;

private:
    void accept_next();

    boost::asio::ip::tcp::acceptor acceptor_;
    InputLimits limits_;
    boost::asio::ssl::context* tls_;
    Handler handler_;
};

} // namespace kiosk::review
