// lightseat-sim hosts the emulated board for another process: the client
// finds it through libusb, drives lights and seat, and sees the occupancy
// event that a line on the simulator's stdin causes.
#include <array>
#include <cstdio>
#include <string>

#include <gtest/gtest.h>

namespace {

TEST(LightseatSim, AnotherProcessDrivesTheSimulatedBoard)
{
    // "sit" arrives after the client has had time to connect, as a person would.
    const std::string command = std::string("(sleep 2; echo sit) | ") + LIGHTSEAT_SIM_BIN +
                                " --log-level warn -- " + LIGHTSEAT_SIM_CLIENT_BIN + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string output;
    std::array<char, 256> chunk{};
    while (fgets(chunk.data(), chunk.size(), pipe))
        output += chunk.data();
    const int status = pclose(pipe);
    EXPECT_EQ(WEXITSTATUS(status), 0) << output;
    for (const char* line : {"ready 1", "lights done", "home done", "homed 1", "move done", "reached 1", "occupied 1"})
        EXPECT_NE(output.find(line), std::string::npos) << "missing \"" << line << "\" in:\n" << output;
}

} // namespace
