#pragma once

#include <cstdio>

namespace kiosk::test {

// The machine's one-minute load average (/proc/loadavg), printed beside a
// time a test measured: the machine is shared, and a slow figure under load
// reads differently. 0 when it cannot be read.
inline double load_average()
{
    double load = 0;
    if (std::FILE* file = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(file, "%lf", &load) != 1)
            load = 0;
        std::fclose(file);
    }
    return load;
}

} // namespace kiosk::test
