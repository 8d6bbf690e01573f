// Runs the built photo-check program the way run-demo and scripts do, on
// real photos and on broken files made in a temp folder, and checks what it
// prints, what it writes and how it exits.
#include <array>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <sys/wait.h>

#include "support/faces.h"
#include "support/test_folder.h"
#include "vision/check_ids.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
    std::vector<std::string> lines() const
    {
        std::vector<std::string> v;
        std::istringstream in(out);
        for (std::string line; std::getline(in, line);)
            v.push_back(line);
        return v;
    }
};

std::string shell_quoted(const std::string& s)
{
    std::string q = "'";
    for (char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

std::string read_text(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<unsigned char> read_bytes(const fs::path& file)
{
    const std::string s = read_text(file);
    return {s.begin(), s.end()};
}

std::set<fs::path> files_under(const fs::path& dir)
{
    std::set<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        files.insert(e.path());
    return files;
}

class PhotoCheck : public ::testing::Test {
protected:
    void SetUp() override
    {
        fs::create_directories(dir_.path() / "in");
    }

    // Runs photo-check with `args`; stderr goes to a file in the temp folder.
    RunResult run(const std::vector<std::string>& args)
    {
        std::string command = shell_quoted(PHOTO_CHECK_BIN);
        for (const auto& a : args)
            command += " " + shell_quoted(a);
        const fs::path err = dir_.path() / "stderr.txt";
        command += " 2>" + shell_quoted(err.string());
        RunResult r;
        FILE* pipe = ::popen(command.c_str(), "r");
        if (!pipe)
            return r;
        std::array<char, 4096> buf;
        for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0;)
            r.out.append(buf.data(), n);
        const int status = ::pclose(pipe);
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        r.err = read_text(err);
        fs::remove(err);
        return r;
    }

    fs::path write(const std::string& name, const std::vector<unsigned char>& bytes)
    {
        const fs::path p = dir_.path() / "in" / name;
        std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                 static_cast<std::streamsize>(bytes.size()));
        return p;
    }

    kiosk::test::TestFolder dir_{"kiosk-photo-check-test"};
};

// A real JPEG whose header declares 60000 x 60000 pixels (3.6 gigapixels):
// a decoder that trusted it would try to allocate about 10 GB.
std::vector<unsigned char> huge_header_jpeg()
{
    std::vector<unsigned char> jpeg;
    cv::imencode(".jpg", cv::Mat(16, 16, CV_8UC3, cv::Scalar(128, 128, 128)), jpeg);
    for (std::size_t i = 2; i + 9 < jpeg.size(); ++i) {
        if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) {   // SOF0: length(2) precision(1) height(2) width(2)
            jpeg[i + 5] = 0xEA;
            jpeg[i + 6] = 0x60;
            jpeg[i + 7] = 0xEA;
            jpeg[i + 8] = 0x60;
            break;
        }
    }
    return jpeg;
}

void expect_jfif_dpi(const fs::path& file, int dpi)
{
    const auto b = read_bytes(file);
    ASSERT_GT(b.size(), 20u);
    EXPECT_EQ(b[0], 0xFF);
    EXPECT_EQ(b[1], 0xD8);
    EXPECT_EQ(b[3], 0xE0) << "APP0 is not the first marker";
    EXPECT_EQ(std::string(b.begin() + 6, b.begin() + 11), std::string("JFIF\0", 5));
    EXPECT_EQ(b[13], 1) << "density unit is not dots per inch";
    EXPECT_EQ((b[14] << 8) | b[15], dpi);
    EXPECT_EQ((b[16] << 8) | b[17], dpi);
}

void expect_face_schema(const json& face)
{
    ASSERT_TRUE(face.is_object());
    ASSERT_TRUE(face["box"].is_array());
    ASSERT_EQ(face["box"].size(), 4u);
    for (const auto& v : face["box"])
        EXPECT_TRUE(v.is_number_integer());
    const json& eyes = face["eyes"];
    ASSERT_TRUE(eyes["right"].is_array() && eyes["left"].is_array());
    // The subject's right eye is on the image's left.
    EXPECT_LT(eyes["right"][0].get<double>(), eyes["left"][0].get<double>());
    for (const char* angle : {"yaw", "pitch", "roll"})
        EXPECT_TRUE(face["pose"][angle].is_number()) << angle;
}

void expect_checks_schema(const json& checks)
{
    ASSERT_TRUE(checks.is_array());
    ASSERT_EQ(checks.size(), kiosk::vision::check_id::all.size());
    for (std::size_t i = 0; i < checks.size(); ++i) {
        const json& c = checks[i];
        SCOPED_TRACE(c.dump());
        EXPECT_EQ(c["id"].get<std::string>(), kiosk::vision::check_id::all[i]);
        const std::string status = c["status"].get<std::string>();
        EXPECT_TRUE(status == "pass" || status == "fail" || status == "unknown");
        EXPECT_TRUE(c["value"].is_null() || c["value"].is_number() || c["value"].is_boolean());
        ASSERT_TRUE(c["limit"].is_object());
        EXPECT_TRUE(c["limit"].contains("min") && c["limit"].contains("max"));
        EXPECT_TRUE(c["limit"]["min"].is_null() || c["limit"]["min"].is_number());
        EXPECT_TRUE(c["limit"]["max"].is_null() || c["limit"]["max"].is_number());
        ASSERT_TRUE(c.contains("advice"));
        if (status == "fail") {
            ASSERT_TRUE(c["advice"].is_string());
            EXPECT_EQ(c["advice"].get<std::string>().rfind("advice.", 0), 0u);
        }
        if (status == "pass") {
            EXPECT_TRUE(c["advice"].is_null());
        }
    }
}

TEST_F(PhotoCheck, JsonlReportsEveryImageAndTheBatchGoesOnPastBadInput)
{
    KIOSK_REQUIRE_FACES(faces);
    const fs::path good1 = faces / "frl-london/neutral/001_03.jpg";
    const fs::path good2 = faces / "frl-london/smiling/001_08.jpg";
    const fs::path png = faces / "public-domain/astronaut.png";
    const auto real = read_bytes(good1);
    ASSERT_FALSE(real.empty());

    const fs::path empty = write("zhang_san_empty.jpg", {});
    const std::string text = "this is not a picture\n";
    const fs::path not_image = write("zhang_san_text.jpg", {text.begin(), text.end()});
    const fs::path truncated = write("zhang_san_truncated.jpg", {real.begin(), real.begin() + real.size() / 2});
    const fs::path huge = write("zhang_san_huge.jpg", huge_header_jpeg());
    const fs::path missing = dir_.path() / "in" / "zhang_san_missing.jpg";
    // A real photo's empty backdrop: a picture with no face in it.
    const cv::Mat source = cv::imread(good1.string());
    std::vector<unsigned char> backdrop;
    cv::imencode(".jpg", source(cv::Rect(0, 0, 300, 300)), backdrop);
    const fs::path no_face = write("zhang_san_backdrop.jpg", backdrop);
    const auto inputs_before = files_under(dir_.path() / "in");

    const fs::path out = dir_.path() / "out";
    const std::vector<fs::path> images = {good1, empty, not_image, truncated, huge, missing, no_face, good2, png};
    // Info-level logs on: they must still stay off stdout and never name an image.
    std::vector<std::string> args = {"--spec", "exit-entry", "--jsonl", "--log-level", "info", "--out", out.string()};
    for (const auto& i : images)
        args.push_back(i.string());
    const RunResult r = run(args);

    EXPECT_EQ(r.exit_code, 1) << "some images could not be read";
    const auto lines = r.lines();
    ASSERT_EQ(lines.size(), images.size()) << r.out << "\n--- stderr:\n" << r.err;
    std::vector<json> reports;
    for (const auto& line : lines)
        reports.push_back(json::parse(line));   // throws, failing the test, on anything that is not JSON

    const std::vector<std::string> expected_errors = {"",         "empty",       "not a JPEG or PNG", "truncated",
                                                      "limit",    "no such file", "no face",          "", ""};
    std::set<fs::path> expected_outputs;
    for (std::size_t i = 0; i < images.size(); ++i) {
        const json& j = reports[i];
        SCOPED_TRACE(images[i].filename().string() + ": " + lines[i].substr(0, 300));
        for (const char* key : {"image", "spec", "verdict", "error", "faces", "face", "checks", "output"})
            EXPECT_TRUE(j.contains(key)) << key;
        EXPECT_EQ(j["image"], images[i].string());
        EXPECT_EQ(j["spec"], "exit-entry");
        if (!expected_errors[i].empty()) {
            EXPECT_EQ(j["verdict"], "error");
            ASSERT_TRUE(j["error"].is_string());
            EXPECT_NE(j["error"].get<std::string>().find(expected_errors[i]), std::string::npos);
            EXPECT_TRUE(j["output"].is_null());
            continue;
        }
        EXPECT_TRUE(j["error"].is_null());
        EXPECT_GE(j["faces"].get<int>(), 1);
        expect_face_schema(j["face"]);
        expect_checks_schema(j["checks"]);
        bool all_pass = true;
        for (const auto& c : j["checks"])
            all_pass = all_pass && c["status"] == "pass";
        EXPECT_EQ(j["verdict"], all_pass ? "pass" : "fail");

        ASSERT_TRUE(j["output"].is_string());
        const fs::path written = j["output"].get<std::string>();
        EXPECT_EQ(written, out / (images[i].stem().string() + ".exit-entry.jpg"));
        expected_outputs.insert(written);
        const cv::Mat photo = cv::imread(written.string());
        EXPECT_EQ(photo.size(), cv::Size(354, 472));
        expect_jfif_dpi(written, 300);
        EXPECT_TRUE(j["photo"]["size_in_range"].get<bool>()) << j["photo"].dump();
        const auto size = fs::file_size(written);
        EXPECT_EQ(size, j["photo"]["size_bytes"].get<std::uintmax_t>());
        EXPECT_GE(j["photo"]["jpeg_quality"].get<int>(), 70);
    }
    EXPECT_NE(r.err.find("image 9/9"), std::string::npos) << "no progress logged:\n" << r.err;
    // File names can carry a citizen's name (the made-up files here do).
    EXPECT_EQ(r.err.find("zhang_san"), std::string::npos) << "a log line names an image:\n" << r.err;
    for (const char* real_stem : {"001_03", "001_08", "astronaut"})
        EXPECT_EQ(r.err.find(real_stem), std::string::npos) << "a log line names an image:\n" << r.err;
    // The smiling photo must not pass.
    EXPECT_EQ(reports[7]["verdict"], "fail");
    // Only the document photos were written, and the inputs were left alone.
    EXPECT_EQ(files_under(out), expected_outputs);
    EXPECT_EQ(files_under(dir_.path() / "in"), inputs_before);
}

TEST_F(PhotoCheck, ExitsZeroWhenEveryImageWasJudgedAndWritesNothingWithoutOut)
{
    KIOSK_REQUIRE_FACES(faces);
    const auto before = files_under(dir_.path());
    const RunResult r = run({"--spec", "resident-id", "--jsonl", (faces / "frl-london/neutral/002_03.jpg").string(),
                       (faces / "frl-london/smiling/002_08.jpg").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(r.lines().size(), 2u);
    for (const auto& line : r.lines()) {
        const json j = json::parse(line);
        EXPECT_NE(j["verdict"], "error");
        EXPECT_TRUE(j["output"].is_null());
    }
    EXPECT_EQ(files_under(dir_.path()), before);
}

TEST_F(PhotoCheck, TableIsInTheChosenLanguage)
{
    KIOSK_REQUIRE_FACES(faces);
    const std::string smiling = (faces / "frl-london/smiling/001_08.jpg").string();
    const RunResult en = run({"--spec", "exit-entry", "--locale", "en", smiling});
    EXPECT_EQ(en.exit_code, 0) << en.err;
    EXPECT_NE(en.out.find("Check"), std::string::npos) << en.out;
    EXPECT_NE(en.out.find("Photo not accepted"), std::string::npos) << en.out;
    EXPECT_NE(en.out.find("expression_neutral"), std::string::npos) << en.out;
    EXPECT_EQ(en.out.find('{'), std::string::npos) << "table mode printed JSON";

    const RunResult zh = run({"--spec", "exit-entry", "--locale", "zh-CN", smiling});
    EXPECT_EQ(zh.exit_code, 0) << zh.err;
    EXPECT_NE(zh.out.find("检查项"), std::string::npos) << zh.out;
    EXPECT_NE(zh.out.find("照片不合格"), std::string::npos) << zh.out;
}

TEST_F(PhotoCheck, UsageErrorsExitTwoWithoutJudgingAnything)
{
    const fs::path a_file = write("a.jpg", {0xFF, 0xD8, 0xFF});
    const std::vector<std::vector<std::string>> bad = {
        {a_file.string()},                                                  // no --spec
        {"--spec", "exit-entry"},                                           // no image
        {"--spec", "no-such-document", a_file.string()},                    // unknown spec
        {"--spec", "exit-entry", "--locale", "fr", a_file.string()},        // unknown locale
        {"--spec", "exit-entry", "--out", a_file.string(), a_file.string()}, // --out is a file
        {"--spec", "exit-entry", "--bogus", a_file.string()},
    };
    for (const auto& args : bad) {
        const RunResult r = run(args);
        std::string shown;
        for (const auto& a : args)
            shown += a + " ";
        EXPECT_EQ(r.exit_code, 2) << shown;
        EXPECT_TRUE(r.out.empty()) << shown << ": stdout: " << r.out;
        EXPECT_FALSE(r.err.empty()) << shown << ": no explanation on stderr";
    }
}

} // namespace
