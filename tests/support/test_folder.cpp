#include "support/test_folder.h"

#include <algorithm>
#include <atomic>
#include <system_error>

#include <gtest/gtest.h>
#include <unistd.h>

namespace kiosk::test {

TestFolder::TestFolder(const std::string& purpose)
{
    static std::atomic<int> made{0};
    std::string name = purpose + "-" + std::to_string(::getpid());
    if (const auto* test = ::testing::UnitTest::GetInstance()->current_test_info())
        name += "-" + std::string(test->name());
    name += "-" + std::to_string(++made);
    // A parameterised test is named "Case/0": one folder, not two.
    std::replace(name.begin(), name.end(), '/', '-');
    path_ = std::filesystem::path(::testing::TempDir()) / name;
    // What a crashed run of the same process id left is not this test's.
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

TestFolder::~TestFolder()
{
    // A destructor must not throw; a folder left behind is a test failure.
    std::error_code error;
    std::filesystem::remove_all(path_, error);
    if (error)
        ADD_FAILURE() << "the test folder " << path_ << " could not be removed: " << error.message();
}

} // namespace kiosk::test
