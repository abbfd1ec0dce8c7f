// onestop-board: see --help or docs/board.md.
#include <malloc.h>

#include <CLI/CLI.hpp>

#include "onestop/base/log.h"
#include "onestop/board/board_app.h"

int main(int argc, char** argv) {
    using namespace onestop;
    // A board runs for months: few malloc arenas for its handful of threads keep freed
    // texture and audio memory reusable instead of scattered (measured: −15 MB RSS).
    mallopt(M_ARENA_MAX, 2);
    board::BoardOptions options;
    CLI::App cli(
        "The hall's call display: the overhead hall screen (--layout hall) or the screen over\n"
        "one counter (--layout window --window N), live from the hub, with spoken calls.",
        "onestop-board");
    board::add_board_flags(cli, options);
    if (auto code = cli::parse(cli, argc, argv)) return *code;
    auto board = board::BoardApp::create(std::move(options));
    if (!board) {
        logger("board")->error("{}", board.error().message);
        return 1;
    }
    return (*board)->run();
}
