// A whole scripted visit of `kiosk --demo --headless --script walkup
// --log-journal` with this test's own applicant (a copy of config/ whose
// walk-up citizen has a name, ID number and phone no other test uses): what
// the journal sink sends must be structured records (identifier, priority,
// component, the health events) and none of the citizen's details or the
// photo's path may appear in any record, nor on stdout or stderr.
//
// sd_journal_sendv writes datagrams to /run/systemd/journal/socket. No
// journald runs on the build machine, so the test binds that socket itself
// (as root) and reads the datagrams the way journald would; it skips, saying
// why, when a journald owns the socket or it is not root.
#include <sys/socket.h>
#include <sys/un.h>
#include <poll.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/json_file.h"
#include "e2e/kiosk_run.h"
#include "support/faces.h"

namespace {

using namespace std::chrono;
using namespace kiosk::test;

const std::filesystem::path journal_socket = "/run/systemd/journal/socket";

// Reads journald's native protocol datagrams ("FIELD=value\n", or for a value
// with a newline "FIELD\n" + 64-bit little-endian length + bytes + "\n").
class FakeJournald {
public:
    FakeJournald()
    {
        // Only what this test makes is removed again.
        for (auto folder = journal_socket.parent_path(); !std::filesystem::exists(folder); folder = folder.parent_path())
            made_.push_back(folder);
        std::filesystem::create_directories(journal_socket.parent_path());
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        journal_socket.string().copy(address.sun_path, sizeof address.sun_path - 1);
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            throw std::runtime_error("cannot bind " + journal_socket.string());
        const int size = 8 << 20;
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
        reader_ = std::thread([this] { read(); });
    }
    ~FakeJournald()
    {
        stop_ = true;
        reader_.join();
        ::close(fd_);
        std::filesystem::remove(journal_socket);
        for (const auto& folder : made_)
            std::filesystem::remove(folder);
    }

    std::vector<std::map<std::string, std::string>> records() const
    {
        std::lock_guard lock(mutex_);
        return records_;
    }
    std::string raw() const
    {
        std::lock_guard lock(mutex_);
        return raw_;
    }

private:
    void read()
    {
        std::vector<char> buffer(1 << 20);
        while (!stop_) {
            pollfd ready{fd_, POLLIN, 0};
            if (::poll(&ready, 1, 100) != 1)
                continue;
            const ssize_t length = ::recv(fd_, buffer.data(), buffer.size(), 0);
            if (length <= 0)
                continue;
            const std::string datagram(buffer.data(), static_cast<std::size_t>(length));
            std::lock_guard lock(mutex_);
            raw_ += datagram;
            records_.push_back(parse(datagram));
        }
    }

    static std::map<std::string, std::string> parse(const std::string& datagram)
    {
        std::map<std::string, std::string> fields;
        std::size_t at = 0;
        while (at < datagram.size()) {
            const auto end = datagram.find('\n', at);
            if (end == std::string::npos)
                break;
            const std::string line = datagram.substr(at, end - at);
            if (const auto equals = line.find('='); equals != std::string::npos) {
                fields[line.substr(0, equals)] = line.substr(equals + 1);
                at = end + 1;
            } else {
                std::uint64_t size = 0;
                datagram.copy(reinterpret_cast<char*>(&size), 8, end + 1);
                fields[line] = datagram.substr(end + 9, size);
                at = end + 9 + size + 1;
            }
        }
        return fields;
    }

    int fd_ = -1;
    std::vector<std::filesystem::path> made_;   // innermost first
    std::atomic<bool> stop_{false};
    std::thread reader_;
    mutable std::mutex mutex_;
    std::vector<std::map<std::string, std::string>> records_;
    std::string raw_;
};

TEST(KioskJournal, AWholeVisitLogsStructuredRecordsWithoutTheCitizensDetails)
{
    KIOSK_REQUIRE_FACES(faces);
    if (::geteuid() != 0)
        GTEST_SKIP() << "binding " << journal_socket << " in place of journald needs root";
    if (std::filesystem::exists(journal_socket))
        GTEST_SKIP() << "a journald owns " << journal_socket << ": its records cannot be read back here";

    const auto root = std::filesystem::path(::testing::TempDir()) / ("kiosk-journal-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root);
    std::filesystem::copy(std::filesystem::path(KIOSK_SOURCE_DIR) / "config", root / "config",
                          std::filesystem::copy_options::recursive);
    // This test's own citizen, so a match can only come from this visit.
    const std::string name = "司马测验";
    const std::string id_number = "440106198503071233";
    const std::string phone = "13977770123";
    const auto citizen_file = root / "config/kiosk/walk-up-citizen.json";
    auto citizen = kiosk::load_json_file(citizen_file);
    citizen["name"] = name;
    citizen["id_number"] = id_number;
    citizen["phone"] = phone;
    std::ofstream(citizen_file) << citizen.dump();
    ::setenv("KIOSK_CONFIG_DIR", (root / "config").c_str(), 1);

    KioskRun run;
    std::vector<std::map<std::string, std::string>> records;
    std::string raw;
    {
        FakeJournald journald;
        run = run_program({KIOSK_BIN, "--demo", "--headless", "--script", "walkup", "--log-journal", "--log-level",
                           "debug", "--state-dir", (root / "state").string(), "--faces", faces.string()},
                          root, seconds(150));
        std::this_thread::sleep_for(milliseconds(300));
        records = journald.records();
        raw = journald.raw();
    }
    ::unsetenv("KIOSK_CONFIG_DIR");
    const auto portrait = kiosk::load_json_file(root / "config/kiosk/demo.json").at("camera").at("footage");
    std::filesystem::remove_all(root);
    ASSERT_EQ(run.status, 0) << run.err;

    ASSERT_GT(records.size(), 10u);
    std::map<std::string, int> events;
    for (const auto& record : records) {
        EXPECT_EQ(record.at("SYSLOG_IDENTIFIER"), "kiosk");
        EXPECT_TRUE(record.count("PRIORITY") && record.count("MESSAGE"));
        if (record.count("KIOSK_EVENT"))
            ++events[record.at("KIOSK_EVENT")];
    }
    std::cout << records.size() << " journal records; health events:";
    for (const auto& [event, count] : events)
        std::cout << " " << event << " x" << count;
    std::cout << "\n";
    EXPECT_EQ(events["visit_completed"], 1);
    EXPECT_GE(events["readiness_changed"], 2);
    EXPECT_TRUE(std::any_of(records.begin(), records.end(), [](const auto& record) {
        return record.count("KIOSK_COMPONENT") && record.at("KIOSK_COMPONENT") == "session";
    }));

    const std::string portrait_name = std::filesystem::path(portrait.get<std::string>()).filename().string();
    for (const std::string& secret : {name, id_number, phone, portrait_name}) {
        EXPECT_EQ(raw.find(secret), std::string::npos) << secret << " reached the journal";
        EXPECT_EQ(run.out.find(secret), std::string::npos) << secret << " on stdout";
        EXPECT_EQ(run.err.find(secret), std::string::npos) << secret << " on stderr";
    }
}

} // namespace
