// What reviewers and browsers send the review service, read strictly; what
// the pages echo, escaped; what the kiosk reads back as a decision; and the
// shipped reviewer settings with a text for every reason in both languages.
#include <functional>

#include <gtest/gtest.h>

#include "applicant_details.h"
#include "core/paths.h"
#include "core/text_catalog.h"
#include "form_fields.h"
#include "html_text.h"
#include "request_refused.h"
#include "reviewer_requests.h"
#include "reviewing_config.h"
#include "submission_parser.h"
#include "upload/receipt_decision.h"
#include "receipt/receipt_number.h"
#include "upload/submission_body.h"

namespace {

using namespace kiosk;
using namespace kiosk::review;

ReviewingConfig settings()
{
    ReviewingConfig config;
    config.max_password_bytes = 64;
    config.max_name_chars = 16;
    config.default_page = 20;
    config.max_page = 50;
    config.max_form_bytes = 256;
    config.reject_reasons = {"background", "blurred"};
    return config;
}

unsigned refusal(const std::function<void()>& call)
{
    try {
        call();
    } catch (const RequestRefused& refused) {
        return refused.status();
    }
    return 0;
}

TEST(FormFields, DecodesPlusAndPercentEscapes)
{
    const auto fields = parse_form_fields("name=li+ming&password=a%26b%3Dc%25&&empty=", 5);
    EXPECT_EQ(fields.at("name"), "li ming");
    EXPECT_EQ(fields.at("password"), "a&b=c%");
    EXPECT_EQ(fields.at("empty"), "");
    EXPECT_EQ(fields.size(), 3u);
    EXPECT_EQ(parse_form_fields("r=%E5%9B%9E", 1).at("r"), "回");
}

TEST(FormFields, RefusesBrokenEscapesDuplicatesAndTooManyFields)
{
    EXPECT_EQ(refusal([] { parse_form_fields("a=%4", 2); }), 400u);
    EXPECT_EQ(refusal([] { parse_form_fields("a=%zz", 2); }), 400u);
    EXPECT_EQ(refusal([] { parse_form_fields("a=%", 2); }), 400u);
    EXPECT_EQ(refusal([] { parse_form_fields("a=1&a=2", 2); }), 400u) << "which a would count?";
    EXPECT_EQ(refusal([] { parse_form_fields("a=1&b=2&c=3", 2); }), 400u);
}

TEST(FormFields, FindsOneCookieAmongOthers)
{
    EXPECT_EQ(cookie_value("theme=dark; review_session=abc123; lang=en", "review_session"), "abc123");
    EXPECT_EQ(cookie_value("review_session_old=x;review_session=y", "review_session"), "y");
    EXPECT_EQ(cookie_value("theme=dark", "review_session"), "");
    EXPECT_EQ(cookie_value("", "review_session"), "");
}

TEST(HtmlText, EscapesEveryCharacterThatCouldOpenMarkup)
{
    EXPECT_EQ(html_escape(R"(<script>alert("x")</script> & 'y')"),
              "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
    EXPECT_EQ(html_escape("回执 GZ001"), "回执 GZ001");
}

TEST(ReviewerRequests, ReadsLoginFromJsonAndForms)
{
    const auto config = settings();
    const auto json = parse_login(R"({"name":"alice","password":"p w"})", BodyFormat::Json, config);
    EXPECT_EQ(json.name, "alice");
    EXPECT_EQ(json.password, "p w");
    const auto form = parse_login("name=alice&password=p+w", BodyFormat::Form, config);
    EXPECT_EQ(form.password, "p w");

    EXPECT_EQ(refusal([&] { parse_login(R"({"name":"alice"})", BodyFormat::Json, config); }), 400u);
    EXPECT_EQ(refusal([&] { parse_login(R"({"name":"alice","password":1})", BodyFormat::Json, config); }), 400u);
    EXPECT_EQ(refusal([&] { parse_login(R"(["alice"])", BodyFormat::Json, config); }), 400u);
    EXPECT_EQ(refusal([&] { parse_login("{", BodyFormat::Json, config); }), 400u);
    EXPECT_EQ(refusal([&] { parse_login(R"({"name":"a","password":"b","admin":"1"})", BodyFormat::Json, config); }),
              400u);
    EXPECT_EQ(refusal([&] { parse_login("name=" + std::string(17, 'a') + "&password=x", BodyFormat::Form, config); }),
              400u);
    EXPECT_EQ(refusal([&] { parse_login("name=a&password=" + std::string(300, 'x'), BodyFormat::Form, config); }),
              413u) << "over max_form_bytes";
}

TEST(ReviewerRequests, ADecisionIsAnApprovalOrARejectionWithAConfiguredReason)
{
    const auto config = settings();
    const auto approve = parse_decision(R"({"decision":"approve"})", BodyFormat::Json, config);
    EXPECT_EQ(approve.verdict, Verdict::Approve);
    const auto reject = parse_decision("decision=reject&reason=blurred", BodyFormat::Form, config);
    EXPECT_EQ(reject.verdict, Verdict::Reject);
    EXPECT_EQ(reject.reason_code, "blurred");
    // The page's approve form sends no reason field; an empty select sends an empty one.
    EXPECT_EQ(parse_decision("decision=approve&reason=", BodyFormat::Form, config).verdict, Verdict::Approve);

    EXPECT_EQ(refusal([&] { parse_decision(R"({"decision":"reject"})", BodyFormat::Json, config); }), 400u);
    EXPECT_EQ(refusal([&] { parse_decision("decision=reject&reason=", BodyFormat::Form, config); }), 400u);
    EXPECT_EQ(refusal([&] { parse_decision(R"({"decision":"reject","reason":"ugly"})", BodyFormat::Json, config); }),
              400u) << "not in the configured list";
    EXPECT_EQ(refusal([&] { parse_decision(R"({"decision":"approve","reason":"blurred"})", BodyFormat::Json, config); }),
              400u);
    EXPECT_EQ(refusal([&] { parse_decision(R"({"decision":"maybe"})", BodyFormat::Json, config); }), 400u);
    EXPECT_EQ(refusal([&] { parse_decision(R"({})", BodyFormat::Json, config); }), 400u);
}

TEST(ReviewerRequests, QueuePagesAreBounded)
{
    const auto config = settings();
    const auto first = parse_queue_query("", config);
    EXPECT_EQ(first.after, 0);
    EXPECT_EQ(first.limit, config.default_page);
    const auto later = parse_queue_query("after=42&limit=5", config);
    EXPECT_EQ(later.after, 42);
    EXPECT_EQ(later.limit, 5);
    EXPECT_EQ(refusal([&] { parse_queue_query("limit=51", config); }), 400u);
    EXPECT_EQ(refusal([&] { parse_queue_query("limit=0", config); }), 400u);
    EXPECT_EQ(refusal([&] { parse_queue_query("limit=99999999999999999999", config); }), 400u);
    EXPECT_EQ(refusal([&] { parse_queue_query("after=-1", config); }), 400u);
    EXPECT_EQ(refusal([&] { parse_queue_query("after=1x", config); }), 400u);
    EXPECT_EQ(refusal([&] { parse_queue_query("sort=desc", config); }), 400u);
    EXPECT_EQ(parse_submission_id("17"), 17);
    EXPECT_EQ(refusal([] { parse_submission_id("17/../1"); }), 400u);
    EXPECT_EQ(refusal([] { parse_submission_id(""); }), 400u);
}

TEST(ReceiptDecision, ReadsEachStateAndRefusesWhatIsNotAStatus)
{
    using upload::ReviewState;
    const auto pending = upload::parse_receipt_decision(
        R"({"receipt_number":"GZ00125112500AK","status":"pending","submissions":1})");
    EXPECT_EQ(pending.state, ReviewState::Pending);
    EXPECT_EQ(pending.submissions, 1);
    const auto rejected = upload::parse_receipt_decision(
        R"({"receipt_number":"GZ00125112500AK","status":"rejected","reason":"blurred","reason_text":"Blurred","submissions":2})");
    EXPECT_EQ(rejected.state, ReviewState::Rejected);
    EXPECT_EQ(rejected.reason_code, "blurred");
    EXPECT_EQ(rejected.reason_text, "Blurred");

    EXPECT_THROW(upload::parse_receipt_decision("<html>"), upload::ReviewServiceError);
    EXPECT_THROW(upload::parse_receipt_decision(
                     R"({"receipt_number":"GZ00125112500AK","status":"rejected","submissions":1})"),
                 upload::ReviewServiceError) << "a rejection without its reason";
    EXPECT_THROW(upload::parse_receipt_decision(
                     R"({"receipt_number":"GZ00125112500AK","status":"lost","submissions":1})"),
                 upload::ReviewServiceError);
    EXPECT_THROW(upload::parse_receipt_decision(R"({"receipt_number":"GZ00125112500AK","status":"pending"})"),
                 upload::ReviewServiceError);
}

TEST(ReviewingConfig, TheShippedSettingsLoadWithEveryTextInBothLanguages)
{
    const auto config = load_reviewing_config(config_dir() / "review-server" / "reviewing.json");
    EXPECT_FALSE(config.reject_reasons.empty());
    for (const std::string locale : {"zh-CN", "en"})
        EXPECT_NO_THROW(require_review_texts(config, TextCatalog::load(config_dir() / "text", locale))) << locale;
}

// The applicant's details a kiosk sends with the photo are checked again by
// the service; a refusal names the field and never repeats what was typed.
TEST(SubmissionBody, ApplicantDetailsAreOptionalAndCheckedFieldByField)
{
    const ApplicantLimits limits{.max_name_chars = 8, .max_phone_digits = 15};
    const InputLimits input{.max_body_bytes = 100'000, .max_photo_bytes = 1000, .max_assessment_bytes = 1000,
                            .max_id_chars = 32};
    upload::Submission sent;
    sent.receipt_number = receipt::ReceiptNumber::issue("GZ001", std::chrono::year{2025} / 11 / 25, 12).str();
    sent.spec = "resident-id";
    sent.city = "guangzhou";
    sent.kiosk_id = "GZ001";
    sent.assessment = nlohmann::json::object();
    sent.photo_jpeg = "\xFF\xD8\xFF photo";
    EXPECT_FALSE(parse_submission_body(upload::encode_submission_body(sent), input, limits).applicant);
    sent.applicant = {{"name", "阿依古丽·买买提"}, {"id_number", "11010519491231002X"}, {"phone", "13800138000"}};
    EXPECT_EQ(parse_submission_body(upload::encode_submission_body(sent), input, limits), sent);
    sent.applicant = nlohmann::json{{"name", "Li Lei"}};
    EXPECT_EQ(parse_submission_body(upload::encode_submission_body(sent), input, limits), sent);

    const auto reason = [&](const nlohmann::json& applicant) -> std::string {
        try {
            check_applicant(applicant, limits);
        } catch (const RequestRefused& refused) {
            EXPECT_EQ(refused.status(), 400u);
            return refused.what();
        }
        return "accepted";
    };
    EXPECT_NE(reason({{"name", "一二三四五六七八九"}}).find("longer than 8"), std::string::npos) << "9 characters";
    EXPECT_EQ(reason({{"name", "一二三四五六七八"}}), "accepted") << "8 characters, 24 bytes";
    EXPECT_NE(reason({{"name", "<b>Li"}}).find("may hold only"), std::string::npos);
    EXPECT_NE(reason({{"name", "Li\nLei"}}).find("may hold only"), std::string::npos);
    EXPECT_NE(reason({{"name", "\xE5\xB1"}}).find("UTF-8"), std::string::npos);
    EXPECT_NE(reason({{"name", ""}}).find("non-empty"), std::string::npos);
    EXPECT_NE(reason({{"name", 7}}).find("non-empty text"), std::string::npos);
    EXPECT_NE(reason({{"id_number", "110105194912310021"}}).find("check character"), std::string::npos);
    EXPECT_NE(reason({{"id_number", "110105194902300020"}}).find("birth date"), std::string::npos);
    EXPECT_NE(reason({{"id_number", "11010519491231002"}}).find("18 characters"), std::string::npos);
    EXPECT_NE(reason({{"id_number", "11010519491231002x"}}).find("digit or 'X'"), std::string::npos);
    EXPECT_NE(reason({{"phone", "138-0013-8000"}}).find("digits"), std::string::npos);
    EXPECT_NE(reason({{"phone", std::string(16, '1')}}).find("1..15 digits"), std::string::npos);
    EXPECT_NE(reason({{"address", "somewhere"}}).find("only name, id_number and phone"), std::string::npos);
    EXPECT_NE(reason(nlohmann::json::object()).find("must be an object"), std::string::npos);
    EXPECT_NE(reason("李雷").find("must be an object"), std::string::npos);
    const auto refused = reason({{"id_number", "110105194912310021"}});
    EXPECT_EQ(refused.find("110105194912310021"), std::string::npos) << "never echoed: " << refused;

    sent.applicant = nlohmann::json{{"id_number", "110105194912310021"}};
    EXPECT_EQ(refusal([&] { parse_submission_body(upload::encode_submission_body(sent), input, limits); }), 400u);
}

} // namespace
