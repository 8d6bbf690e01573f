#include "support/review_server_process.h"

#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <boost/asio/ip/tcp.hpp>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

namespace kiosk::test {

std::uint16_t free_loopback_port()
{
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

ReviewServerProcess::ReviewServerProcess(std::filesystem::path binary, std::filesystem::path folder, std::uint16_t port,
                                         const std::string& kiosk_id, const std::string& signing_key,
                                         std::string log_level)
    : binary_(std::move(binary)), folder_(std::move(folder)), port_(port), log_level_(std::move(log_level))
{
    std::filesystem::create_directories(folder_);
    std::string hex;
    for (const unsigned char byte : signing_key) {
        char pair[3];
        std::snprintf(pair, sizeof pair, "%02x", byte);
        hex += pair;
    }
    const auto keys = folder_ / "kiosk-keys.json";
    std::ofstream(keys) << nlohmann::json{{"kiosks", {{kiosk_id, hex}}}}.dump();
    std::filesystem::permissions(keys, std::filesystem::perms::owner_read);
    // Limits sized for photos of a few hundred KB, as the kiosk sends.
    const nlohmann::json config = {{"listen", {{"address", "127.0.0.1"}, {"port", port_}}},
                                   {"data_dir", "data"},
                                   {"kiosk_keys_file", "kiosk-keys.json"},
                                   {"max_clock_skew_s", 300},
                                   {"limits",
                                    {{"max_body_bytes", 1'000'000},
                                     {"max_photo_bytes", 600'000},
                                     {"max_assessment_bytes", 4096},
                                     {"max_id_chars", 32},
                                     {"read_timeout_ms", 5000}}}};
    std::ofstream(folder_ / "server.json") << config.dump();
}

ReviewServerProcess::~ReviewServerProcess()
{
    kill();
}

void ReviewServerProcess::start()
{
    if (running())
        throw std::logic_error("the review server is already running");
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    const std::string config = (folder_ / "server.json").string();
    const std::string log = log_file().string();
    pid_ = ::fork();
    if (pid_ < 0)
        throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid_ == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[0]);
        ::close(out[1]);
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (fd >= 0)
            ::dup2(fd, STDERR_FILENO);
        ::execl(binary_.c_str(), binary_.c_str(), "--config", config.c_str(), "--log-level", log_level_.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(out[1]);
    // The program prints this line only once it accepts connections.
    std::string line;
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n')
        line.push_back(c);
    ::close(out[0]);
    if (line != "listening on 127.0.0.1:" + std::to_string(port_)) {
        kill();
        std::ostringstream log_text;
        log_text << std::ifstream(log_file()).rdbuf();
        throw std::runtime_error("review-server did not start (said \"" + line + "\"): " + log_text.str());
    }
}

bool ReviewServerProcess::stop()
{
    if (!running())
        return true;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void ReviewServerProcess::kill()
{
    if (!running())
        return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

std::filesystem::path ReviewServerProcess::photo_path(const std::string& sha256_hex) const
{
    return data_dir() / "photos" / sha256_hex.substr(0, 2) / sha256_hex;
}

} // namespace kiosk::test
