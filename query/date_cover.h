// Date ranges on the query side: the calendar cover of a `--when` range (core/calendar.h, the
// blocks the index has XW/XP terms for) and containment of stored date values.
#pragma once

#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"

namespace annosearch {

// True when the date or range `value` (as stored: "2021-12-09", "2021-10-01..2021-10-10") lies
// within `range` (containment of intervals). False when `value` does not parse.
[[nodiscard]] bool date_within(const std::string& value, const DateRange& range);

}  // namespace annosearch
