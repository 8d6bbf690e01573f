// The kiosk program itself, as an operator starts it: `kiosk --demo
// --headless --script walkup` with the replay camera filming a real portrait,
// the simulated seat and lights, slips written as PDF files and a real
// review-server on loopback. The scripted citizen must reach the done screen;
// then the review service must hold the receipt number, the slip must carry
// it in its QR code, and nothing the citizen typed may appear in the output.
#include <gtest/gtest.h>

#include "core/durable_file.h"
#include "e2e/kiosk_run.h"
#include "support/faces.h"
#include "support/review_server_process.h"
#include "support/slip_reading.h"
#include "support/test_folder.h"

namespace {

using namespace std::chrono;
using namespace kiosk::test;

class KioskWalkup : public ::testing::Test {
protected:
    kiosk::test::TestFolder root_{"kiosk-walkup"};
};

TEST_F(KioskWalkup, AScriptedCitizenLeavesWithAReceiptTheReviewServiceHolds)
{
    KIOSK_REQUIRE_FACES(faces);
    ReviewServerProcess server(REVIEW_SERVER_BIN, root_.path() / "review", free_loopback_port(), kKioskId, kKioskSigningKey);
    server.start();

    const auto run = run_program({KIOSK_BIN, "--demo", "--headless", "--script", "walkup", "--state-dir",
                                  (root_.path() / "state").string(), "--upload-config",
                                  write_kiosk_upload_config(root_.path(), server.port()).string(), "--faces", faces.string()},
                                 root_.path(), seconds(150));
    std::cout << run.out;
    ASSERT_EQ(run.status, 0) << "stderr:\n" << run.err;

    const auto number = first_match(run.out, "walk-up visit: receipt ([0-9A-Z]{15})");
    ASSERT_FALSE(number.empty()) << run.out;
    EXPECT_NE(run.out.find("slip printed"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("frame-to-guidance latency"), std::string::npos);

    const auto [status, body] = receipt_in_service(server.port(), number, seconds(5));
    ASSERT_EQ(status, 200u) << body.dump();
    EXPECT_EQ(body.at("receipt_number"), number);

    // The slip: a PDF whose QR code a counter scanner reads as the same number.
    const std::filesystem::path slip = first_match(run.out, "slip PDF: (\\S+)");
    ASSERT_TRUE(std::filesystem::is_regular_file(slip)) << run.out;
    EXPECT_EQ(kiosk::read_whole_file(slip).substr(0, 5), "%PDF-");
    const auto qr = texts_of(decode_codes(pdf_raster(slip, 300)), "QRCode");
    ASSERT_EQ(qr.size(), 1u);
    EXPECT_EQ(receipt_in_qr(qr.front()), number) << qr.front();

    // What the citizen typed never reaches the output (config/kiosk/walk-up-citizen.json).
    for (const std::string typed : {"张伟", "11010519491231002X", "13800138000"}) {
        EXPECT_EQ(run.err.find(typed), std::string::npos) << typed;
        EXPECT_EQ(run.out.find(typed), std::string::npos) << typed;
    }
    EXPECT_TRUE(server.stop());
}

} // namespace
