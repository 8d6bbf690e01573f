// Devices coming and going: camera and printer decide whether anyone can be
// served; a printer failing mid-visit still hands the citizen their number;
// a slow upload never holds the citizen up.
#include <gtest/gtest.h>

#include "session_visit_driver.h"

namespace {

using namespace kiosk::session;
using namespace kiosk::session::testing;

const std::string kStatusUrl = "https://review.example/r/";

void drive_to_uploading(VisitDriver& kiosk)
{
    kiosk.walk_to_pose();
    kiosk.hold_until_capture();
    kiosk.send(PhotoReady{VisitDriver::photo()});
    kiosk.touch(Action::Accept);
    ASSERT_EQ(kiosk.session().step(), Step::Uploading);
}

TEST(SessionDevices, APrinterFailureShowsTheReceiptAsAQrCode)
{
    VisitDriver kiosk;
    drive_to_uploading(kiosk);
    const std::string number = valid_receipt_number();
    kiosk.send(SubmissionQueued{number, kStatusUrl + number});
    kiosk.send(SubmissionAcknowledged{number});
    ASSERT_EQ(kiosk.session().step(), Step::Printing);
    const auto commands = kiosk.send(ReceiptNotPrinted{number, "printer.out_of_paper"});
    EXPECT_TRUE(commands.empty()) << "the citizen still needs their number: nothing is forgotten yet";
    const ViewModel& done = kiosk.view();
    ASSERT_EQ(done.step, Step::Done);
    EXPECT_FALSE(done.receipt_printed);
    EXPECT_EQ(done.receipt_number, number);
    EXPECT_EQ(done.receipt_qr_text, kStatusUrl + number);
    ASSERT_TRUE(done.subtitle && done.notice);
    EXPECT_EQ(done.subtitle->key, "printer.out_of_paper");
    EXPECT_EQ(done.notice->key, "notice.reprint_at_counter");
}

TEST(SessionDevices, APrinterThatNeverAnswersCountsAsNotPrinted)
{
    VisitDriver kiosk;
    drive_to_uploading(kiosk);
    const std::string number = valid_receipt_number();
    kiosk.send(SubmissionQueued{number, kStatusUrl + number});
    kiosk.send(SubmissionAcknowledged{number});
    kiosk.wait(kiosk.settings().hand_over.print_timeout + 1s, 1s);
    ASSERT_EQ(kiosk.session().step(), Step::Done);
    EXPECT_FALSE(kiosk.view().receipt_printed);
    EXPECT_EQ(kiosk.view().receipt_qr_text, kStatusUrl + number);
}

TEST(SessionDevices, APrinterLostMidVisitIsNotSentTheSlip)
{
    VisitDriver kiosk;
    drive_to_uploading(kiosk);
    kiosk.send(DeviceChanged{Device::Printer, false, "printer.offline"});
    EXPECT_EQ(kiosk.session().step(), Step::Uploading) << "the visit goes on";
    const std::string number = valid_receipt_number();
    kiosk.send(SubmissionQueued{number, kStatusUrl + number});
    const auto commands = kiosk.send(SubmissionAcknowledged{number});
    EXPECT_FALSE(contains<PrintReceipt>(commands)) << "it could print after the citizen has gone";
    EXPECT_EQ(kiosk.session().step(), Step::Done);
    EXPECT_EQ(kiosk.view().receipt_qr_text, kStatusUrl + number);
    ASSERT_TRUE(kiosk.view().subtitle);
    EXPECT_EQ(kiosk.view().subtitle->key, "printer.offline");

    kiosk.touch(Action::Finish);
    EXPECT_EQ(kiosk.session().step(), Step::OutOfService) << "no new visit without a printer";
    ASSERT_TRUE(kiosk.view().notice);
    EXPECT_EQ(kiosk.view().notice->key, "printer.offline");
    kiosk.send(DeviceChanged{Device::Printer, true, ""});
    EXPECT_EQ(kiosk.session().step(), Step::Attract);
}

TEST(SessionDevices, CameraLossGoesOutOfServiceAndBack)
{
    VisitDriver kiosk;
    kiosk.walk_to_pose();
    auto commands = kiosk.send(DeviceChanged{Device::Camera, false, "camera.unavailable"});
    EXPECT_EQ(kiosk.session().step(), Step::OutOfService);
    EXPECT_TRUE(contains<ForgetCitizen>(commands)) << "the visit cannot go on, so the citizen is forgotten";
    ASSERT_TRUE(kiosk.view().notice);
    EXPECT_EQ(kiosk.view().notice->key, "camera.unavailable");
    EXPECT_TRUE(kiosk.view().fields.empty());

    kiosk.touch(Action::Start);
    EXPECT_EQ(kiosk.session().step(), Step::OutOfService) << "nothing to start without a camera";
    kiosk.wait(10min, 10s);
    EXPECT_EQ(kiosk.session().step(), Step::OutOfService);

    commands = kiosk.send(DeviceChanged{Device::Camera, true, ""});
    EXPECT_EQ(kiosk.session().step(), Step::Attract);
    EXPECT_FALSE(contains<ForgetCitizen>(commands));
    kiosk.touch(Action::Start);
    EXPECT_EQ(kiosk.session().step(), Step::ChooseDocument);
}

TEST(SessionDevices, OutOfServiceWithoutAReasonSaysSoInGeneralTerms)
{
    VisitDriver kiosk;
    kiosk.send(DeviceChanged{Device::Camera, false, ""});
    ASSERT_TRUE(kiosk.view().notice);
    EXPECT_EQ(kiosk.view().notice->key, "notice.out_of_service");
}

TEST(SessionDevices, ASlowUploadPrintsAfterTheWaitAndSaysItContinues)
{
    VisitDriver kiosk;
    drive_to_uploading(kiosk);
    EXPECT_EQ(kiosk.view().progress, 0.0);
    const std::string number = valid_receipt_number();
    kiosk.send(SubmissionQueued{number, kStatusUrl + number});
    kiosk.send(SubmissionDelayed{"connection refused"});
    ASSERT_TRUE(kiosk.view().notice);
    EXPECT_EQ(kiosk.view().notice->key, "notice.upload_continues");
    EXPECT_EQ(kiosk.session().step(), Step::Uploading);

    const auto commands = kiosk.wait(kiosk.settings().hand_over.acknowledgement_wait + 200ms);
    ASSERT_EQ(kiosk.session().step(), Step::Printing);
    ASSERT_NE(find<PrintReceipt>(commands), nullptr);
    kiosk.send(ReceiptPrinted{number});
    ASSERT_EQ(kiosk.session().step(), Step::Done);
    EXPECT_TRUE(kiosk.view().receipt_printed);
    ASSERT_TRUE(kiosk.view().notice);
    EXPECT_EQ(kiosk.view().notice->key, "notice.upload_continues");
}

TEST(SessionDevices, AnOutboxThatDoesNotTakeThePhotoLeavesItWithTheCitizen)
{
    VisitDriver kiosk;
    drive_to_uploading(kiosk);
    const auto commands = kiosk.wait(kiosk.settings().hand_over.queue_timeout + 200ms);
    EXPECT_FALSE(contains<ForgetCitizen>(commands));
    ASSERT_EQ(kiosk.session().step(), Step::Review);
    EXPECT_NE(kiosk.view().review_photo, nullptr) << "nothing lost: accept again";
    ASSERT_TRUE(kiosk.view().notice);
    EXPECT_EQ(kiosk.view().notice->key, "notice.submission_failed");
    EXPECT_TRUE(contains<SubmitApplication>(kiosk.touch(Action::Accept)));
}

TEST(SessionDevices, AnAcknowledgementForAnotherReceiptIsIgnored)
{
    VisitDriver kiosk;
    drive_to_uploading(kiosk);
    const std::string number = valid_receipt_number();
    kiosk.send(SubmissionQueued{number, kStatusUrl + number});
    kiosk.send(SubmissionAcknowledged{"GZ0012611250019"});
    EXPECT_EQ(kiosk.session().step(), Step::Uploading);
}

} // namespace
