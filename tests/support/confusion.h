#pragma once

#include <map>
#include <string>

#include "vision/check_result.h"

namespace kiosk::test {

// Counts of what a check said against what the labels expect, printed as a
// table so a reader sees where a check stands, not only whether a test passed.
class Confusion {
public:
    explicit Confusion(std::string check_id) : check_id_(std::move(check_id)) {}

    // `expect_pass`: the label says the photo should pass this check.
    void add(bool expect_pass, vision::CheckStatus got);

    int count(bool expect_pass, vision::CheckStatus got) const;
    int total(bool expect_pass) const;
    // Share of photos with this expectation that got the matching status
    // (pass for expect_pass, fail otherwise); 1 when there are none.
    double hit_rate(bool expect_pass) const;

    std::string table() const;

private:
    std::string check_id_;
    std::map<std::pair<bool, vision::CheckStatus>, int> counts_;
};

} // namespace kiosk::test
