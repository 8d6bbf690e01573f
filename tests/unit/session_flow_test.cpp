// The visit driven by events alone: the whole happy path, what the runtime
// is asked to do at each step, and what the screen shows.
#include <algorithm>

#include <gtest/gtest.h>

#include "session_visit_driver.h"

namespace {

using namespace kiosk::session;
using namespace kiosk::session::testing;

TEST(SessionFlow, TheHappyPathFromAttractToDoneAndBack)
{
    VisitDriver kiosk;
    EXPECT_EQ(kiosk.session().step(), Step::Attract);

    kiosk.touch(Action::Start);
    ASSERT_EQ(kiosk.session().step(), Step::ChooseDocument);
    EXPECT_EQ(kiosk.view().documents.size(), 6u);

    kiosk.send(DocumentChosen{"resident-id"});
    ASSERT_EQ(kiosk.session().step(), Step::ApplicantDetails);
    ASSERT_EQ(kiosk.view().fields.size(), 3u);
    EXPECT_FALSE(kiosk.view().buttons.front().enabled) << "Next is offered before the form is complete";

    kiosk.send(FieldFocused{Field::Name});
    kiosk.send(FieldEdited{Field::Name, kName});
    kiosk.send(FieldFocused{Field::IdNumber});
    kiosk.send(FieldEdited{Field::IdNumber, "11010519491231002x"});
    EXPECT_TRUE(kiosk.view().buttons.front().enabled) << "the phone is optional for the resident ID";
    kiosk.send(FieldFocused{Field::Phone});
    kiosk.send(FieldEdited{Field::Phone, kPhone});

    auto commands = kiosk.touch(Action::Next);
    ASSERT_EQ(kiosk.session().step(), Step::SeatAndPose);
    ASSERT_NE(find<UseSpec>(commands), nullptr);
    EXPECT_EQ(find<UseSpec>(commands)->spec_id, "resident-id");
    EXPECT_TRUE(contains<SetLights>(commands)) << "the lights start from their configured levels";

    commands = kiosk.hold_until_capture();
    ASSERT_EQ(kiosk.session().step(), Step::Capturing);
    ASSERT_NE(find<CaptureStill>(commands), nullptr);
    EXPECT_EQ(find<CaptureStill>(commands)->spec_id, "resident-id");

    const auto photo = VisitDriver::photo();
    kiosk.send(PhotoReady{photo});
    ASSERT_EQ(kiosk.session().step(), Step::Review);
    EXPECT_EQ(kiosk.view().review_photo, photo);
    EXPECT_EQ(kiosk.view().retakes_left, kiosk.settings().capture.retake_limit);

    commands = kiosk.touch(Action::Accept);
    ASSERT_EQ(kiosk.session().step(), Step::Uploading);
    const auto* submission = find<SubmitApplication>(commands);
    ASSERT_NE(submission, nullptr);
    EXPECT_EQ(submission->photo, photo);
    EXPECT_EQ(submission->applicant.name, kName);
    EXPECT_EQ(submission->applicant.id_number, kIdNumber) << "a typed lower-case x is submitted as X";
    EXPECT_EQ(submission->applicant.phone, kPhone);
    EXPECT_FALSE(submission->resubmitted_receipt);

    const std::string number = valid_receipt_number();
    kiosk.send(SubmissionQueued{number, "https://review.example/r/" + number});
    EXPECT_EQ(kiosk.view().progress, 0.5);
    commands = kiosk.send(SubmissionAcknowledged{number});
    ASSERT_EQ(kiosk.session().step(), Step::Printing);
    ASSERT_NE(find<PrintReceipt>(commands), nullptr);
    EXPECT_EQ(find<PrintReceipt>(commands)->receipt_number, number);

    kiosk.send(ReceiptPrinted{number});
    ASSERT_EQ(kiosk.session().step(), Step::Done);
    EXPECT_EQ(kiosk.view().receipt_number, number);
    EXPECT_TRUE(kiosk.view().receipt_printed);
    EXPECT_TRUE(kiosk.view().receipt_qr_text.empty()) << "the QR is only for a slip that did not print";

    commands = kiosk.touch(Action::Finish);
    EXPECT_EQ(kiosk.session().step(), Step::Attract);
    EXPECT_TRUE(contains<ForgetCitizen>(commands));
    EXPECT_TRUE(kiosk.view().receipt_number.empty());
}

TEST(SessionFlow, TheLivePreviewIsMirroredAndTheReviewPhotoIsTheUnmirroredAcceptedPhoto)
{
    VisitDriver kiosk;
    kiosk.walk_to_pose();
    // A face off to the image's left (the citizen's right) must show on the
    // citizen's right of the mirrored preview, just as in a mirror.
    auto a = passing_assessment(kiosk.spec("resident-id"));
    a.face->box = cv::Rect(100, 200, 200, 240);
    set_check(a, "face_centered", kiosk::vision::CheckStatus::Fail, "move_to_centre");
    kiosk.live(a);
    const ViewModel& pose = kiosk.view();
    EXPECT_TRUE(pose.show_preview) << "the live frame is drawn, mirrored, by the UI";
    ASSERT_TRUE(pose.guide && pose.guide->face);
    EXPECT_NEAR(pose.guide->face->x, (1280.0 - 300.0) / 1280.0, 1e-4);
    EXPECT_NEAR(pose.guide->face->y, 200.0 / 720.0, 1e-4);

    kiosk.hold_until_capture();
    const auto photo = VisitDriver::photo();
    kiosk.send(PhotoReady{photo});
    const ViewModel& review = kiosk.view();
    EXPECT_FALSE(review.show_preview) << "the review screen shows no live (mirrored) frame";
    ASSERT_EQ(review.review_photo, photo) << "the review shows the very AcceptedPhoto that will be submitted";
    // Not a mirrored copy: the mark stays on the picture's left.
    const cv::Vec3b mark = review.review_photo->preview.at<cv::Vec3b>(20, 20);
    EXPECT_EQ(mark, cv::Vec3b(0, 0, 255));
}

TEST(SessionFlow, ARetakeForARejectedReceiptKeepsItsNumber)
{
    VisitDriver kiosk;
    kiosk.touch(Action::ResubmitRejected);
    ASSERT_EQ(kiosk.session().step(), Step::ChooseDocument);
    kiosk.send(DocumentChosen{"exit-entry"});
    ASSERT_EQ(kiosk.session().step(), Step::EnterReceiptNumber);

    kiosk.send(FieldFocused{Field::ReceiptNumber});
    std::string typo = valid_receipt_number();
    typo[13] = typo[13] == '0' ? '1' : '0';
    kiosk.send(FieldEdited{Field::ReceiptNumber, typo});
    kiosk.touch(Action::Next);
    EXPECT_EQ(kiosk.session().step(), Step::EnterReceiptNumber) << "a mistyped number is not accepted";
    ASSERT_TRUE(kiosk.view().fields.at(0).error);
    EXPECT_EQ(kiosk.view().fields.at(0).error->key, "field.error.receipt_number");

    std::string spaced = valid_receipt_number();
    for (auto& c : spaced)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    spaced.insert(5, " ");
    kiosk.send(FieldEdited{Field::ReceiptNumber, spaced});
    const auto asked = kiosk.touch(Action::Next);
    const auto* check = find<CheckRejectedReceipt>(asked);
    ASSERT_NE(check, nullptr) << "a well-formed number is checked with the review centre";
    EXPECT_EQ(check->receipt_number, valid_receipt_number());
    EXPECT_EQ(kiosk.session().step(), Step::EnterReceiptNumber) << "until the review centre answers";
    kiosk.send(ReceiptChecked{valid_receipt_number(), ReceiptCheck::Rejected});
    ASSERT_EQ(kiosk.session().step(), Step::ApplicantDetails);
    kiosk.send(FieldEdited{Field::Name, kName});
    kiosk.send(FieldEdited{Field::IdNumber, kIdNumber});
    kiosk.send(FieldEdited{Field::Phone, kPhone});
    kiosk.touch(Action::Next);
    kiosk.hold_until_capture("exit-entry");
    kiosk.send(PhotoReady{VisitDriver::photo("exit-entry")});
    const auto commands = kiosk.touch(Action::Accept);
    const auto* submission = find<SubmitApplication>(commands);
    ASSERT_NE(submission, nullptr);
    ASSERT_TRUE(submission->resubmitted_receipt);
    EXPECT_EQ(*submission->resubmitted_receipt, valid_receipt_number()) << "typed in lower case with a space";
}

// Only a receipt the review centre rejected may be retaken; every other
// answer keeps the citizen on the number's screen with its own message.
TEST(SessionFlow, AReceiptThatWasNotRejectedIsNotRetaken)
{
    const std::pair<ReceiptCheck, const char*> answers[] = {
        {ReceiptCheck::Pending, "notice.receipt_pending"},
        {ReceiptCheck::Approved, "notice.receipt_approved"},
        {ReceiptCheck::Unknown, "notice.receipt_unknown"},
        {ReceiptCheck::Unreachable, "notice.receipt_check_unavailable"},
    };
    for (const auto& [outcome, notice] : answers) {
        VisitDriver kiosk;
        kiosk.touch(Action::ResubmitRejected);
        kiosk.send(DocumentChosen{"exit-entry"});
        kiosk.send(FieldEdited{Field::ReceiptNumber, valid_receipt_number()});
        ASSERT_TRUE(find<CheckRejectedReceipt>(kiosk.touch(Action::Next)));
        ASSERT_TRUE(kiosk.view().notice);
        EXPECT_EQ(kiosk.view().notice->key, "notice.receipt_checking");
        const auto next = std::find_if(kiosk.view().buttons.begin(), kiosk.view().buttons.end(),
                                       [](const auto& b) { return b.action == Action::Next; });
        ASSERT_NE(next, kiosk.view().buttons.end());
        EXPECT_FALSE(next->enabled) << "one question at a time";

        kiosk.send(ReceiptChecked{valid_receipt_number(), outcome});
        EXPECT_EQ(kiosk.session().step(), Step::EnterReceiptNumber) << notice;
        ASSERT_TRUE(kiosk.view().notice) << notice;
        EXPECT_EQ(kiosk.view().notice->key, notice);
        kiosk.send(ReceiptChecked{valid_receipt_number(), ReceiptCheck::Rejected});
        EXPECT_EQ(kiosk.session().step(), Step::EnterReceiptNumber) << "an answer nobody waits for changes nothing";
    }
}

// The citizen corrects the number while the first one is being checked: the
// answer about the first must not let the second through unchecked.
TEST(SessionFlow, AnAnswerAboutAnEditedNumberIsIgnored)
{
    VisitDriver kiosk;
    kiosk.touch(Action::ResubmitRejected);
    kiosk.send(DocumentChosen{"exit-entry"});
    kiosk.send(FieldEdited{Field::ReceiptNumber, valid_receipt_number()});
    kiosk.touch(Action::Next);
    kiosk.send(FieldEdited{Field::ReceiptNumber, valid_receipt_number() + " "});
    EXPECT_FALSE(kiosk.view().notice) << "no longer checking";
    kiosk.send(ReceiptChecked{valid_receipt_number(), ReceiptCheck::Rejected});
    EXPECT_EQ(kiosk.session().step(), Step::EnterReceiptNumber);
    ASSERT_TRUE(find<CheckRejectedReceipt>(kiosk.touch(Action::Next)));
    kiosk.send(ReceiptChecked{valid_receipt_number(), ReceiptCheck::Rejected});
    EXPECT_EQ(kiosk.session().step(), Step::ApplicantDetails);
}

TEST(SessionFlow, TheRetakeLimitIsKept)
{
    VisitDriver kiosk;
    kiosk.walk_to_pose();
    const int limit = kiosk.settings().capture.retake_limit;
    ASSERT_GT(limit, 0);
    for (int taken = 0; taken <= limit; ++taken) {
        kiosk.hold_until_capture();
        kiosk.send(PhotoReady{VisitDriver::photo()});
        ASSERT_EQ(kiosk.session().step(), Step::Review);
        EXPECT_EQ(kiosk.view().retakes_left, limit - taken);
        const auto retake = std::find_if(kiosk.view().buttons.begin(), kiosk.view().buttons.end(),
                                         [](const Button& b) { return b.action == Action::Retake; });
        ASSERT_NE(retake, kiosk.view().buttons.end());
        EXPECT_EQ(retake->enabled, taken < limit);
        const auto commands = kiosk.touch(Action::Retake);
        if (taken < limit) {
            EXPECT_EQ(kiosk.session().step(), Step::SeatAndPose);
            EXPECT_TRUE(contains<UseSpec>(commands));
            EXPECT_EQ(kiosk.view().review_photo, nullptr) << "the rejected picture is dropped";
        } else {
            EXPECT_EQ(kiosk.session().step(), Step::Review) << "no retake beyond the limit";
            EXPECT_TRUE(commands.empty());
        }
    }
}

TEST(SessionFlow, ARejectedStillGoesBackToThePoseStepWithItsAdvice)
{
    VisitDriver kiosk;
    kiosk.walk_to_pose();
    kiosk.hold_until_capture();
    kiosk.send(PhotoRejected{"advice.hold_still", "sharpness 31 < 60"});
    EXPECT_EQ(kiosk.session().step(), Step::SeatAndPose);
    ASSERT_TRUE(kiosk.view().notice);
    EXPECT_EQ(kiosk.view().notice->key, "advice.hold_still");
}

TEST(SessionFlow, AStillThatNeverComesIsAskedForAgain)
{
    VisitDriver kiosk;
    kiosk.walk_to_pose();
    kiosk.hold_until_capture();
    kiosk.wait(kiosk.settings().capture.still_timeout + 200ms);
    EXPECT_EQ(kiosk.session().step(), Step::SeatAndPose);
    ASSERT_TRUE(kiosk.view().notice);
    EXPECT_EQ(kiosk.view().notice->key, "notice.capture_failed");
}

TEST(SessionFlow, TheLanguageToggleKeepsEverythingElse)
{
    VisitDriver kiosk;
    EXPECT_EQ(kiosk.view().locale, "zh-CN");
    kiosk.touch(Action::Start);
    kiosk.send(DocumentChosen{"resident-id"});
    kiosk.send(FieldFocused{Field::IdNumber});
    kiosk.send(FieldEdited{Field::IdNumber, "1101"});
    kiosk.send(FieldFocused{Field::Name});
    const ViewModel before = kiosk.view();

    const auto commands = kiosk.touch(Action::ToggleLanguage);
    EXPECT_TRUE(commands.empty());
    const ViewModel& after = kiosk.view();
    EXPECT_EQ(after.locale, "en");
    EXPECT_EQ(after.step, Step::ApplicantDetails);
    ASSERT_EQ(after.fields.size(), before.fields.size());
    for (std::size_t i = 0; i < after.fields.size(); ++i) {
        EXPECT_EQ(after.fields[i].value, before.fields[i].value);
        EXPECT_EQ(after.fields[i].error.has_value(), before.fields[i].error.has_value());
    }
    EXPECT_EQ(after.focused_field, Field::Name);

    kiosk.touch(Action::ToggleLanguage);
    EXPECT_EQ(kiosk.view().locale, "zh-CN");
    kiosk.touch(Action::ToggleLanguage);
    kiosk.touch(Action::Cancel);
    EXPECT_EQ(kiosk.view().locale, "zh-CN") << "the next citizen starts in the first language";
}

TEST(SessionFlow, FieldErrorsShowOnceTheFieldIsLeftAndARunawayEditLosesNothing)
{
    VisitDriver kiosk;
    kiosk.touch(Action::Start);
    kiosk.send(DocumentChosen{"resident-id"});
    kiosk.send(FieldFocused{Field::IdNumber});
    kiosk.send(FieldEdited{Field::IdNumber, "110105194912310021"});
    auto id_field = [&] { return kiosk.view().fields.at(1); };
    EXPECT_FALSE(id_field().valid);
    EXPECT_FALSE(id_field().error) << "no scolding while still typing";
    kiosk.send(FieldFocused{Field::Name});
    ASSERT_TRUE(id_field().error);
    EXPECT_EQ(id_field().error->key, "field.error.id_check_character");

    kiosk.send(FieldEdited{Field::Name, kName});
    kiosk.send(FieldEdited{Field::Name, std::string(5000, 'a')});
    const FormField name = kiosk.view().fields.at(0);
    EXPECT_EQ(name.value, kName) << "the name typed before is kept";
    ASSERT_TRUE(name.error);
    EXPECT_EQ(name.error->key, "field.error.too_long");

    kiosk.send(FieldEdited{Field::Phone, "12345"}); // not focused, but on screen
    kiosk.touch(Action::Next);
    EXPECT_EQ(kiosk.session().step(), Step::ApplicantDetails);
    ASSERT_TRUE(kiosk.view().fields.at(2).error) << "Next shows every problem at once";

    kiosk.send(FieldEdited{Field::ReceiptNumber, "not on this screen"});
    for (const auto& f : kiosk.view().fields)
        EXPECT_NE(f.field, Field::ReceiptNumber);
}

TEST(SessionFlow, AnOptionalFieldCanBeSkipped)
{
    VisitDriver kiosk;
    kiosk.touch(Action::Start);
    kiosk.send(DocumentChosen{"resident-id"});
    kiosk.send(FieldEdited{Field::Name, kName});
    kiosk.send(FieldEdited{Field::IdNumber, kIdNumber});
    kiosk.send(FieldFocused{Field::Phone});
    kiosk.send(FieldEdited{Field::Phone, "138"});
    EXPECT_FALSE(kiosk.view().buttons.front().enabled) << "a half-typed optional number is not silently dropped";
    kiosk.touch(Action::Skip);
    EXPECT_TRUE(kiosk.view().fields.at(2).value.empty());
    EXPECT_TRUE(kiosk.view().buttons.front().enabled);
    kiosk.touch(Action::Next);
    EXPECT_EQ(kiosk.session().step(), Step::SeatAndPose);
}

TEST(SessionFlow, AnUnknownDocumentIsIgnored)
{
    VisitDriver kiosk;
    kiosk.touch(Action::Start);
    kiosk.send(DocumentChosen{"library-card"});
    EXPECT_EQ(kiosk.session().step(), Step::ChooseDocument);
}

} // namespace
