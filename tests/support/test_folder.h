#pragma once

#include <filesystem>
#include <string>

namespace kiosk::test {

// A folder of one test's own under GoogleTest's TempDir(): empty when made,
// removed with everything in it when the object goes, so no photo, PIN hash,
// journal or outbox a test wrote outlives it. Its name carries `purpose`, the
// process id, the running test's name (when a test runs) and a count, so tests
// run at once by other processes, and two folders of one test, never meet.
class TestFolder {
public:
    explicit TestFolder(const std::string& purpose);
    ~TestFolder();
    TestFolder(const TestFolder&) = delete;
    TestFolder& operator=(const TestFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

} // namespace kiosk::test
