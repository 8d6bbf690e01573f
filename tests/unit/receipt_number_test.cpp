#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "core/error.h"
#include "receipt/receipt_issuer.h"
#include "receipt/receipt_number.h"
#include "receipt/sequence_counter.h"
#include "support/test_folder.h"

namespace {

using namespace kiosk::receipt;
using kiosk::InputError;
using namespace std::chrono;

const year_month_day kDay = year{2025} / November / 25;

TEST(ReceiptNumber, IssuedNumberHasTheDocumentedShape)
{
    const auto n = ReceiptNumber::issue("GZ001", kDay, 1);
    EXPECT_EQ(n.str().size(), ReceiptNumber::kLength);
    EXPECT_EQ(n.str().substr(0, 14), "GZ001251125001");
    EXPECT_EQ(n.grouped(), "GZ001 251125 001" + n.str().substr(14));
    EXPECT_EQ(n.kiosk_id(), "GZ001");
    EXPECT_EQ(n.date(), kDay);
    EXPECT_EQ(n.sequence(), 1);
}

TEST(ReceiptNumber, SequenceUsesBase36)
{
    EXPECT_EQ(ReceiptNumber::issue("GZ001", kDay, 35).str().substr(11, 3), "00Z");
    EXPECT_EQ(ReceiptNumber::issue("GZ001", kDay, 36).str().substr(11, 3), "010");
    EXPECT_EQ(ReceiptNumber::issue("GZ001", kDay, ReceiptNumber::kMaxSequence).str().substr(11, 3), "ZZZ");
    EXPECT_EQ(ReceiptNumber::issue("GZ001", kDay, 1000).sequence(), 1000);
}

TEST(ReceiptNumber, ParseAcceptsWhatPeopleTypeAndRoundTrips)
{
    const auto n = ReceiptNumber::issue("SZ0A9", year{2026} / February / 28, 4242);
    EXPECT_EQ(ReceiptNumber::parse(n.str()), n);
    EXPECT_EQ(ReceiptNumber::parse(n.grouped()), n);
    std::string lower = n.str();
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(ReceiptNumber::parse(lower), n);
    EXPECT_EQ(ReceiptNumber::parse(n.str().substr(0, 5) + "-" + n.str().substr(5)), n);
}

TEST(ReceiptNumber, CheckCharacterCatchesEverySingleWrongCharacter)
{
    static const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const auto n = ReceiptNumber::issue("GZ001", kDay, 777);
    int caught = 0, tried = 0;
    for (std::size_t i = 0; i < n.str().size(); ++i) {
        for (char c : alphabet) {
            if (c == n.str()[i])
                continue;
            std::string typo = n.str();
            typo[i] = c;
            ++tried;
            try {
                ReceiptNumber::parse(typo);
            } catch (const InputError&) {
                ++caught;
            }
        }
    }
    EXPECT_EQ(caught, tried);
}

TEST(ReceiptNumber, CheckCharacterCatchesSwappedNeighbours)
{
    const auto n = ReceiptNumber::issue("GZ001", kDay, 1234);
    for (std::size_t i = 0; i + 1 < n.str().size(); ++i) {
        std::string swapped = n.str();
        if (swapped[i] == swapped[i + 1])
            continue;
        std::swap(swapped[i], swapped[i + 1]);
        EXPECT_THROW(ReceiptNumber::parse(swapped), InputError) << swapped;
    }
}

TEST(ReceiptNumber, MatchesAPublishedIso7064Mod3736Example)
{
    // The Global Release Identifier uses the same check; its standard's
    // example GRid A1-2425G-ABC1234002-M ends in check character M.
    EXPECT_EQ(mod37_36_check_character("A12425GABC1234002"), 'M');
}

TEST(ReceiptNumber, BadInputIsRefusedWithAReason)
{
    auto message_of = [](const std::string& text) {
        try {
            ReceiptNumber::parse(text);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_NE(message_of("GZ00125112500").find("characters"), std::string::npos);
    EXPECT_NE(message_of("GZ001251125001D7").find("characters"), std::string::npos);
    EXPECT_NE(message_of("GZ001/251125/001D").find("0-9 and A-Z"), std::string::npos);
    EXPECT_NE(message_of("ＧＺ001251125001D").find("0-9 and A-Z"), std::string::npos);
    EXPECT_NE(message_of("回执001251125001D").find("0-9 and A-Z"), std::string::npos);
    EXPECT_NE(message_of("").find("characters"), std::string::npos);

    const auto bad_date = std::string("GZ001251325001");   // month 13
    EXPECT_NE(message_of(bad_date + mod37_36_check_character(bad_date)).find("date"), std::string::npos);
    const auto seq0 = std::string("GZ001251125000");
    EXPECT_NE(message_of(seq0 + mod37_36_check_character(seq0)).find("000"), std::string::npos);

    EXPECT_THROW(ReceiptNumber::issue("gz001", kDay, 1), InputError);
    EXPECT_THROW(ReceiptNumber::issue("GZ01", kDay, 1), InputError);
    EXPECT_THROW(ReceiptNumber::issue("GZ001", kDay, 0), InputError);
    EXPECT_THROW(ReceiptNumber::issue("GZ001", kDay, ReceiptNumber::kMaxSequence + 1), InputError);
    EXPECT_THROW(ReceiptNumber::issue("GZ001", year{2025} / February / 30, 1), InputError);
    EXPECT_THROW(ReceiptNumber::issue("GZ001", year{2100} / January / 1, 1), InputError);
}

class SequenceCounterTest : public ::testing::Test {
protected:
    kiosk::test::TestFolder dir_{"kiosk-seq"};
};

TEST_F(SequenceCounterTest, CountsPerDayAndSurvivesARestart)
{
    {
        SequenceCounter counter(dir_.path() / "sequence.json");
        EXPECT_EQ(counter.next(kDay), 1);
        EXPECT_EQ(counter.next(kDay), 2);
    }
    SequenceCounter reopened(dir_.path() / "sequence.json");
    EXPECT_EQ(reopened.next(kDay), 3);
    EXPECT_EQ(reopened.next(year{2025} / November / 26), 1);
}

TEST_F(SequenceCounterTest, TwoWritersNeverGetTheSameNumber)
{
    std::vector<int> a, b;
    auto take = [&](std::vector<int>& out) {
        SequenceCounter counter(dir_.path() / "sequence.json");
        for (int i = 0; i < 50; ++i)
            out.push_back(counter.next(kDay));
    };
    std::thread t1(take, std::ref(a));
    std::thread t2(take, std::ref(b));
    t1.join();
    t2.join();
    std::vector<int> all = a;
    all.insert(all.end(), b.begin(), b.end());
    std::sort(all.begin(), all.end());
    EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end());
    EXPECT_EQ(all.back(), 100);
}

TEST_F(SequenceCounterTest, CorruptFileIsReportedAndLeftAlone)
{
    std::ofstream(dir_.path() / "sequence.json") << "{\"date\": 5}";
    SequenceCounter counter(dir_.path() / "sequence.json");
    EXPECT_THROW(counter.next(kDay), kiosk::ConfigError);
    std::ifstream in(dir_.path() / "sequence.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text, "{\"date\": 5}");
}

TEST_F(SequenceCounterTest, IssuerHandsOutConsecutiveValidNumbers)
{
    KioskIdentity kiosk;
    kiosk.kiosk_id = "SZ042";
    kiosk.state_dir = dir_.path() / "state";
    ReceiptIssuer issuer(kiosk);
    const auto a = issuer.next(kDay);
    const auto b = issuer.next(kDay);
    EXPECT_EQ(a.kiosk_id(), "SZ042");
    EXPECT_EQ(a.date(), kDay);
    EXPECT_EQ(b.sequence(), a.sequence() + 1);
    EXPECT_EQ(ReceiptNumber::parse(b.grouped()), b);
    EXPECT_TRUE(std::filesystem::exists(kiosk.state_dir / "receipt-sequence.json"));
}

} // namespace
