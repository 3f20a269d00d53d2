// Calendar-block terms for dates: the blocks (year, month, day) that wholly contain a date or
// range.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace annosearch {

// The calendar blocks that contain the whole of r, coarsest first, as "2021", "2021-11",
// "2021-11-28". A range within one month gives year and month; one that spans years gives none.
[[nodiscard]] std::vector<std::string> enclosing_blocks(const DateRange& r);

}  // namespace annosearch
