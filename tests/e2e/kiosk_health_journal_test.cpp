// A whole scripted visit of `kiosk --demo --headless --script walkup
// --log-journal` with this test's own applicant (a copy of config/ whose
// walk-up citizen has a name, ID number and phone no other test uses): what
// the journal sink sends must be structured records (identifier, priority,
// component, the health events) and none of the citizen's details or the
// photo's path may appear in any record, nor on stdout or stderr.
//
// sd_journal_sendv's datagrams are read by support/fake_journald.h, bound in
// journald's place; the test skips, saying why, when it cannot be.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/json_file.h"
#include "e2e/kiosk_run.h"
#include "support/fake_journald.h"
#include "support/faces.h"
#include "support/test_folder.h"

namespace {

using namespace std::chrono;
using namespace kiosk::test;

TEST(KioskJournal, AWholeVisitLogsStructuredRecordsWithoutTheCitizensDetails)
{
    KIOSK_REQUIRE_FACES(faces);
    if (const auto why = FakeJournald::unavailable())
        GTEST_SKIP() << *why;

    const TestFolder folder("kiosk-journal");
    const auto& root = folder.path();
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
