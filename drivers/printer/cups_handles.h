#pragma once

#include <memory>

#include <cups/cups.h>

namespace kiosk::printer {

// Owning handles for libcups objects, so every early return and exception
// closes connections and frees requests.
struct CupsFree {
    void operator()(http_t* p) const { httpClose(p); }
    void operator()(ipp_t* p) const { ippDelete(p); }
};

using CupsConnection = std::unique_ptr<http_t, CupsFree>;
using IppMessage = std::unique_ptr<ipp_t, CupsFree>;

// A cups_option_t array and its count, freed together.
class CupsOptions {
public:
    CupsOptions() = default;
    ~CupsOptions() { cupsFreeOptions(count_, options_); }
    CupsOptions(const CupsOptions&) = delete;
    CupsOptions& operator=(const CupsOptions&) = delete;

    void add(const char* name, const char* value) { count_ = cupsAddOption(name, value, count_, &options_); }
    int count() const { return count_; }
    cups_option_t* get() const { return options_; }

private:
    int count_ = 0;
    cups_option_t* options_ = nullptr;
};

} // namespace kiosk::printer
