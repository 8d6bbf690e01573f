// main() for tests that drive the real libusb code against umockdev's
// emulated bus. The testbed only works when its preload library intercepts
// the process's file and ioctl calls, so the test re-runs itself under it;
// CTest and a developer can then start the binary the same plain way.
#include <cstdlib>
#include <string_view>

#include <unistd.h>

#include <gtest/gtest.h>

int main(int argc, char** argv)
{
    const char* preload = std::getenv("LD_PRELOAD");
    if (!preload || std::string_view(preload).find("libumockdev-preload") == std::string_view::npos) {
        setenv("LD_PRELOAD", "libumockdev-preload.so.0", 1);
        execv("/proc/self/exe", argv);
        return 127;
    }
    testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
