// The whole kiosk on a real (virtual) screen: `kiosk --demo --script walkup
// --window` on a private Xvfb, the slip printed through a real temporary
// cupsd, the photo handed to a real review-server on loopback. The captured
// print job's QR code must decode to the number the service holds, and a
// screenshot of every screen the citizen saw is kept as a test artefact.
#include <gtest/gtest.h>

#include <set>

#include "e2e/kiosk_run.h"
#include "support/cupsd_fixture.h"
#include "support/faces.h"
#include "support/review_server_process.h"
#include "support/slip_reading.h"
#include "support/test_folder.h"
#include "support/xvfb_display.h"

namespace {

using namespace std::chrono;
using namespace kiosk::test;

// Kept after the test (screenshots only: the public sample portrait, no
// citizen's data); CTest runs the test in the build tree.
const std::filesystem::path kArtefacts = std::filesystem::current_path() / "kiosk-screen-artefacts";

class KioskScreen : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::filesystem::remove_all(kArtefacts);
        std::filesystem::create_directories(kArtefacts);
    }

    kiosk::test::TestFolder root_{"kiosk-screen"};
};

TEST_F(KioskScreen, ACitizenWalksUpAndTheSlipFromCupsCarriesTheNumberTheServiceHolds)
{
    KIOSK_REQUIRE_FACES(faces);
    if (!XvfbDisplay::program_available("Xvfb"))
        GTEST_SKIP() << "Xvfb is not installed (tools/setup/install-deps installs it)";
    XvfbDisplay display(1080, 1920);
    TemporaryCupsd cupsd;
    const auto captured = cupsd.add_queue("receipt", "capture");
    const auto printer = write_cups_printer_config(root_.path(), cupsd.host(), cupsd.port(), "receipt");
    ReviewServerProcess server(REVIEW_SERVER_BIN, root_.path() / "review", free_loopback_port(), kKioskId, kKioskSigningKey);
    server.start();

    const auto run = run_program({KIOSK_BIN, "--demo", "--window", "--script", "walkup", "--state-dir",
                                  (root_.path() / "state").string(), "--upload-config",
                                  write_kiosk_upload_config(root_.path(), server.port()).string(), "--printer-config",
                                  printer.string(), "--faces", faces.string(), "--screenshots", kArtefacts.string()},
                                 root_.path(), seconds(150));
    std::cout << run.out;
    ASSERT_EQ(run.status, 0) << "stderr:\n" << run.err;
    const auto number = first_match(run.out, "walk-up visit: receipt ([0-9A-Z]{15})");
    ASSERT_FALSE(number.empty()) << run.out;
    EXPECT_NE(run.out.find("slip printed"), std::string::npos);
    EXPECT_NE(run.out.find("camera capture to overlay on screen"), std::string::npos)
        << "the screen measured its own frame-to-guidance latency";

    const auto [status, body] = receipt_in_service(server.port(), number, seconds(5));
    ASSERT_EQ(status, 200u) << body.dump();
    EXPECT_EQ(body.at("receipt_number"), number);

    // The job cupsd's capture backend received: its QR code and barcode are the number.
    std::vector<std::filesystem::path> jobs;
    for (const auto& entry : std::filesystem::directory_iterator(captured))
        if (entry.path().extension() == ".pdf")
            jobs.push_back(entry.path());
    ASSERT_EQ(jobs.size(), 1u) << "one slip, printed once";
    const auto qr = texts_of(decode_codes(pdf_raster(jobs.front(), 203)), "QRCode");
    ASSERT_EQ(qr.size(), 1u);
    EXPECT_EQ(receipt_in_qr(qr.front()), number) << qr.front();

    // A screenshot of each screen from seat-and-pose on (the script touches
    // through the forms faster than a frame), ending with the done screen.
    std::set<std::string> screens;
    for (const auto& entry : std::filesystem::directory_iterator(kArtefacts))
        screens.insert(entry.path().stem().string().substr(3));
    for (const char* step : {"seat_and_pose", "countdown", "capturing", "review", "done"})
        EXPECT_TRUE(screens.contains(step)) << step;
    EXPECT_TRUE(server.stop());
}

} // namespace
