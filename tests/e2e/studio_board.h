#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "lightseat/messages.h"
#include "support/background_program.h"

namespace kiosk::test {

// The board as lightseat-sim holds it, read back from its console's "status"
// answer: what the lamps really show, not what the kiosk believes it asked for.
struct BoardReading {
    lightseat::LightLevels lights;
    int seat_mm = 0;
    bool occupied = false;
};

// lightseat-sim running a program (the kiosk) against its emulated USB board:
// the studio's events said on its stdin, the board's state read from its
// stdout, which it shares with the program it runs.
class StudioBoard {
public:
    explicit StudioBoard(BackgroundProgram& simulator) : simulator_(simulator) {}

    // "sit", "plug", "power-cut"... (tools/lightseat-sim/board_console.cpp).
    void say(const std::string& line) { simulator_.say(line); }

    // Asks for the board's state; nullopt when no answer came within `patience`.
    std::optional<BoardReading> read(std::chrono::milliseconds patience = std::chrono::seconds(2));

private:
    BackgroundProgram& simulator_;
    std::size_t answers_seen_ = 0;   // status answers already in the output
};

} // namespace kiosk::test
