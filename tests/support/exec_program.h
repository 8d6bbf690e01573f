#pragma once

#include <string>
#include <vector>

#include <unistd.h>

namespace kiosk::test {

// For a test's forked child, once its descriptors are in place: becomes the
// program args[0] (looked up on PATH when the name has no '/'), or exits
// with 127 as a shell does for a program it cannot run.
[[noreturn]] inline void exec_program(const std::vector<std::string>& args)
{
    std::vector<char*> argv;
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
}

} // namespace kiosk::test
