#include "support/cupsd_fixture.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cups/cups.h>

namespace kiosk::test {
namespace {

using Clock = std::chrono::steady_clock;

// A port that was free a moment ago. cupsd binds it itself; the start is
// retried on the rare clash.
int free_port()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        if (fd >= 0)
            ::close(fd);
        throw std::runtime_error(std::string("cannot find a free port: ") + std::strerror(errno));
    }
    ::close(fd);
    return ntohs(addr.sin_port);
}

std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct IppDelete {
    void operator()(ipp_t* p) const { ippDelete(p); }
};
struct HttpClose {
    void operator()(http_t* p) const { httpClose(p); }
};

std::unique_ptr<http_t, HttpClose> connect(int port, int timeout_ms)
{
    return std::unique_ptr<http_t, HttpClose>(
        httpConnect2("127.0.0.1", port, nullptr, AF_INET, HTTP_ENCRYPTION_NEVER, 1, timeout_ms, nullptr));
}

std::string printer_uri(int port, const std::string& queue)
{
    return "ipp://127.0.0.1:" + std::to_string(port) + "/printers/" + queue;
}

} // namespace

TemporaryCupsd::TemporaryCupsd(std::chrono::milliseconds timeout)
{
    char pattern[] = "kiosk-cupsd-XXXXXX";
    const auto tmpl = std::filesystem::temp_directory_path() / pattern;
    std::string buffer = tmpl.string();
    if (!::mkdtemp(buffer.data()))
        throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
    root_ = buffer;
    try {
        for (const char* dir : {"etc", "spool/tmp", "cache", "state", "log", "bin/backend", "out"})
            std::filesystem::create_directories(root_ / dir);
        // cupsd runs its filters and backends through ServerBin; only the
        // backends are the tests' own.
        for (const char* dir : {"daemon", "filter", "cgi-bin", "notifier", "monitor", "driver"})
            if (std::filesystem::exists(std::filesystem::path("/usr/lib/cups") / dir))
                std::filesystem::create_directory_symlink(std::filesystem::path("/usr/lib/cups") / dir,
                                                          root_ / "bin" / dir);
        for (const auto& entry : std::filesystem::directory_iterator(KIOSK_TEST_CUPS_BACKENDS)) {
            const auto target = root_ / "bin/backend" / entry.path().filename();
            std::filesystem::copy_file(entry.path(), target);
            // Owner-only: as root, cupsd runs a backend as root only when no
            // one else may run it, and refuses group/world-writable ones.
            std::filesystem::permissions(target, std::filesystem::perms::owner_all,
                                         std::filesystem::perm_options::replace);
        }
        std::filesystem::permissions(root_ / "out", std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::replace);

        const auto deadline = Clock::now() + timeout;
        for (int attempt = 0;; ++attempt) {
            port_ = free_port();
            write_config();
            const auto started = Clock::now();
            start();
            try {
                wait_until_ready(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
                startup_time_ = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
                break;
            } catch (const std::runtime_error&) {
                if (attempt >= 2 || Clock::now() >= deadline)
                    throw;
            }
        }
    } catch (...) {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        std::error_code ec;
        std::filesystem::remove_all(root_, ec);
        throw;
    }
}

TemporaryCupsd::~TemporaryCupsd()
{
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        const auto deadline = Clock::now() + std::chrono::seconds(10);
        int status = 0;
        while (::waitpid(pid_, &status, WNOHANG) == 0) {
            if (Clock::now() > deadline) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
}

void TemporaryCupsd::write_config() const
{
    const std::string r = root_.string();
    const group* g = ::getgrgid(::getgid());
    std::ofstream files(root_ / "etc/cups-files.conf");
    files << "ServerRoot " << r << "/etc\n"
          << "ServerBin " << r << "/bin\n"
          << "DataDir /usr/share/cups\n"
          << "DocumentRoot /usr/share/cups/doc-root\n"
          << "RequestRoot " << r << "/spool\n"
          << "TempDir " << r << "/spool/tmp\n"
          << "CacheDir " << r << "/cache\n"
          << "StateDir " << r << "/state\n"
          << "ErrorLog " << r << "/log/error_log\n"
          << "AccessLog " << r << "/log/access_log\n"
          << "PageLog " << r << "/log/page_log\n"
          << "SystemGroup " << (g ? g->gr_name : "root") << "\n"
          << "FileDevice No\n"
          << "Sandboxing Relaxed\n";
    std::ofstream conf(root_ / "etc/cupsd.conf");
    conf << "Listen 127.0.0.1:" << port_ << "\n"
         << "ServerName 127.0.0.1\n"
         << "ServerAlias *\n"
         << "LogLevel warn\n"
         << "Browsing No\n"
         << "WebInterface No\n"
         << "DefaultEncryption Never\n"
         << "DefaultAuthType None\n"
         << "PreserveJobHistory Yes\n"
         << "PreserveJobFiles No\n"
         << "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
         << "<Policy default>\n"
         << "  JobPrivateAccess default\n  JobPrivateValues default\n"
         << "  SubscriptionPrivateAccess default\n  SubscriptionPrivateValues default\n"
         << "  <Limit All>\n    Order allow,deny\n    Allow all\n  </Limit>\n</Policy>\n";
}

void TemporaryCupsd::start()
{
    const std::string conf = (root_ / "etc/cupsd.conf").string();
    const std::string files = (root_ / "etc/cups-files.conf").string();
    const std::string out = (root_ / "log/cupsd.out").string();
    pid_ = ::fork();
    if (pid_ < 0)
        throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid_ == 0) {
        const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (fd >= 0) {
            ::dup2(fd, STDOUT_FILENO);
            ::dup2(fd, STDERR_FILENO);
        }
        ::execlp("cupsd", "cupsd", "-f", "-c", conf.c_str(), "-s", files.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
}

void TemporaryCupsd::wait_until_ready(std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("cupsd exited during start-up: " + error_log());
        }
        if (auto http = connect(port_, 100)) {
            std::unique_ptr<ipp_t, IppDelete> response(cupsDoRequest(http.get(), ippNewRequest(IPP_OP_CUPS_GET_DEFAULT), "/"));
            if (response)
                return;
        }
        if (Clock::now() >= deadline) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
            pid_ = -1;
            throw std::runtime_error("cupsd did not answer in time: " + error_log());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

std::string TemporaryCupsd::error_log() const
{
    return read_file(root_ / "log/cupsd.out") + read_file(root_ / "log/error_log");
}

std::filesystem::path TemporaryCupsd::add_queue(const std::string& queue, const std::string& backend,
                                                const std::string& query)
{
    const auto out = root_ / "out" / queue;
    std::filesystem::create_directories(out);
    auto http = connect(port_, 5000);
    if (!http)
        throw std::runtime_error("cannot connect to the test cupsd");
    ipp_t* req = ippNewRequest(IPP_OP_CUPS_ADD_MODIFY_PRINTER);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printer_uri(port_, queue).c_str());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    ippAddString(req, IPP_TAG_PRINTER, IPP_TAG_URI, "device-uri", nullptr, (backend + ":" + out.string() + (query.empty() ? "" : "?" + query)).c_str());
    ippAddBoolean(req, IPP_TAG_PRINTER, "printer-is-accepting-jobs", 1);
    ippAddInteger(req, IPP_TAG_PRINTER, IPP_TAG_ENUM, "printer-state", IPP_PSTATE_IDLE);
    std::unique_ptr<ipp_t, IppDelete> response(cupsDoRequest(http.get(), req, "/admin/"));
    if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING)
        throw std::runtime_error("cannot add queue " + queue + ": " + cupsLastErrorString() + "\n" + error_log());
    return out;
}

void TemporaryCupsd::admin(int operation, const std::string& queue) const
{
    auto http = connect(port_, 5000);
    if (!http)
        throw std::runtime_error("cannot connect to the test cupsd");
    ipp_t* req = ippNewRequest(static_cast<ipp_op_t>(operation));
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printer_uri(port_, queue).c_str());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    std::unique_ptr<ipp_t, IppDelete> response(cupsDoRequest(http.get(), req, "/admin/"));
    if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING)
        throw std::runtime_error("IPP operation on " + queue + " failed: " + cupsLastErrorString());
}

void TemporaryCupsd::pause(const std::string& queue) { admin(IPP_OP_PAUSE_PRINTER, queue); }
void TemporaryCupsd::resume(const std::string& queue) { admin(IPP_OP_RESUME_PRINTER, queue); }
void TemporaryCupsd::reject_jobs(const std::string& queue) { admin(IPP_OP_CUPS_REJECT_JOBS, queue); }

int TemporaryCupsd::job_count(const std::string& queue) const
{
    auto http = connect(port_, 5000);
    if (!http)
        throw std::runtime_error("cannot connect to the test cupsd");
    ipp_t* req = ippNewRequest(IPP_OP_GET_JOBS);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printer_uri(port_, queue).c_str());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", nullptr, "all");
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", nullptr, "job-id");
    std::unique_ptr<ipp_t, IppDelete> response(cupsDoRequest(http.get(), req, "/"));
    if (!response)
        throw std::runtime_error(std::string("Get-Jobs failed: ") + cupsLastErrorString());
    int count = 0;
    for (ipp_attribute_t* a = ippFirstAttribute(response.get()); a; a = ippNextAttribute(response.get()))
        if (ippGetName(a) && std::string_view(ippGetName(a)) == "job-id")
            ++count;
    return count;
}

} // namespace kiosk::test
