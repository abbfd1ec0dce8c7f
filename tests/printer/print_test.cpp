// print() against the fake printer's faults: the N-th byte failing, a timeout with a
// partial transfer, a stuck printer, paper end, cover open.
#include <doctest/doctest.h>

#include "onestop/printer/fake_transport.h"
#include "onestop/printer/printer.h"
#include "samples.h"

using namespace onestop;
using namespace onestop::printer;

namespace {

Job sample_job(const char* profile = "pos58") {  // pos58: raster QR, ~3.9 KB
    return render_ticket(samples::ticket(Lang::Zh), find_profile(profile).value(), Lang::Zh)
        .value();
}

// Two raster tickets in one job: more than one chunk.
Job two_tickets() {
    Job job = sample_job();
    Job second = sample_job();
    job.bytes.insert(job.bytes.end(), second.bytes.begin(), second.bytes.end());
    return job;
}

// The job bytes the fake took, without the status queries around them.
std::vector<uint8_t> printed(const FakeTransport& fake) {
    const auto& r = fake.received();
    size_t lead = 9;  // DLE EOT 1, 2, 4 before the job
    return std::vector<uint8_t>(r.begin() + static_cast<ptrdiff_t>(lead), r.end() - 9);
}

}  // namespace

TEST_CASE("a job goes through whole, in chunks, with status before and after") {
    Job job = two_tickets();
    REQUIRE(job.bytes.size() > kChunkBytes);
    FakeTransport fake;
    auto report = print(fake, job);
    REQUIRE_MESSAGE(report.ok(), report.error().message);
    CHECK(report->bytes == job.bytes.size());
    CHECK(report->chunks == 2);
    CHECK(report->resumed_writes == 0);
    CHECK(report->status_known);
    CHECK(printed(fake) == job.bytes);
}

TEST_CASE("a write that times out part-way is resumed from the bytes transferred") {
    Job job = two_tickets();
    FakeTransport::Faults f;
    f.stalls = 5;
    f.stall_accept = 700;
    FakeTransport fake(f);
    auto report = print(fake, job);
    REQUIRE_MESSAGE(report.ok(), report.error().message);
    CHECK(report->resumed_writes == 5);
    CHECK(fake.timed_out_writes() == 5);
    CHECK(printed(fake) == job.bytes);  // nothing lost, nothing sent twice
}

TEST_CASE("a printer that takes nothing three times in a row is reported as stuck") {
    FakeTransport::Faults f;
    f.stalls = 100;
    f.stall_accept = 0;
    f.stall_from_byte = 9;  // after the status queries
    FakeTransport fake(f);
    auto report = print(fake, sample_job());
    REQUIRE_FALSE(report.ok());
    CHECK(report.error().code == errc::kTimeout);
    CHECK(is_retryable(report.error()));
}

TEST_CASE("failing on the N-th byte stops the job with a retryable error") {
    Job job = two_tickets();
    // 0: the first status query; 9: the first job byte; then mid-chunk, the second
    // chunk, and the job's last byte.
    for (size_t n : {size_t(0), size_t(9), size_t(100), size_t(9 + kChunkBytes + 10),
                     9 + job.bytes.size() - 1}) {
        CAPTURE(n);
        FakeTransport::Faults f;
        f.fail_at_byte = n;
        FakeTransport fake(f);
        auto report = print(fake, job);
        REQUIRE_FALSE(report.ok());
        CHECK(report.error().code == errc::kUnplugged);
        CHECK(is_retryable(report.error()));
        CHECK(fake.received().size() == n);  // exactly the bytes before the N-th
    }
}

TEST_CASE("an I/O failure is not retryable; the retry after an unplug prints the whole job") {
    Job job = sample_job("80mm");
    FakeTransport::Faults f;
    f.fail_at_byte = 200;
    f.fail_code = errc::kIo;
    FakeTransport broken(f);
    auto first = print(broken, job);
    REQUIRE_FALSE(first.ok());
    CHECK_FALSE(is_retryable(first.error()));

    FakeTransport replugged;  // what the caller gets from open_device() again
    auto again = print(replugged, job);
    REQUIRE(again.ok());
    CHECK(printed(replugged) == job.bytes);
}

TEST_CASE("paper end and an open cover refuse the job before a byte of it is sent") {
    FakeTransport out_of_paper;
    out_of_paper.status().paper_end = true;
    auto r1 = print(out_of_paper, sample_job());
    REQUIRE_FALSE(r1.ok());
    CHECK(r1.error().code == errc::kPaperEnd);
    CHECK(out_of_paper.received().size() == 9);  // only the three status queries

    FakeTransport cover;
    cover.status().cover_open = true;
    auto r2 = print(cover, sample_job());
    REQUIRE_FALSE(r2.ok());
    CHECK(r2.error().code == errc::kCoverOpen);

    FakeTransport offline;
    offline.status().online = false;
    CHECK(print(offline, sample_job()).error().code == errc::kOffline);
}

TEST_CASE("paper near end prints and shows in the report") {
    FakeTransport fake;
    fake.status().paper_near_end = true;
    auto report = print(fake, sample_job());
    REQUIRE(report.ok());
    CHECK(report->status.paper_near_end);
}

TEST_CASE("a printer that never answers status is printed to anyway") {
    FakeTransport::Faults f;
    f.silent = true;
    FakeTransport fake(f);
    Job job = sample_job("80mm");
    auto report = print(fake, job);
    REQUIRE(report.ok());
    CHECK_FALSE(report->status_known);
    CHECK(report->bytes == job.bytes.size());
}

TEST_CASE("chunk timeouts grow with the data and shrink with the print speed") {
    Profile fast = find_profile("80mm").value(), slow = find_profile("pos58").value();
    CHECK(chunk_timeout(fast, 4096) > chunk_timeout(fast, 64));
    CHECK(chunk_timeout(slow, 4096) > chunk_timeout(fast, 4096));
    // 4096 raster bytes on 58 mm paper: 85 rows = 10.7 mm, 0.12 s at 90 mm/s.
    CHECK(chunk_timeout(slow, 4096) >= Millis(1200));
    CHECK(chunk_timeout(slow, 4096) <= Millis(1300));
}
