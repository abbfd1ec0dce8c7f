#pragma once
// The month's published 好差评 summary (国办发〔2019〕51号: results made public): per unit and
// window the ratings, their average and the share satisfied (4–5), the bad ones that stood
// (an upheld appeal removes one), how many were rectified and how many of those by the
// deadline. No applicant data: the public page `/ratings` and the console show the same.

#include <string>
#include <vector>

#include "onestop/queue/hall.h"
#include "onestop/store/hub_store.h"
#include "reply.h"

namespace onestop::hub {

// {"date","units":[{"unit","name","ratings","average","satisfied_rate","bad","rectified",
// "rectification_rate","on_time","on_time_rate","windows":[{"window",…same}]}],"total":{…}};
// rates 0…1 or null when nothing to divide.
json rating_summary(const std::vector<store::Rating>& ratings, const queue::Hall& hall,
                    TimeZone zone, const std::string& month);

}  // namespace onestop::hub
