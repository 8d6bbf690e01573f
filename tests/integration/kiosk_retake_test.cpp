// A citizen comes back to the kiosk with a receipt the review centre rejected
// and retakes the photo: the kiosk's whole runtime in this process (replay
// camera filming a real portrait, vision, the session, the simulated seat,
// slips written as PDFs, the outbox and its worker) beside a real
// review-server on loopback, with a reviewer deciding through its API. The
// first visit's receipt is refused for a retake while it waits for review;
// once rejected, the retake ends with version 2 on the service, pending, the
// first version's rejection kept, and a slip whose QR code carries the same
// number.
#include <thread>

#include <gtest/gtest.h>

#include "core/paths.h"
#include "e2e/kiosk_run.h"
#include "kiosk/runtime.h"
#include "kiosk/walkup_script.h"
#include "receipt/receipt_number.h"
#include "support/faces.h"
#include "support/review_server_process.h"
#include "support/reviewer_session.h"
#include "support/slip_reading.h"
#include "support/test_folder.h"

namespace {

using namespace std::chrono;
using namespace kiosk;
using namespace kiosk::test;

class KioskRetake : public ::testing::Test {
protected:
    // A visit ends with Finish; the next citizen starts from the attract screen.
    static void wait_for_attract(runtime::Runtime& kiosk)
    {
        const auto deadline = steady_clock::now() + seconds(10);
        while (kiosk.session().view()->step != session::Step::Attract && steady_clock::now() < deadline)
            std::this_thread::sleep_for(milliseconds(50));
        ASSERT_EQ(kiosk.session().view()->step, session::Step::Attract);
    }

    // The service's status of a receipt once it holds `versions` photos under it.
    static nlohmann::json status_with_versions(std::uint16_t port, const std::string& number, int versions)
    {
        const auto deadline = steady_clock::now() + seconds(15);
        for (;;) {
            const auto [status, body] = receipt_in_service(port, number, seconds(5));
            if ((status == 200 && body.value("submissions", 0) >= versions) || steady_clock::now() > deadline)
                return body;
            std::this_thread::sleep_for(milliseconds(100));
        }
    }

    kiosk::test::TestFolder root_{"kiosk-retake"};
};

TEST_F(KioskRetake, ARejectedReceiptIsRetakenUnderItsOwnNumber)
{
    KIOSK_REQUIRE_FACES(faces);
    ReviewServerProcess server(REVIEW_SERVER_BIN, root_.path() / "review", free_loopback_port(), kKioskId, kKioskSigningKey);
    server.start();
    const ReviewerSession reviewer(REVIEW_SERVER_BIN, server, "alice");

    runtime::RuntimeOptions options;
    options.profile = "demo";
    options.state_dir = root_.path() / "state";
    options.upload_config = write_kiosk_upload_config(root_.path(), server.port());
    options.faces_dir = faces;
    runtime::Runtime kiosk(options);
    kiosk.start();
    const auto citizen = runtime::WalkupCitizen::load(config_dir());

    const auto first = runtime::WalkupScript(kiosk.session(), kiosk.simulated_controller(), citizen).run();
    const auto number = first.receipt_number;
    ASSERT_EQ(number.size(), 15u);
    ASSERT_EQ(status_with_versions(server.port(), number, 1).value("status", ""), "pending");
    const auto first_slip = kiosk.last_printed_file();
    const auto first_id = reviewer.pending_submission(number);
    ASSERT_TRUE(first_id);
    wait_for_attract(kiosk);

    // Still waiting for review: the kiosk asks, and says so instead of taking a photo.
    auto too_early = citizen;
    too_early.rejected_receipt = number;
    too_early.time_limit = seconds(5);
    try {
        runtime::WalkupScript(kiosk.session(), kiosk.simulated_controller(), too_early).run();
        ADD_FAILURE() << "a pending receipt was taken for a retake";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("notice on screen: notice.receipt_pending"), std::string::npos) << e.what();
    }
    kiosk.session().post(session::ActionTouched{session::Action::Cancel});
    wait_for_attract(kiosk);

    ASSERT_EQ(reviewer.reject(*first_id, "background"), 201u);
    auto comes_back = citizen;
    // Typed as a person copies it off the slip: lower case, in groups.
    comes_back.rejected_receipt = receipt::ReceiptNumber::parse(number).grouped();
    for (auto& c : *comes_back.rejected_receipt)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto retake = runtime::WalkupScript(kiosk.session(), kiosk.simulated_controller(), comes_back).run();
    EXPECT_EQ(retake.receipt_number, number) << "the retake keeps the rejected receipt's number";
    EXPECT_TRUE(retake.receipt_printed);
    const auto slip = kiosk.last_printed_file();
    kiosk.stop();

    const auto status = status_with_versions(server.port(), number, 2);
    EXPECT_EQ(status.value("status", ""), "pending");
    EXPECT_EQ(status.value("submissions", 0), 2);
    const auto second_id = reviewer.pending_submission(number);
    ASSERT_TRUE(second_id);
    EXPECT_NE(*second_id, *first_id);
    EXPECT_EQ(reviewer.submission(*second_id).value("version", 0), 2);
    const auto earlier = reviewer.submission(*first_id);
    EXPECT_EQ(earlier.value("decision", ""), "rejected");
    EXPECT_EQ(earlier.value("reason", ""), "background");

    ASSERT_TRUE(slip && std::filesystem::is_regular_file(*slip));
    ASSERT_NE(slip, first_slip) << "the retake's own slip, not the first visit's";
    const auto qr = texts_of(decode_codes(pdf_raster(*slip, 300)), "QRCode");
    ASSERT_EQ(qr.size(), 1u);
    EXPECT_EQ(receipt_in_qr(qr.front()), number) << qr.front();
    EXPECT_TRUE(server.stop());
}

} // namespace
