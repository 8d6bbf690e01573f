// The applicant's details travel with the photo: sealed in the outbox, back
// out unchanged, in the request body only when there are some; and the kiosk
// can follow one submission's progress while the citizen waits.
#include <gtest/gtest.h>

#include "core/durable_file.h"
#include "core/error.h"
#include "receipt/receipt_number.h"
#include "support/test_folder.h"
#include "upload/outbox.h"
#include "upload/submission_body.h"

namespace {

using namespace kiosk;
using namespace kiosk::upload;
using namespace std::chrono;

const WallClock::time_point kStart = WallClock::time_point(seconds(1'764'000'000));

AtRestCipher::Key key()
{
    AtRestCipher::Key key{};
    key.fill(0x42);
    return key;
}

Submission submission(int sequence, std::optional<nlohmann::json> applicant)
{
    Submission s;
    s.receipt_number = receipt::ReceiptNumber::issue("GZ001", year{2025} / November / 25, sequence).str();
    s.spec = "resident-id";
    s.city = "guangzhou";
    s.kiosk_id = "GZ001";
    s.assessment = {{"verdict", "pass"}};
    s.photo_jpeg = "\xFF\xD8\xFF photo " + std::to_string(sequence);
    s.applicant = std::move(applicant);
    return s;
}

const nlohmann::json kDetails = {{"name", "APPLICANT-NAME-MARKER"}, {"id_number", "11010519491231002X"},
                                 {"phone", "13800138000"}};

class UploadApplicant : public ::testing::Test {
protected:
    Outbox open() { return Outbox(folder_.path() / "spool", AtRestCipher(key()), BackoffPolicy{}, hours(1)); }
    kiosk::test::TestFolder folder_{"kiosk-upload"};
};

TEST_F(UploadApplicant, DetailsComeBackOutOfTheOutboxAsTheyWentIn)
{
    Outbox outbox = open();
    outbox.add(submission(1, kDetails), kStart);
    outbox.add(submission(2, std::nullopt), kStart);
    auto first = outbox.next_due(kStart);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->submission, submission(1, kDetails));
    outbox.record_acknowledged(first->entry, kStart);
    auto second = outbox.next_due(kStart);
    ASSERT_TRUE(second);
    EXPECT_FALSE(second->submission.applicant) << "no details stays no details";
}

TEST_F(UploadApplicant, DetailsAreSealedOnDisk)
{
    { open().add(submission(1, kDetails), kStart); }
    int files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder_.path())) {
        if (!entry.is_regular_file())
            continue;
        ++files;
        const auto bytes = read_whole_file(entry.path());
        EXPECT_EQ(bytes.find("APPLICANT-NAME-MARKER"), std::string::npos) << entry.path();
        EXPECT_EQ(bytes.find("11010519491231002X"), std::string::npos) << entry.path();
    }
    EXPECT_GE(files, 2) << "the database and the sealed photo";
}

TEST_F(UploadApplicant, DetailsThatAreNotAnObjectAreRefused)
{
    Outbox outbox = open();
    EXPECT_THROW(outbox.add(submission(1, nlohmann::json("just a name")), kStart), InputError);
    EXPECT_FALSE(outbox.progress(submission(1, std::nullopt).receipt_number)) << "nothing was queued";
}

TEST_F(UploadApplicant, TheBodyCarriesDetailsOnlyWhenThereAreSome)
{
    const auto with = nlohmann::json::parse(encode_submission_body(submission(1, kDetails)));
    EXPECT_EQ(with.at("applicant"), kDetails);
    const auto without = nlohmann::json::parse(encode_submission_body(submission(2, std::nullopt)));
    EXPECT_FALSE(without.contains("applicant"));
}

TEST_F(UploadApplicant, ProgressFollowsFailuresAndTheAcknowledgement)
{
    Outbox outbox = open();
    const auto number = submission(1, kDetails).receipt_number;
    EXPECT_FALSE(outbox.progress(number));
    outbox.add(submission(1, kDetails), kStart);
    auto progress = outbox.progress(number);
    ASSERT_TRUE(progress);
    EXPECT_FALSE(progress->acknowledged);
    EXPECT_EQ(progress->failures, 0);
    EXPECT_EQ(progress->last_error, "");

    const auto entry = outbox.next_due(kStart)->entry;
    outbox.record_failure(entry, "connection refused", kStart);
    progress = outbox.progress(number);
    EXPECT_EQ(progress->failures, 1);
    EXPECT_EQ(progress->last_error, "connection refused");

    outbox.record_acknowledged(entry, kStart + seconds(5));
    EXPECT_TRUE(outbox.progress(number)->acknowledged);
}

} // namespace
