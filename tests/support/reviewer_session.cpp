#include "support/reviewer_session.h"

#include <cstdio>
#include <stdexcept>

#include <boost/beast/http.hpp>
#include <sys/wait.h>

#include "support/loopback_http.h"

namespace kiosk::test {
namespace {

namespace http = boost::beast::http;

// Long enough for reviewing.json's min_chars; a test account's only.
constexpr const char* kPassword = "a reviewer password for tests only";

std::pair<unsigned, nlohmann::json> exchange(std::uint16_t port, http::verb method, const std::string& target,
                                             const std::string& token,
                                             const std::optional<nlohmann::json>& body = std::nullopt)
{
    http::request<http::string_body> request(method, target, 11);
    if (!token.empty())
        request.set(http::field::authorization, "Bearer " + token);
    if (body) {
        request.set(http::field::content_type, "application/json");
        request.body() = body->dump();
    }
    return loopback_exchange(port, std::move(request));
}

} // namespace

ReviewerSession::ReviewerSession(const std::filesystem::path& binary, const ReviewServerProcess& server,
                                 const std::string& name)
    : port_(server.port())
{
    const std::string command = binary.string() + " --log-level warn --config " + server.config_file().string() +
                                " add-reviewer " + name + " >/dev/null";
    FILE* pipe = ::popen(command.c_str(), "w");
    if (!pipe)
        throw std::runtime_error("cannot run review-server add-reviewer");
    std::fputs((std::string(kPassword) + "\n").c_str(), pipe);
    const int status = ::pclose(pipe);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error("review-server add-reviewer " + name + " failed");
    const auto [login_status, login] =
        exchange(port_, http::verb::post, "/v1/review/login", {}, nlohmann::json{{"name", name}, {"password", kPassword}});
    if (login_status != 200 || !login.contains("token"))
        throw std::runtime_error("reviewer login: HTTP " + std::to_string(login_status));
    token_ = login.at("token").get<std::string>();
}

std::optional<std::int64_t> ReviewerSession::pending_submission(const std::string& receipt_number) const
{
    std::string target = "/v1/review/queue";
    for (;;) {
        const auto [status, page] = exchange(port_, http::verb::get, target, token_);
        if (status != 200)
            throw std::runtime_error("review queue: HTTP " + std::to_string(status));
        for (const auto& item : page.at("submissions"))
            if (item.at("receipt_number") == receipt_number)
                return item.at("id").get<std::int64_t>();
        if (page.at("next_after").is_null())
            return std::nullopt;
        target = "/v1/review/queue?after=" + std::to_string(page.at("next_after").get<std::int64_t>());
    }
}

unsigned ReviewerSession::reject(std::int64_t submission_id, const std::string& reason) const
{
    return exchange(port_, http::verb::post, "/v1/review/submissions/" + std::to_string(submission_id) + "/decision",
                    token_, nlohmann::json{{"decision", "reject"}, {"reason", reason}})
        .first;
}

unsigned ReviewerSession::approve(std::int64_t submission_id) const
{
    return exchange(port_, http::verb::post, "/v1/review/submissions/" + std::to_string(submission_id) + "/decision",
                    token_, nlohmann::json{{"decision", "approve"}})
        .first;
}

nlohmann::json ReviewerSession::submission(std::int64_t submission_id) const
{
    const auto [status, body] =
        exchange(port_, http::verb::get, "/v1/review/submissions/" + std::to_string(submission_id), token_);
    if (status != 200)
        throw std::runtime_error("review submission: HTTP " + std::to_string(status));
    return body;
}

} // namespace kiosk::test
