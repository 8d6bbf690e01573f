// The details a citizen types: GB 11643 ID numbers, names, mobile numbers and
// receipt numbers, each refused with the reason the screen shows.
#include <gtest/gtest.h>

#include "session/field_check.h"
#include "core/id_number.h"
#include "session_visit_driver.h"

namespace {

using namespace kiosk;
using namespace kiosk::session;

const ApplicantLimits kLimits{.name_max_chars = 40, .max_input_bytes = 200};

std::optional<std::string> error_of(Field field, std::string_view typed)
{
    return check_field(field, typed, kLimits).error;
}

TEST(IdNumber, AcceptsAValidNumberWithADigitCheckCharacter)
{
    EXPECT_EQ(check_id_number("110101198001010010"), IdNumberProblem::None);
    EXPECT_EQ(id_check_character("11010119800101001"), '0');
}

TEST(IdNumber, AcceptsXAsTheCheckCharacterForTen)
{
    EXPECT_EQ(check_id_number("11010519491231002X"), IdNumberProblem::None);
    EXPECT_EQ(id_check_character("11010519491231002"), 'X');
    EXPECT_EQ(check_field(Field::IdNumber, "11010519491231002x", kLimits).value, "11010519491231002X");
    EXPECT_FALSE(error_of(Field::IdNumber, "1101 0519 4912 3100 2x"));
}

TEST(IdNumber, RefusesAWrongCheckCharacter)
{
    EXPECT_EQ(check_id_number("110105194912310021"), IdNumberProblem::CheckCharacter);
    EXPECT_EQ(check_id_number("110101198001010011"), IdNumberProblem::CheckCharacter);
    // Two neighbours of 11010519491231002X swapped: their weights differ, so MOD 11-2 catches it.
    EXPECT_EQ(check_id_number("10110519491231002X"), IdNumberProblem::CheckCharacter);
    EXPECT_EQ(error_of(Field::IdNumber, "110105194912310021"), "field.error.id_check_character");
}

TEST(IdNumber, RefusesABirthDateThatDoesNotExist)
{
    EXPECT_EQ(check_id_number("110105194902300020"), IdNumberProblem::BirthDate) << "30 February";
    EXPECT_EQ(check_id_number("110105194913310021"), IdNumberProblem::BirthDate) << "month 13";
    EXPECT_EQ(check_id_number("110105189912310023"), IdNumberProblem::BirthDate) << "before 1900";
    EXPECT_EQ(check_id_number("110105190002290025"), IdNumberProblem::BirthDate) << "1900 was no leap year";
    EXPECT_EQ(check_id_number("110105200002290021"), IdNumberProblem::None) << "2000 was";
    EXPECT_EQ(error_of(Field::IdNumber, "110105194902300020"), "field.error.id_birth_date");
}

TEST(IdNumber, RefusesTheWrongLengthOrCharacters)
{
    EXPECT_EQ(check_id_number("11010519491231002"), IdNumberProblem::Length);
    EXPECT_EQ(check_id_number("11010519491231002XX"), IdNumberProblem::Length);
    EXPECT_EQ(check_id_number("1101051949123100X2"), IdNumberProblem::Characters) << "X only at the end";
    EXPECT_EQ(check_id_number("11010519491231002Y"), IdNumberProblem::Characters);
    EXPECT_EQ(error_of(Field::IdNumber, "123"), "field.error.id_length");
    EXPECT_EQ(error_of(Field::IdNumber, ""), "field.error.required");
}

TEST(ApplicantName, AcceptsHanziWithTheInterpunctOrLatinLetters)
{
    EXPECT_FALSE(error_of(Field::Name, "王小明"));
    EXPECT_FALSE(error_of(Field::Name, "阿依古丽·买买提"));
    EXPECT_FALSE(error_of(Field::Name, "𠀋明")) << "a rare character from CJK extension B";
    EXPECT_FALSE(error_of(Field::Name, "Anna-Lena O'Brien"));
    EXPECT_EQ(check_field(Field::Name, "  王小明 ", kLimits).value, "王小明");
}

TEST(ApplicantName, RefusesMixedScriptsDigitsAndBrokenText)
{
    EXPECT_EQ(error_of(Field::Name, "王xiao明"), "field.error.name_characters");
    EXPECT_EQ(error_of(Field::Name, "王小明2"), "field.error.name_characters");
    EXPECT_EQ(error_of(Field::Name, "Anna<script>"), "field.error.name_characters");
    EXPECT_EQ(error_of(Field::Name, std::string("\xE7\x8E", 2)), "field.error.name_characters") << "cut UTF-8";
    EXPECT_EQ(error_of(Field::Name, std::string("\xC0\xAF", 2)), "field.error.name_characters") << "overlong";
    EXPECT_EQ(error_of(Field::Name, "   "), "field.error.required");
    EXPECT_EQ(error_of(Field::Name, std::string(41, 'a')), "field.error.too_long");
    EXPECT_EQ(error_of(Field::Name, std::string(201, 'a')), "field.error.too_long");
}

TEST(ApplicantPhone, AcceptsMainlandMobileNumbers)
{
    EXPECT_FALSE(error_of(Field::Phone, "13800138000"));
    EXPECT_FALSE(error_of(Field::Phone, "199 0000 1111"));
    EXPECT_EQ(check_field(Field::Phone, "138-0013-8000", kLimits).value, "13800138000");
}

TEST(ApplicantPhone, RefusesOtherNumbers)
{
    EXPECT_EQ(error_of(Field::Phone, "1380013800"), "field.error.phone_number") << "10 digits";
    EXPECT_EQ(error_of(Field::Phone, "12800138000"), "field.error.phone_number") << "no 12x prefix";
    EXPECT_EQ(error_of(Field::Phone, "02012345678"), "field.error.phone_number") << "a landline";
    EXPECT_EQ(error_of(Field::Phone, "1380013800a"), "field.error.phone_number");
}

TEST(ApplicantReceiptNumber, AcceptsAsTypedAndRefusesATypo)
{
    const std::string number = kiosk::session::testing::valid_receipt_number();
    EXPECT_FALSE(error_of(Field::ReceiptNumber, number));
    std::string typo = number;
    typo[7] = typo[7] == '1' ? '2' : '1';
    EXPECT_EQ(error_of(Field::ReceiptNumber, typo), "field.error.receipt_number");
    EXPECT_EQ(error_of(Field::ReceiptNumber, "hello"), "field.error.receipt_number");
}

} // namespace
