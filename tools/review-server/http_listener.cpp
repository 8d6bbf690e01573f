#include "http_listener.h"

#include <memory>
#include <optional>
#include <type_traits>

#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <spdlog/spdlog.h>

namespace kiosk::review {
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

namespace {

// One connection over a plain beast::tcp_stream or a TlsStream.
template <class Stream>
class Connection : public std::enable_shared_from_this<Connection<Stream>> {
public:
    template <class... StreamArgs>
    Connection(const InputLimits& limits, const HttpListener::Handler& handler, StreamArgs&&... stream_args)
        : stream_(std::forward<StreamArgs>(stream_args)...), limits_(limits), handler_(handler)
    {
    }

    void start()
    {
        if constexpr (std::is_same_v<Stream, TlsStream>) {
            // A client that connects and never completes the handshake is cut off like a stalled one.
            beast::get_lowest_layer(stream_).expires_after(limits_.read_timeout);
            stream_.async_handshake(boost::asio::ssl::stream_base::server,
                                    [self = this->shared_from_this()](beast::error_code error) {
                                        if (error) {
                                            spdlog::debug("TLS handshake failed: {}", error.message());
                                            return self->close();
                                        }
                                        self->read_next();
                                    });
        } else {
            read_next();
        }
    }

private:
    void read_next()
    {
        parser_.emplace();
        parser_->body_limit(limits_.max_body_bytes);
        beast::get_lowest_layer(stream_).expires_after(limits_.read_timeout);
        http::async_read(stream_, buffer_, *parser_,
                         [self = this->shared_from_this()](beast::error_code error, std::size_t) { self->on_read(error); });
    }

    void on_read(beast::error_code error)
    {
        if (error == http::error::end_of_stream || error == beast::error::timeout)
            return close();
        if (error == http::error::body_limit)
            return refuse(http::status::payload_too_large,
                          "body is larger than " + std::to_string(limits_.max_body_bytes) + " bytes");
        if (error == http::error::header_limit)
            return refuse(http::status::request_header_fields_too_large, "headers are too large");
        if (error) {
            // A malformed request cannot be answered reliably; closing is the answer.
            spdlog::debug("connection dropped: {}", error.message());
            return close();
        }
        // The request stays in parser_ until the reply is written: nothing is read meanwhile.
        handler_(parser_->get(), [self = this->shared_from_this()](HttpResponse response) {
            self->write(std::make_shared<HttpResponse>(std::move(response)));
        });
    }

    void refuse(http::status status, const std::string& reason)
    {
        auto response = std::make_shared<HttpResponse>(status, 11);
        response->set(http::field::content_type, "application/json");
        response->body() = nlohmann::json{{"error", reason}}.dump();
        // The rest of the body is still on the wire; this connection cannot carry another request.
        response->keep_alive(false);
        response->prepare_payload();
        write(response);
    }

    void write(const std::shared_ptr<HttpResponse>& response)
    {
        beast::get_lowest_layer(stream_).expires_after(limits_.read_timeout);
        http::async_write(stream_, *response,
                          [self = this->shared_from_this(), response](beast::error_code error, std::size_t) {
                              if (error || !response->keep_alive())
                                  return self->close();
                              self->read_next();
                          });
    }

    void close()
    {
        // Without a TLS close_notify: every response carries its length, so
        // the client never needs the end of the stream to know it has it all.
        beast::error_code ignored;
        beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    Stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    InputLimits limits_;
    // The listener outlives its connections: it is destroyed only after the io_context stopped.
    const HttpListener::Handler& handler_;
};

} // namespace

HttpListener::HttpListener(boost::asio::io_context& io, const tcp::endpoint& endpoint, const InputLimits& limits,
                           boost::asio::ssl::context* tls, Handler handler)
    : acceptor_(io, endpoint), limits_(limits), tls_(tls), handler_(std::move(handler))
{
}

std::uint16_t HttpListener::port() const
{
    return acceptor_.local_endpoint().port();
}

void HttpListener::start()
{
    accept_next();
}

void HttpListener::accept_next()
{
    acceptor_.async_accept([this](beast::error_code error, tcp::socket socket) {
        if (error) {
            if (error != boost::asio::error::operation_aborted)
                spdlog::warn("accept failed: {}", error.message());
            if (error == boost::asio::error::operation_aborted)
                return;
        } else if (tls_) {
            std::make_shared<Connection<TlsStream>>(limits_, handler_, std::move(socket), *tls_)->start();
        } else {
            std::make_shared<Connection<beast::tcp_stream>>(limits_, handler_, std::move(socket))->start();
        }
        accept_next();
    });
}

} // namespace kiosk::review
