#include "board_console.h"

#include <ostream>
#include <sstream>

namespace kiosk::lightseat {

const char* console_help()
{
    return "commands on standard input:\n"
           "  sit | leave      occupancy sensor on / off\n"
           "  stall            the seat motor jams (stall fault, homing lost)\n"
           "  hot | cool       over-temperature fault on / off\n"
           "  unplug | plug    pull / reconnect the USB cable (the board keeps its own power)\n"
           "  power-cut        the cable comes out and takes the board's power with it: it comes\n"
           "                   back on plug with the lamps off and the seat not homed\n"
           "  garbage          send a corrupt frame on the event endpoint\n"
           "  status           print the board's state\n"
           "  quit\n";
}

bool run_console_line(const std::string& line, UsbBoardEmulation& board, std::ostream& out)
{
    std::istringstream words(line);
    std::string word;
    if (!(words >> word))
        return true;
    if (word == "quit")
        return false;
    if (word == "sit" || word == "leave")
        board.act_on_board([&](BoardModel& b) { b.set_occupied(word == "sit"); });
    else if (word == "stall")
        board.act_on_board([](BoardModel& b) { b.stall_motor(); });
    else if (word == "hot" || word == "cool")
        board.act_on_board([&](BoardModel& b) { b.set_over_temperature(word == "hot"); });
    else if (word == "unplug")
        board.unplug();
    else if (word == "plug")
        board.plug();
    else if (word == "power-cut") {
        board.unplug();
        board.act_on_board([](BoardModel& b) { b.lose_power(); });
    } else if (word == "garbage")
        board.send_raw_event({0x13, 0x37, 0x00, 0x00, 0x00, 0x00, 0x00});
    else if (word == "status") {
        DeviceStatus s;
        board.act_on_board([&s](BoardModel& b) { s = b.status(); });
        out << "lights " << s.lights.key_left << "/" << s.lights.key_right << "/" << s.lights.background
            << " seat " << s.seat_mm << " mm (target " << s.target_mm << ", motion "
            << static_cast<int>(s.motion) << ") occupied " << (s.occupied ? "yes" : "no") << " faults "
            << describe(s.faults) << "\n";
        return true;
    } else if (word == "help") {
        out << console_help();
        return true;
    } else {
        out << "not understood: " << word << " (try help)\n";
        return true;
    }
    out << "ok\n";
    return true;
}

} // namespace kiosk::lightseat
