#pragma once
// A ticket's number as printed, shown and called: the service code and its sequence in at
// least three digits ("A007"). One definition for the engine and for a kiosk that numbers
// offline tickets from a leased block, so a slip and the hub never disagree on the form.

#include <string>

namespace onestop::queue {

std::string format_number(const std::string& service, int sequence);

}  // namespace onestop::queue
