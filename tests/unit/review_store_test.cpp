// The review service's store on disk: the reviewer queue, one decision per
// submission version, and a resubmission that keeps its number and history.
#include <fstream>

#include <gtest/gtest.h>

#include "core/error.h"
#include "review_store.h"
#include "receipt/receipt_number.h"
#include "support/test_folder.h"

namespace {

using namespace kiosk;
using namespace kiosk::review;
using namespace std::chrono;
using Outcome = ReviewStore::DecisionOutcome;

constexpr std::int64_t kReviewer = 1;
// Any fixed key: the tests look for the details in the clear, not at the cipher.
const upload::AtRestCipher::Key kApplicantKey = [] {
    upload::AtRestCipher::Key key;
    key.fill(0x5A);
    return key;
}();

upload::Submission submission(int sequence, const std::string& photo_tail)
{
    upload::Submission s;
    s.receipt_number = receipt::ReceiptNumber::issue("GZ001", year{2025} / November / 25, sequence).str();
    s.spec = "resident-id";
    s.city = "guangzhou";
    s.kiosk_id = "GZ001";
    s.assessment = {{"verdict", "pass"}};
    s.photo_jpeg = "\xFF\xD8\xFF" + photo_tail;
    return s;
}

// Decisions name a reviewer; the store's tests need one row to point at.
void add_reviewer_row(ReviewStore& store)
{
    store.db().exec("INSERT INTO reviewers (id, name, password_hash, created_at_ms) VALUES (1, 'r', 'x', 0)");
}

std::vector<std::string> queued_numbers(ReviewStore& store, std::int64_t after = 0, int limit = 100)
{
    std::vector<std::string> numbers;
    for (const auto& entry : store.queue(after, limit))
        numbers.push_back(entry.receipt_number);
    return numbers;
}

TEST(ReviewStore, QueueIsPendingOldestFirstAndPages)
{
    kiosk::test::TestFolder folder{"kiosk-upload"};
    ReviewStore store(folder.path() / "data", kApplicantKey);
    const auto now = system_clock::now();
    std::vector<std::string> numbers;
    for (int i = 1; i <= 5; ++i) {
        const auto s = submission(i, "photo" + std::to_string(i));
        numbers.push_back(s.receipt_number);
        ASSERT_EQ(store.submit(s, now + seconds(i)), ReviewStore::Outcome::Created);
    }
    const auto first = store.queue(0, 2);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].receipt_number, numbers[0]);
    EXPECT_EQ(first[1].receipt_number, numbers[1]);
    EXPECT_EQ(first[0].version, 1);
    EXPECT_EQ(queued_numbers(store, first[1].id, 2), (std::vector<std::string>{numbers[2], numbers[3]}));
    EXPECT_EQ(queued_numbers(store, store.queue(0, 4).back().id, 2), (std::vector<std::string>{numbers[4]}));
}

TEST(ReviewStore, ADecisionSetsTheStatusAndLeavesTheQueue)
{
    kiosk::test::TestFolder folder{"kiosk-upload"};
    ReviewStore store(folder.path() / "data", kApplicantKey);
    add_reviewer_row(store);
    const auto now = system_clock::now();
    const auto a = submission(1, "a");
    const auto b = submission(2, "b");
    store.submit(a, now);
    store.submit(b, now);
    const auto queue = store.queue(0, 10);
    ASSERT_EQ(queue.size(), 2u);

    EXPECT_EQ(store.decide(queue[0].id, kReviewer, Verdict::Approve, "", now), Outcome::Recorded);
    EXPECT_EQ(store.decide(queue[1].id, kReviewer, Verdict::Reject, "blurred", now), Outcome::Recorded);
    EXPECT_EQ(store.status(a.receipt_number)->status, "approved");
    EXPECT_EQ(store.status(a.receipt_number)->reason, "");
    EXPECT_EQ(store.status(b.receipt_number)->status, "rejected");
    EXPECT_EQ(store.status(b.receipt_number)->reason, "blurred");
    EXPECT_TRUE(store.queue(0, 10).empty());

    EXPECT_EQ(store.decide(queue[0].id, kReviewer, Verdict::Reject, "blurred", now), Outcome::AlreadyDecided)
        << "one decision per submission version";
    EXPECT_EQ(store.status(a.receipt_number)->status, "approved") << "the refused second decision changed nothing";
    EXPECT_EQ(store.decide(999, kReviewer, Verdict::Approve, "", now), Outcome::NoSuchSubmission);
}

TEST(ReviewStore, AResubmissionKeepsTheNumberAndTheHistory)
{
    kiosk::test::TestFolder folder{"kiosk-upload"};
    const auto now = system_clock::now();
    const auto first = submission(1, "first photo");
    std::int64_t first_id = 0;
    {
        ReviewStore store(folder.path() / "data", kApplicantKey);
        add_reviewer_row(store);
        store.submit(first, now);
        first_id = store.queue(0, 1).at(0).id;
        ASSERT_EQ(store.decide(first_id, kReviewer, Verdict::Reject, "background", now), Outcome::Recorded);
    }
    // Reopened from disk: the rejection was durable.
    ReviewStore store(folder.path() / "data", kApplicantKey);
    auto second = first;
    second.photo_jpeg = "\xFF\xD8\xFF second photo";
    EXPECT_EQ(store.submit(second, now + seconds(1)), ReviewStore::Outcome::Resubmitted);
    const auto status = store.status(first.receipt_number);
    EXPECT_EQ(status->status, "pending");
    EXPECT_EQ(status->submissions, 2);

    const auto queue = store.queue(0, 10);
    ASSERT_EQ(queue.size(), 1u);
    EXPECT_EQ(queue[0].receipt_number, first.receipt_number);
    EXPECT_EQ(queue[0].version, 2);
    EXPECT_EQ(store.decide(first_id, kReviewer, Verdict::Approve, "", now), Outcome::AlreadyDecided);

    const auto old_version = store.submission(first_id);
    ASSERT_TRUE(old_version);
    EXPECT_FALSE(old_version->latest);
    EXPECT_EQ(old_version->decision, "rejected");
    EXPECT_EQ(old_version->reason_code, "background") << "the first rejection stays in the history";

    EXPECT_EQ(store.decide(queue[0].id, kReviewer, Verdict::Approve, "", now), Outcome::Recorded);
    EXPECT_EQ(store.status(first.receipt_number)->status, "approved");
    EXPECT_EQ(store.status(first.receipt_number)->reason, "") << "the old reason does not stick to the approval";
}

TEST(ReviewStore, TheSchemaIsMigratedOnOpen)
{
    kiosk::test::TestFolder folder{"kiosk-upload"};
    ReviewStore store(folder.path() / "data", kApplicantKey);
    EXPECT_EQ(store.db().user_version(), 4);
    auto tables = store.db().prepare(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('reviewers', 'sessions', 'decisions')");
    tables.step();
    EXPECT_EQ(tables.column_int(0), 3);
}

TEST(ReviewStore, ApplicantDetailsAreSealedOnDiskAndOpenedForTheReviewer)
{
    kiosk::test::TestFolder folder{"kiosk-upload"};
    const nlohmann::json details = {{"name", "张伟·测试"}, {"id_number", "11010519491231002X"}, {"phone", "13800138000"}};
    auto with = submission(1, "with details");
    with.applicant = details;
    const auto without = submission(2, "without details");
    std::int64_t with_id = 0, without_id = 0;
    {
        ReviewStore store(folder.path() / "data", kApplicantKey);
        store.submit(with, system_clock::now());
        store.submit(without, system_clock::now());
        const auto queue = store.queue(0, 10);
        ASSERT_EQ(queue.size(), 2u);
        with_id = queue[0].id;
        without_id = queue[1].id;
    }
    // Every file of the database (and its WAL, had it stayed) holds no byte run of the details.
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder.path() / "data")) {
        if (!entry.is_regular_file())
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (const auto& [field, value] : details.items())
            EXPECT_EQ(bytes.find(value.get<std::string>()), std::string::npos) << field << " in " << entry.path();
    }

    ReviewStore store(folder.path() / "data", kApplicantKey);
    ASSERT_TRUE(store.submission(with_id)->applicant);
    EXPECT_EQ(*store.submission(with_id)->applicant, details);
    EXPECT_FALSE(store.submission(without_id)->applicant);

    // Another key cannot open them: a clear error rather than garbage on the page.
    auto other_key = kApplicantKey;
    other_key[0] ^= 1;
    ReviewStore wrong(folder.path() / "data", other_key);
    EXPECT_THROW(wrong.submission(with_id), InputError);
    EXPECT_NO_THROW(wrong.submission(without_id));
}

} // namespace
