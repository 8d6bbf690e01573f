// libFuzzer target: whatever bytes arrive from the board, the parser and the
// payload decoders return a verdict and never crash, and every frame they
// accept encodes back to exactly the bytes that came in (so nothing a frame
// carries is silently dropped or invented).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "lightseat/frame.h"
#include "lightseat/messages.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::uint8_t> bytes(data, size);
    const kiosk::lightseat::FrameParse parsed = kiosk::lightseat::parse_frame(bytes);
    if (parsed.frame.has_value() == parsed.error.has_value())
        std::abort();
    if (!parsed.frame)
        return 0;
    const auto again = kiosk::lightseat::encode_frame(*parsed.frame);
    if (!std::equal(again.begin(), again.end(), bytes.begin(), bytes.end()))
        std::abort();
    const auto status = kiosk::lightseat::decode_status(*parsed.frame);
    const auto event = kiosk::lightseat::decode_event(*parsed.frame);
    const auto command = kiosk::lightseat::decode_command(*parsed.frame);
    // A rejection must always say why: the reason becomes the faulted state's text.
    if ((!status.value && status.reason.empty()) || (!event.value && event.reason.empty()) ||
        (!command.value && command.reason.empty()))
        std::abort();
    return 0;
}
