#include <doctest/doctest.h>

#include "onestop/base/text.h"

using namespace onestop;

TEST_CASE("pick gives the asked language, else the other one") {
    Text both{"成绩单", "Transcripts"};
    CHECK(pick(both, Lang::Zh) == "成绩单");
    CHECK(pick(both, Lang::En) == "Transcripts");
    Text zh_only{"成绩单", ""};
    CHECK(pick(zh_only, Lang::En) == "成绩单");
    Text en_only{"", "Transcripts"};
    CHECK(pick(en_only, Lang::Zh) == "Transcripts");
    CHECK(pick(Text{}, Lang::Zh).empty());
}
