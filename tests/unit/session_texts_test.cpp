// Every word the session puts on screen is a key both catalogs hold: the walk
// through every step collects the keys its view models name.
#include <set>

#include <gtest/gtest.h>

#include "core/paths.h"
#include "core/text_catalog.h"
#include "session_visit_driver.h"

namespace {

using namespace kiosk::session;
using namespace kiosk::session::testing;

void collect(const ViewModel& v, std::set<std::string>& keys)
{
    auto add = [&](const Text& t) { keys.insert(t.key); };
    add(v.title);
    if (v.subtitle)
        add(*v.subtitle);
    if (v.notice)
        add(*v.notice);
    for (const auto& b : v.buttons)
        add(b.label);
    for (const auto& d : v.documents) {
        add(d.name);
        add(d.purpose);
    }
    for (const auto& f : v.fields) {
        add(f.label);
        if (f.error)
            add(*f.error);
    }
    if (v.guide && v.guide->instruction)
        add(*v.guide->instruction);
}

TEST(SessionTexts, EveryKeyOnEveryScreenIsInBothCatalogs)
{
    std::set<std::string> keys;
    VisitDriver kiosk;
    auto step = [&](auto&&... events) {
        (kiosk.send(events), ...);
        collect(kiosk.view(), keys);
    };
    step(Tick{kiosk.now()});
    step(ActionTouched{Action::ResubmitRejected});
    step(DocumentChosen{"exit-entry"});
    step(FieldFocused{Field::ReceiptNumber}, FieldEdited{Field::ReceiptNumber, "x"}, ActionTouched{Action::Next});
    step(FieldEdited{Field::ReceiptNumber, valid_receipt_number()}, ActionTouched{Action::Next});
    for (const auto outcome : {ReceiptCheck::Pending, ReceiptCheck::Approved, ReceiptCheck::Unknown,
                               ReceiptCheck::Unreachable, ReceiptCheck::Rejected})
        step(ActionTouched{Action::Next}, ReceiptChecked{valid_receipt_number(), outcome});
    for (const char* id : {"", "1", "123456789012345678", "11010519490230002X", "110105194912310021"})
        step(FieldEdited{Field::IdNumber, id}, ActionTouched{Action::Next});
    step(FieldEdited{Field::Name, "Ann2"}, FieldEdited{Field::Phone, "1"}, FieldFocused{Field::Name},
         ActionTouched{Action::Next});
    step(FieldEdited{Field::Name, std::string(300, 'a')});
    step(FieldEdited{Field::Name, kName}, FieldEdited{Field::IdNumber, kIdNumber},
         FieldEdited{Field::Phone, kPhone}, ActionTouched{Action::Next});
    ASSERT_EQ(kiosk.session().step(), Step::SeatAndPose);
    auto a = passing_assessment(kiosk.spec("exit-entry"));
    a.checks[0].status = kiosk::vision::CheckStatus::Unknown; // no advice anywhere
    kiosk.live(a);
    collect(kiosk.view(), keys);
    kiosk.tick(kiosk.settings().capture.still_timeout);
    kiosk.hold_until_capture("exit-entry");
    collect(kiosk.view(), keys);
    kiosk.wait(kiosk.settings().capture.still_timeout + 100ms);
    collect(kiosk.view(), keys);
    kiosk.hold_until_capture("exit-entry");
    step(PhotoReady{VisitDriver::photo("exit-entry")});
    step(ActionTouched{Action::Accept});
    kiosk.wait(kiosk.settings().hand_over.queue_timeout + 100ms);
    collect(kiosk.view(), keys);
    step(ActionTouched{Action::Accept}, SubmissionQueued{valid_receipt_number(), "u"}, SubmissionDelayed{"x"});
    kiosk.wait(kiosk.settings().hand_over.acknowledgement_wait + 100ms);
    collect(kiosk.view(), keys);
    kiosk.wait(kiosk.settings().hand_over.print_timeout + 100ms);
    collect(kiosk.view(), keys);
    step(ActionTouched{Action::Finish}, DeviceChanged{Device::Camera, false, ""});

    const auto dir = kiosk::config_dir() / "text";
    for (const char* locale : {"zh-CN", "en"}) {
        const auto catalog = kiosk::TextCatalog::load(dir, locale);
        for (const auto& key : keys)
            EXPECT_TRUE(catalog.has(key)) << locale << " lacks " << key;
    }
    EXPECT_GT(keys.size(), 40u) << "the walk reached every screen";
}

TEST(SessionTexts, EveryFieldErrorAndThePlacedNamesAreInBothCatalogs)
{
    const auto dir = kiosk::config_dir() / "text";
    for (const char* locale : {"zh-CN", "en"}) {
        const auto catalog = kiosk::TextCatalog::load(dir, locale);
        for (const char* key : {"field.error.required", "field.error.too_long", "field.error.name_characters",
                                "field.error.id_length", "field.error.id_characters", "field.error.id_birth_date",
                                "field.error.id_check_character", "field.error.phone_number",
                                "field.error.receipt_number", "notice.idle_warning"})
            EXPECT_TRUE(catalog.has(key)) << locale << " lacks " << key;
        EXPECT_EQ(catalog.text("screen.choose_document.document_name"), "{name}");
    }
}

} // namespace
