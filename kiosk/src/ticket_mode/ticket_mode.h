#pragma once
// The ticket kiosk at the entrance: services by department, a service's disclosure page,
// taking a number (from the hub, or offline from a leased block) and printing the slip.

#include <cstdint>
#include <memory>
#include <string>

#include "kiosk.h"
#include "onestop/net/complaints.h"
#include "onestop/printer/device_printer.h"

namespace onestop::kiosk {

struct IssuedTicket {
    std::string number;
    std::string service;
    int64_t id = 0;
    std::string code;
    int waiting_ahead = 0;
    bool priority = false;
    bool offline = false;  // issued from a leased block; sent to the hub later
    std::string qr_url;    // empty when offline (the hub has not given it an id yet)
};

enum class PrintState { None, Printing, Printed, Failed };

// What the ticket page shows; replaced by each new "take a number".
struct TicketView {
    enum class Phase { Pending, Issued, Failed } phase = Phase::Pending;
    uint64_t serial = 0;  // which take_number this belongs to
    std::string service;
    bool priority = false;
    IssuedTicket ticket;
    std::string error;  // Failed: a sentence for the applicant
    PrintState print = PrintState::None;
    std::string print_error;  // catalogue key: printer_paper_end …
};

// What the complaint's result page shows; replaced by each new file_complaint.
struct ComplaintView {
    enum class Phase { Pending, Filed, Failed } phase = Phase::Pending;
    uint64_t serial = 0;
    net::ComplaintRequest request;  // kept for 再试一次 after a failure
    net::FiledComplaint filed;
    std::string qr_url;
    bool offline = false;  // Failed: the hub could not be reached…
    bool unsure = false;   // …or did not answer in time: it may have filed it all the same
    std::string error;     // Failed: the hub's refusal, for the applicant
};

class TicketMode final : public KioskMode {
  public:
    explicit TicketMode(Kiosk& kiosk);
    ~TicketMode() override;

    std::unique_ptr<ui::Screen> first_screen() override;
    bool refresh(net::HubClient& hub) override;
    void on_event(const net::Event& event) override;

    Kiosk& kiosk() { return k_; }
    const TicketView& ticket_view() const { return ticket_; }
    // Starts issuing; the ticket page follows ticket_view().
    void take_number(const std::string& service, bool priority);

    const ComplaintView& complaint_view() const { return complaint_; }
    // Files a complaint from the 意见箱 (replacing the screen on top with its result page).
    // Not queued in the outbox when the hub is away: the hub gives the number and code the
    // complainant follows it by, and it keeps no request ids for complaints, so a replay
    // after a lost answer would file it twice. The page says it was not sent, and offers
    // to try again with the same choices.
    void file_complaint(net::ComplaintRequest request);

  private:
    // On the link's worker.
    bool refresh_catalogue(net::HubClient& hub);  // false when the hub did not answer
    void check_leases(net::HubClient& hub);
    void top_up_leases(net::HubClient& hub);
    void issue_on_worker(net::HubClient& hub, uint64_t serial, std::string service, bool priority);
    void on_printed(uint64_t serial, const Status& result);  // UI thread

    Kiosk& k_;
    TicketView ticket_;        // UI thread
    ComplaintView complaint_;  // UI thread
    uint64_t next_serial_ = 0;
    std::string last_catalogue_;  // link worker: unchanged answers redraw nothing
    std::unique_ptr<printer::DevicePrinter> printer_;
};

}  // namespace onestop::kiosk
