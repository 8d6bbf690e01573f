#include "support/confusion.h"

#include <cstdio>

namespace kiosk::test {

using vision::CheckStatus;

void Confusion::add(bool expect_pass, CheckStatus got) { ++counts_[{expect_pass, got}]; }

int Confusion::count(bool expect_pass, CheckStatus got) const
{
    auto it = counts_.find({expect_pass, got});
    return it == counts_.end() ? 0 : it->second;
}

int Confusion::total(bool expect_pass) const
{
    return count(expect_pass, CheckStatus::Pass) + count(expect_pass, CheckStatus::Fail) +
           count(expect_pass, CheckStatus::Unknown);
}

double Confusion::hit_rate(bool expect_pass) const
{
    const int n = total(expect_pass);
    if (n == 0)
        return 1.0;
    return static_cast<double>(count(expect_pass, expect_pass ? CheckStatus::Pass : CheckStatus::Fail)) / n;
}

std::string Confusion::table() const
{
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "%-20s | said pass | said fail | unknown | hit rate\n"
                  "%-20s | %9d | %9d | %7d | %6.1f %%\n"
                  "%-20s | %9d | %9d | %7d | %6.1f %%\n",
                  check_id_.c_str(), "  labelled pass", count(true, CheckStatus::Pass),
                  count(true, CheckStatus::Fail), count(true, CheckStatus::Unknown), 100 * hit_rate(true),
                  "  labelled fail", count(false, CheckStatus::Pass), count(false, CheckStatus::Fail),
                  count(false, CheckStatus::Unknown), 100 * hit_rate(false));
    return buf;
}

} // namespace kiosk::test
