#pragma once

#include <map>
#include <string>

#include <boost/beast/http.hpp>

#include "review_store.h"
#include "server_config.h"

namespace kiosk::review {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

// The service's HTTP API, independent of sockets:
//   POST /v1/submissions              kiosk-signed (app/upload/request_signature.h);
//                                     201 created, 200 duplicate or resubmission
//   GET  /v1/receipts/<number>        public, read-only: status and reason
// Every refusal is a 4xx with {"error": "<reason>"}; a failure of the
// service itself is a 500 the kiosk retries. Reasons never echo personal data.
class ReviewApi {
public:
    ReviewApi(const ServerConfig& config, std::map<std::string, std::string> kiosk_keys, ReviewStore& store);

    HttpResponse handle(const HttpRequest& request);

private:
    HttpResponse submit(const HttpRequest& request);
    HttpResponse receipt_status(const HttpRequest& request, const std::string& number);
    // Returns the authenticated kiosk id or throws RequestRefused (401).
    std::string authenticate(const HttpRequest& request);

    ServerConfig config_;
    std::map<std::string, std::string> kiosk_keys_;
    ReviewStore& store_;
};

} // namespace kiosk::review
