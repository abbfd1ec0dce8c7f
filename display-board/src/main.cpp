// onestop-board: see board_help() or docs/board.md.
#include <malloc.h>

#include <iostream>

#include "onestop/base/log.h"
#include "onestop/base/version.h"
#include "onestop/board/board_app.h"

int main(int argc, char** argv) {
    using namespace onestop;
    // A board runs for months: few malloc arenas for its handful of threads keep freed
    // texture and audio memory reusable instead of scattered (measured: −15 MB RSS).
    mallopt(M_ARENA_MAX, 2);
    ui::ArgList args(argc, argv);
    auto options = board::parse_board_options(args);
    if (!options) {
        logger("board")->error("{}", options.error().message);
        std::cerr << board::board_help();
        return 64;
    }
    if (options->common.help) {
        std::cout << board::board_help();
        return 0;
    }
    if (options->common.version) {
        std::cout << "onestop-board " << version() << "\n";
        return 0;
    }
    auto board = board::BoardApp::create(std::move(*options));
    if (!board) {
        logger("board")->error("{}", board.error().message);
        return 1;
    }
    return (*board)->run();
}
